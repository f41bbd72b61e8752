import type { Ref } from 'react';
import type { ListedClaim } from '@/app/_components/claim-card';
import { strings } from '@/app/_lib/strings';
import type { DecisionNode } from '@/content/parse';
import { ExerciseClaim } from './exercise-claim';

export interface ChooseStageProps {
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
  onChoose: (optionId: string) => void;
  /** Back to the last reveal, if the machine allows it. */
  onBack?: () => void;
}

/** A decision: who decides, our question, how the text frames it, and the options. */
export function ChooseStage({
  scenarioId,
  decision,
  number,
  decider,
  framing,
  lensVoice,
  headingRef,
  onChoose,
  onBack,
}: ChooseStageProps) {
  const options = (
    <ol className="options" aria-labelledby="options-heading">
      {decision.options.map((o, i) => (
        <li key={o.id}>
          <button type="button" className="option" onClick={() => onChoose(o.id)}>
            <span className="option__key" aria-hidden="true">
              {i + 1}
            </span>
            <span className="option__label">{o.label}</span>
            <span className="option__desc">{o.description}</span>
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
      {options}
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
