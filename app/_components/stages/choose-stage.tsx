import type { Ref } from 'react';
import type { ListedClaim } from '@/app/_components/claim-card';
import { strings } from '@/app/_lib/strings';
import type { DecisionNode } from '@/content/parse';
import { ExerciseClaim } from './exercise-claim';
import type { StageForm } from './stage-form';

interface ChooseStageBase {
  scenarioId: string;
  decision: DecisionNode;
  /** 1-based number of this decision on the path. */
  number: number;
  /** The decider's name. */
  decider: string | undefined;
  /** How the text frames the choice: the decision's framing claims. */
  framing: readonly ListedClaim[];
  /** The source's voice, when the claim lens is on. */
  lensVoice?: string;
  headingRef?: Ref<HTMLHeadingElement>;
  /**
   * The learner's current pick, where a second pick replaces the first (a vote): each option
   * says whether it is the pick (aria-pressed), and the pick says so in words.
   */
  selected?: string;
  /** Back to the last reveal, if the machine allows it. */
  onBack?: () => void;
}

/**
 * With `form`, the options are submit buttons of a POST form (`optionId` = the option's id);
 * with `onChoose` too, a click calls it instead of submitting. With `onChoose` alone they are
 * plain buttons.
 */
export type ChooseStageProps = ChooseStageBase &
  (
    | { onChoose: (optionId: string) => void; form?: StageForm }
    | { form: StageForm; onChoose?: (optionId: string) => void }
  );

/** A decision: who decides, our question, how the text frames it, and the options. */
export function ChooseStage({
  scenarioId,
  decision,
  number,
  decider,
  framing,
  lensVoice,
  headingRef,
  selected,
  onBack,
  onChoose,
  form,
}: ChooseStageProps) {
  const voting = form !== undefined || selected !== undefined;
  const options = (
    <ol className="options" aria-labelledby="options-heading">
      {decision.options.map((o, i) => (
        <li key={o.id}>
          <button
            type={form ? 'submit' : 'button'}
            className="option"
            name={form ? 'optionId' : undefined}
            value={form ? o.id : undefined}
            aria-pressed={voting ? o.id === selected : undefined}
            onClick={
              onChoose
                ? (e) => {
                    e.preventDefault();
                    onChoose(o.id);
                  }
                : undefined
            }
          >
            <span className="option__key" aria-hidden="true">
              {i + 1}
            </span>
            <span className="option__label">{o.label}</span>
            <span className="option__desc">{o.description}</span>
            {/* aria-pressed says it to assistive technology; this says it to the eye. */}
            {o.id === selected && (
              <span className="option__picked" aria-hidden="true">
                {strings.currentPick}
              </span>
            )}
          </button>
        </li>
      ))}
    </ol>
  );
  return (
    <section aria-labelledby="stage-heading" className="stage decision">
      <span className="eyebrow">{strings.stepLabel(number)}</span>
      <h2 id="stage-heading" ref={headingRef} tabIndex={-1}>
        {decision.title}
      </h2>
      <p className="decision__meta">
        {strings.decides}: <strong>{decider}</strong>
      </p>
      <p className="question">
        <span className="ours__tag">{strings.ourQuestion}:</span> {decision.question}
      </p>
      {framing.length > 0 && (
        <>
          <h3>{strings.framing}</h3>
          {framing.map(({ id, claim }) => (
            <ExerciseClaim
              key={id}
              scenarioId={scenarioId}
              claim={claim}
              showKind
              lensVoice={lensVoice}
            />
          ))}
        </>
      )}
      <h3 id="options-heading">{strings.chooseOption}</h3>
      {form ? (
        <form method="post" action={form.action}>
          {options}
        </form>
      ) : (
        options
      )}
      {onBack && (
        <p className="step-nav">
          <button type="button" className="button" onClick={onBack}>
            {strings.backToReveal}
          </button>
        </p>
      )}
    </section>
  );
}
