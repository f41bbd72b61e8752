import Link from 'next/link';
import { ClaimList } from '@/app/_components/claim-card';
import { RuledOutBlock, SilenceBlock, tiedClaims } from '@/app/_components/choice-answer';
import { PromptList } from '@/app/_components/prompt-list';
import { debriefHref, sharedFrom } from '@/app/_lib/debrief';
import { strings } from '@/app/_lib/strings';
import type { TrainingScenario } from '@/app/_lib/training';
import type { OutcomeNode } from '@/content/parse';
import type { ExerciseContext } from '@/machines/exercise-machine';
import { KeyButton } from './key-button';
import { ScreenHeading } from './screen-heading';
import { TallyTable } from './votes';

const t = strings.present;

/** The end of the path: our summary, the text's silences, the room's votes, and what next. */
export function DebriefScreen({
  scenario,
  node,
  context,
  onRestart,
  onBack,
}: {
  scenario: TrainingScenario;
  node: OutcomeNode;
  context: ExerciseContext;
  onRestart: () => void;
  /** Back to the last reveal, if the machine allows it. */
  onBack: (() => void) | undefined;
}) {
  const { path, records, tallies } = context;
  const href = debriefHref(
    scenario.id,
    path,
    sharedFrom(records, { includePredictions: false, tallies }),
  );
  const leads = tiedClaims(scenario.claims, node.consequences);
  return (
    <>
      <ScreenHeading eyebrow={t.debriefLabel} text={node.title} />
      <div className="ours-block p-intro">
        <p>
          <span className="ours__tag">{t.ourSummary}:</span> {node.summary}
        </p>
      </div>

      <section aria-labelledby="p-tally-heading">
        <h2 id="p-tally-heading">{t.tallyHeading}</h2>
        <TallyTable scenario={scenario} records={records} tallies={tallies} />
      </section>

      {leads.length > 0 && (
        <section aria-labelledby="p-leads-heading">
          <h2 id="p-leads-heading">{t.whereItLeads}</h2>
          <ClaimList scenarioId={scenario.id} claims={leads} headingLevel={3} fromStep={path} />
        </section>
      )}

      {node.ruledOut && (
        <section aria-label={t.ruledOut(node.ruledOut.tie.kind).heading}>
          <RuledOutBlock
            scenarioId={scenario.id}
            claims={scenario.claims}
            ruledOut={node.ruledOut}
            headingLevel={2}
            fromStep={path}
          />
        </section>
      )}

      {node.silences.length > 0 && (
        <section aria-labelledby="p-silences-heading">
          <h2 id="p-silences-heading">{t.silences}</h2>
          {node.silences.map((silence) => (
            <SilenceBlock
              key={silence.about}
              scenarioId={scenario.id}
              claims={scenario.claims}
              silence={silence}
              fromStep={path}
            />
          ))}
        </section>
      )}

      <PromptList prompts={node.prompts} />

      <div className="p-actions p-end">
        <Link className="button button--primary p-button" href={href} prefetch={false}>
          {t.openDebrief}
        </Link>
        {onBack && <KeyButton label={t.back} shortcut="B" onClick={onBack} />}
        <button type="button" className="button p-button" onClick={onRestart}>
          {t.restart}
        </button>
      </div>
      <p className="p-muted">
        {t.openDebriefNote} {t.restartNote}
      </p>
    </>
  );
}
