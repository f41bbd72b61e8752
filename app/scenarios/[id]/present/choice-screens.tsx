import { ChoiceAnswerView } from '@/app/_components/choice-answer';
import { PromptList } from '@/app/_components/prompt-list';
import { strings } from '@/app/_lib/strings';
import type { TrainingScenario } from '@/app/_lib/training';
import type { DecisionNode } from '@/content/parse';
import { answerFor, placedByOurReading } from '@/machines/answers';
import { KeyButton } from './key-button';
import { ScreenHeading } from './screen-heading';
import { VoteBars } from './votes';

const t = strings.present;

type Option = DecisionNode['options'][number];

/**
 * The room has chosen; what the text says follows is not rendered at all until the reveal, so
 * it cannot be read from the page, the accessibility tree or a stray stylesheet.
 */
export function PredictingScreen({
  node,
  number,
  option,
  counts,
  onReveal,
  onBack,
}: {
  node: DecisionNode;
  number: number;
  option: Option;
  counts: Readonly<Record<string, number>> | undefined;
  onReveal: () => void;
  /** Back to the choice, if the machine allows it. */
  onBack: (() => void) | undefined;
}) {
  return (
    <>
      <ScreenHeading
        eyebrow={`${t.decisionNumber(number)} · ${node.title}`}
        text={t.roomGoesWith(option.label)}
      />
      <p className="p-lead">{option.description}</p>
      <section aria-labelledby="p-vote-heading">
        <h2 id="p-vote-heading">{t.roomVoteHeading}</h2>
        <VoteBars decision={node} counts={counts} chosenId={option.id} />
      </section>
      <p className="ours-block p-note">{t.hiddenUntilReveal}</p>
      <p className="p-actions">
        <KeyButton label={t.reveal} shortcut="R" primary onClick={onReveal} />
        {onBack && <KeyButton label={t.back} shortcut="B" onClick={onBack} />}
      </p>
    </>
  );
}

/** What the text says follows from the room's choice: its own words, located. */
export function RevealedScreen({
  scenario,
  nodeId,
  node,
  number,
  option,
  stepPath,
  lastDecision,
  onNext,
  onBack,
}: {
  scenario: TrainingScenario;
  nodeId: string;
  node: DecisionNode;
  number: number;
  option: Option;
  stepPath: readonly string[];
  lastDecision: boolean;
  onNext: () => void;
  /** Back to the room's choice, the answer hidden again, if the machine allows it. */
  onBack: (() => void) | undefined;
}) {
  const answer = answerFor(scenario, nodeId, option.id);
  return (
    <>
      <ScreenHeading
        eyebrow={`${t.decisionNumber(number)} · ${node.title}`}
        text={t.youChose(option.label, placedByOurReading(answer))}
      />
      <ChoiceAnswerView
        scenarioId={scenario.id}
        claims={scenario.claims}
        answer={answer}
        optionLabel={option.label}
        headingLevel={2}
        fromStep={stepPath}
      />
      <p className="p-actions">
        <KeyButton
          label={lastDecision ? t.toDebrief : t.next}
          shortcut="N"
          primary
          onClick={onNext}
        />
        {onBack && <KeyButton label={t.back} shortcut="B" onClick={onBack} />}
      </p>
      <PromptList prompts={node.prompts} />
    </>
  );
}
