import Link from 'next/link';
import { ClaimList } from '@/app/_components/claim-card';
import { ChoiceAnswerView, SilenceBlock, tiedClaims } from '@/app/_components/choice-answer';
import { outcomeSteps, type ScenarioRuntime, type StepView } from '@/app/_lib/runtime';
import { answerFor } from '@/machines/answers';
import { stepLabel } from '@/app/_lib/labels';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import type { OutcomeNode } from '@/content/parse';

/** An ending: the whole path with every consequence, the text's silences, and the roads not taken. */
export function OutcomeBody({
  runtime,
  outcome,
  view,
}: {
  runtime: ScenarioRuntime;
  outcome: OutcomeNode;
  view: StepView;
}) {
  const { scenario } = runtime;
  const here = view.path.join('/');
  const others = outcomeSteps(runtime).filter(({ step }) => step.path.join('/') !== here);
  return (
    <>
      <div className="ours-block summary-box">
        <p>
          <span className="ours__tag">{strings.ourSummary}:</span> {outcome.summary}
        </p>
      </div>

      <section aria-labelledby="every-consequence">
        <h2 id="every-consequence">{strings.everyConsequence}</h2>
        {view.choices.map((c) => (
          <section
            key={c.path.join('/')}
            aria-label={strings.atDecision(c.decision.title, c.option.label)}
          >
            <h3>{strings.atDecision(c.decision.title, c.option.label)}</h3>
            <ChoiceAnswerView
              scenarioId={scenario.id}
              claims={scenario.claims}
              answer={answerFor(scenario, c.decisionId, c.option.id)}
              optionLabel={c.option.label}
              headingLevel={4}
              fromStep={view.path}
            />
          </section>
        ))}
        {outcome.consequences.length > 0 && (
          <section aria-labelledby="where-it-leads">
            <h3 id="where-it-leads">{strings.whereItLeads}</h3>
            <ClaimList
              scenarioId={scenario.id}
              fromStep={view.path}
              claims={tiedClaims(scenario.claims, outcome.consequences)}
              headingLevel={4}
            />
          </section>
        )}
      </section>

      {outcome.silences.length > 0 && (
        <section aria-labelledby="silences">
          <h2 id="silences">{strings.silences}</h2>
          {outcome.silences.map((silence) => (
            <SilenceBlock
              key={silence.about}
              scenarioId={scenario.id}
              claims={scenario.claims}
              silence={silence}
              fromStep={view.path}
            />
          ))}
        </section>
      )}

      <section aria-labelledby="roads">
        <h2 id="roads">{strings.roadsNotTaken}</h2>
        <ul className="roads">
          {view.choices.flatMap((c) =>
            c.decision.options
              .filter((o) => o.id !== c.option.id)
              .map((o) => (
                <li key={`${c.path.join('/')}>${o.id}`}>
                  <Link
                    href={routes.step(scenario.id, [...c.path.slice(0, -1), o.id])}
                    prefetch={false}
                  >
                    {strings.insteadAt(c.decision.title, o.label)}
                  </Link>
                </li>
              )),
          )}
        </ul>
        <h3>{strings.otherOutcomes}</h3>
        <ul className="roads">
          {others.map(({ step, node }) => (
            <li key={step.path.join('/')}>
              <Link href={routes.step(scenario.id, step.path)} prefetch={false}>
                {node.title}
              </Link>{' '}
              <span className="key-hint">({stepLabel(scenario, step.snapshot)})</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
