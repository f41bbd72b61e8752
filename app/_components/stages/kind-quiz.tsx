'use client';

import { useEffect, useRef, useState } from 'react';
import { strings } from '@/app/_lib/strings';
import type { ClaimKind } from '@/content/schema';

const KINDS = Object.keys(strings.kinds) as ClaimKind[];

/** "What kind of claim is this?": one radio per kind, and Check. */
export function KindQuiz({
  claimId,
  onGuess,
}: {
  claimId: string;
  onGuess: (claimId: string, kind: ClaimKind) => void;
}) {
  const [kind, setKind] = useState<ClaimKind | undefined>();
  return (
    <form
      className="kind-quiz"
      onSubmit={(e) => {
        e.preventDefault();
        if (kind) onGuess(claimId, kind);
      }}
    >
      <fieldset className="choices choices--inline">
        <legend>{strings.kindQuestion}</legend>
        {KINDS.map((k) => (
          <label key={k} className="choice">
            <input
              type="radio"
              name={`kind-${claimId}`}
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            <span>{strings.kinds[k]}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={!kind}>
        {strings.check}
      </button>
    </form>
  );
}

/**
 * The answer to "what kind of claim is this?". It replaces the quiz form, which had the focus, so
 * its heading takes the focus when it comes from a Check (a screen reader reads it out there): no
 * live region, which would be created already holding its text and so often go unannounced.
 */
export function KindVerdict({
  right,
  kind,
  reason,
  focus,
}: {
  right: boolean;
  kind: string;
  reason: string;
  focus: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <div className={`verdict kind-verdict ${right ? 'verdict--right' : 'verdict--wrong'}`}>
      <h4 ref={heading} tabIndex={-1} className="verdict__line">
        {right ? strings.kindRight(kind) : strings.kindWrong(kind)}
      </h4>
      {!right && <p>{reason}</p>}
    </div>
  );
}
