'use client';

import { useState, type FormEvent, type Ref } from 'react';
import { strings } from '@/app/_lib/strings';
import type { Claim } from '@/content/parse';
import { MAX_PREDICTION_LENGTH, type Prediction } from '@/machines/exercise-machine';
import type { StageForm } from './stage-form';

interface PredictStageBase {
  /** The option chosen, whose consequence is to be predicted. */
  optionLabel: string;
  claims: Readonly<Record<string, Claim>>;
  /** What to predict from (candidatesFor): claim ids, null for "the text says nothing of its own". */
  candidates: readonly (string | null)[];
  headingRef?: Ref<HTMLHeadingElement>;
  /** A prediction already made, shown checked or filled in (a second one replaces it). */
  initial?: Prediction;
  /**
   * The submit button's label: by default "lock in and reveal" (the learner's own exercise); a
   * phone in a room, where the facilitator reveals, sends its prediction (strings.sendPrediction).
   */
  submitLabel?: string;
  /** Back to the choice; without it there is no back button. */
  onBack?: () => void;
}

/**
 * With `onSubmit`, the prediction is checked here (a pick or words, else an error) and handed
 * over. With `form` alone, it is a plain POST form (`candidate`: a claim id, or "" for nothing;
 * `text`: the learner's words), and the route handler validates it.
 */
export type PredictStageProps = PredictStageBase &
  (
    | { onSubmit: (prediction: Prediction) => void; form?: StageForm }
    | { form: StageForm; onSubmit?: (prediction: Prediction) => void }
  );

/** Before the reveal: what does the learner think the text says follows from their choice? */
export function PredictStage({
  optionLabel,
  claims,
  candidates,
  headingRef,
  initial,
  submitLabel = strings.revealButton,
  onBack,
  onSubmit,
  form,
}: PredictStageProps) {
  const [picked, setPicked] = useState<string | undefined>(
    initial?.kind === 'candidate' ? (initial.claimId ?? '') : undefined,
  );
  const [text, setText] = useState(initial?.kind === 'text' ? initial.text : '');
  const [error, setError] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!onSubmit) return;
    if (text.trim()) onSubmit({ kind: 'text', text: text.trim() });
    else if (picked !== undefined)
      onSubmit({ kind: 'candidate', claimId: picked === '' ? null : picked });
    else setError(true);
  };
  return (
    <section aria-labelledby="stage-heading" className="stage">
      <span className="eyebrow">{strings.youChoseShort(optionLabel)}</span>
      <h2 id="stage-heading" ref={headingRef} tabIndex={-1}>
        {strings.predictHeading}
      </h2>
      <form
        method={form ? 'post' : undefined}
        action={form?.action}
        onSubmit={onSubmit ? submit : undefined}
        aria-describedby={error ? 'predict-error' : undefined}
        noValidate={onSubmit ? true : undefined}
      >
        <fieldset className="choices">
          <legend>{strings.predictPick}</legend>
          {candidates.map((id) => {
            const value = id ?? '';
            return (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name="candidate"
                  value={value}
                  checked={picked === value}
                  onChange={() => {
                    setPicked(value);
                    setError(false);
                  }}
                />
                <span>{id === null ? strings.predictNothing : (claims[id]?.label ?? id)}</span>
              </label>
            );
          })}
        </fieldset>
        <p>
          <label htmlFor="own-words" className="block-label">
            {strings.predictOwn}
          </label>
          <textarea
            id="own-words"
            name="text"
            rows={3}
            maxLength={MAX_PREDICTION_LENGTH}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(false);
            }}
          />
        </p>
        {error && (
          <p id="predict-error" className="notice" role="alert">
            {strings.predictRequired}
          </p>
        )}
        <p className="step-nav">
          <button type="submit" className="button button--primary">
            {submitLabel}
          </button>
          {onBack && (
            <button type="button" className="button" onClick={onBack}>
              {strings.changeChoice}
            </button>
          )}
        </p>
      </form>
    </section>
  );
}
