import Link from 'next/link';
import { ClaimList } from '@/app/_components/claim-card';
import { claimsOf, outcomeSteps, type ScenarioRuntime, type StepView } from '@/app/_lib/runtime';
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
            {c.option.consequences.length > 0 ? (
              <ClaimList
                scenarioId={scenario.id}
                fromStep={view.path}
                claims={claimsOf(scenario, c.option.consequences)}
                headingLevel={4}
              />
            ) : (
              <p>{strings.noConsequences(c.option.label)}</p>
            )}
          </section>
        ))}
        {outcome.consequences.length > 0 && (
          <section aria-labelledby="where-it-leads">
            <h3 id="where-it-leads">{strings.whereItLeads}</h3>
            <ClaimList
              scenarioId={scenario.id}
              fromStep={view.path}
              claims={claimsOf(scenario, outcome.consequences)}
              headingLevel={4}
            />
          </section>
        )}
      </section>

      {outcome.silences.length > 0 && (
        <section aria-labelledby="silences">
          <h2 id="silences">{strings.silences}</h2>
          {outcome.silences.map((silence) => (
            <div className="silence" key={silence.about}>
              <h3 className="silence__statement">{strings.textDoesNotSay(silence.about)}</h3>
              <p>{strings.whatItSaysOfParts}</p>
              <ClaimList
                scenarioId={scenario.id}
                fromStep={view.path}
                claims={claimsOf(scenario, silence.parts)}
                headingLevel={4}
              />
            </div>
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
