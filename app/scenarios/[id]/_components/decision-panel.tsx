import Link from 'next/link';
import { ClaimList } from '@/app/_components/claim-card';
import { claimsOf, type ScenarioRuntime } from '@/app/_lib/runtime';
import { strings } from '@/app/_lib/strings';
import type { DecisionNode } from '@/content/parse';

/** The choice at a decision: who decides, the question, the text's framing, the options as links. */
export function DecisionPanel({
  runtime,
  decision,
  optionHrefs,
  path,
}: {
  runtime: ScenarioRuntime;
  decision: DecisionNode;
  optionHrefs: Readonly<Record<string, string>>;
  /** The step's path, for links into the source reader. */
  path: readonly string[];
}) {
  const { scenario } = runtime;
  const decider = scenario.actors[decision.decider];
  return (
    <section className="decision" aria-labelledby="choice-heading">
      <h2 id="choice-heading">{strings.choiceNow}</h2>
      <p className="decision__meta">
        {strings.decides}: <strong>{decider?.name}</strong>
      </p>
      <p className="question">
        <span className="ours__tag">{strings.ourQuestion}:</span> {decision.question}
      </p>
      {decision.framing.length > 0 && (
        <>
          <h3>{strings.framing}</h3>
          <ClaimList
            scenarioId={scenario.id}
            fromStep={path}
            claims={claimsOf(scenario, decision.framing)}
            headingLevel={4}
          />
        </>
      )}
      {decision.framingNote && (
        <p className="ours-block">
          <span className="ours__tag">{strings.ourNote}:</span> {decision.framingNote}
        </p>
      )}
      <h3 id="options-heading">{strings.options}</h3>
      <ol className="options" aria-labelledby="options-heading">
        {decision.options.map((option, i) => {
          const href = optionHrefs[option.id];
          if (!href) return null;
          return (
            <li key={option.id}>
              <Link className="option" href={href} data-option={option.id} prefetch={false}>
                <span className="option__key" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="option__label">{option.label}</span>
                <span className="option__desc">{option.description}</span>
              </Link>
            </li>
          );
        })}
      </ol>
      <p className="key-hint no-print">{strings.keyHint}</p>
    </section>
  );
}
