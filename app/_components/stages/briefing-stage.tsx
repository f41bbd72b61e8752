import type { Ref } from 'react';
import { strings } from '@/app/_lib/strings';

export interface BriefingStageProps {
  headingRef?: Ref<HTMLHeadingElement>;
  /** A saved exercise could not be read and was discarded: say so. */
  discarded: boolean;
  /** Resume the saved exercise, where there is one to resume. */
  onResume?: () => void;
  onStart: () => void;
  /** While a start is on its way (or cannot be made), the button waits. */
  startDisabled?: boolean;
}

/** How the exercise works, and the way in: start, or resume what this device saved. */
export function BriefingStage({
  headingRef,
  discarded,
  onResume,
  onStart,
  startDisabled = false,
}: BriefingStageProps) {
  return (
    <section aria-labelledby="stage-heading" className="stage">
      <h2 id="stage-heading" ref={headingRef} tabIndex={-1}>
        {strings.howToUse}
      </h2>
      <p className="ours-block">{strings.exerciseIntro}</p>
      <ol>
        {strings.exerciseHow.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      {discarded && (
        <p className="notice" role="status">
          {strings.discardedExercise}
        </p>
      )}
      <p className="step-nav">
        {onResume && (
          <button type="button" className="button button--primary" onClick={onResume}>
            {strings.resumeExercise}
          </button>
        )}
        <button
          type="button"
          className="button button--primary"
          onClick={onStart}
          disabled={startDisabled}
        >
          {strings.startExercise}
        </button>
      </p>
    </section>
  );
}
