import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClaimList } from '@/app/_components/claim-card';
import { ChoiceAnswerView, listedClaims, tiedClaims } from '@/app/_components/choice-answer';
import { ViewHeader } from '@/app/_components/view-header';
import { compareDecisions, comparisonRows, onlyOn, outcomeColumns } from '@/app/_lib/compare';
import { getRuntime } from '@/app/_lib/runtime';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { placedByOurReading } from '@/machines/answers';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const runtime = getRuntime((await params).id);
  if (!runtime) return {};
  return { title: strings.compareTitle(runtime.scenario.title), description: strings.compareIntro };
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function ComparePage({ params, searchParams }: Props) {
  const runtime = getRuntime((await params).id);
  if (!runtime) notFound();
  const { scenario } = runtime;
  const query = await searchParams;
  const outcomes = outcomeColumns(runtime);
  const rowIds = comparisonRows(outcomes);
  const a = outcomes.find((o) => o.token === one(query.a));
  const b = outcomes.find((o) => o.token === one(query.b));

  return (
    <>
      <ViewHeader
        scenario={scenario}
        view="compare"
        label={strings.compare}
        title={strings.compareTitle(scenario.title)}
        intro={strings.compareIntro}
      />

      <section aria-labelledby="pick-two" className="pick-two">
        <h2 id="pick-two">{strings.pickTwo}</h2>
        <form method="get" action={routes.compare(scenario.id)} className="pick-two__form">
          {(
            [
              ['a', strings.pathA, a ?? outcomes[0]],
              ['b', strings.pathB, b ?? outcomes.at(-1)],
            ] as const
          ).map(([name, label, selected]) => (
            <p key={name}>
              <label htmlFor={`pick-${name}`}>{label}</label>
              <select id={`pick-${name}`} name={name} defaultValue={selected?.token}>
                {outcomes.map((o) => (
                  <option key={o.token} value={o.token}>
                    {o.node.title} ({o.label})
                  </option>
                ))}
              </select>
            </p>
          ))}
          <p>
            <button type="submit" className="button button--primary">
              {strings.showDifferences}
            </button>
          </p>
        </form>
        {a && b && a.token === b.token && (
          <p id="differences" className="notice">
            {strings.samePath}
          </p>
        )}
        {a && b && a.token !== b.token && (
          <div id="differences" className="differences">
            {(
              [
                [a, b],
                [b, a],
              ] as const
            ).map(([x, y], i) => {
              const only = onlyOn(x, y);
              return (
                <section key={i} aria-label={strings.onlyOn(x.node.title)}>
                  <h3>{strings.onlyOn(x.node.title)}</h3>
                  {only.length > 0 ? (
                    <ClaimList
                      scenarioId={scenario.id}
                      claims={listedClaims(scenario.claims, only)}
                      headingLevel={4}
                    />
                  ) : (
                    <p>{strings.noDifferences}</p>
                  )}
                  {x.node.ruledOut && (
                    <p className="ruled-out">
                      {strings.ruledOut(x.node.ruledOut.tie.kind).heading}.
                    </p>
                  )}
                  {x.node.silences.map((s) => (
                    <p key={s.about} className="silence">
                      {strings.textDoesNotSay(s.about)}
                    </p>
                  ))}
                </section>
              );
            })}
          </div>
        )}
      </section>

      <section aria-labelledby="by-decision">
        <h2 id="by-decision">{strings.byDecision}</h2>
        {compareDecisions(runtime).map(({ nodeId, decision, after, count, shared, only }) => {
          const headingId = `d-${nodeId}`;
          return (
            <section key={nodeId} aria-labelledby={headingId}>
              <h3 id={headingId}>
                {after ? strings.decisionAfter(decision.title, after) : decision.title}
              </h3>
              {count > 1 && <p className="ours">{strings.sameAt(count)}</p>}
              <div className="columns">
                {decision.options.map((o) => {
                  const answer = only[o.id];
                  return (
                    <div key={o.id} className="column">
                      <h4>
                        {strings.saidOf(
                          o.label,
                          answer !== undefined && placedByOurReading(answer),
                        )}
                      </h4>
                      {answer && (
                        <ChoiceAnswerView
                          scenarioId={scenario.id}
                          claims={scenario.claims}
                          answer={answer}
                          optionLabel={o.label}
                          headingLevel={4}
                        />
                      )}
                    </div>
                  );
                })}
              </div>
              {shared.length > 0 && (
                <>
                  <h4>{strings.saidOfBoth}</h4>
                  <ClaimList
                    scenarioId={scenario.id}
                    claims={tiedClaims(scenario.claims, shared)}
                    headingLevel={4}
                  />
                </>
              )}
            </section>
          );
        })}
      </section>

      <section>
        <h2 id="side-by-side">{strings.outcomesSideBySide}</h2>
        <div className="table-scroll" role="region" aria-labelledby="side-by-side" tabIndex={0}>
          <table className="compare-table">
            <caption className="visually-hidden">{strings.outcomesSideBySide}</caption>
            <thead>
              <tr>
                <th scope="col">{strings.claimColumn}</th>
                {outcomes.map((o) => (
                  <th scope="col" key={o.token}>
                    <Link href={routes.step(scenario.id, o.step.path)}>{o.node.title}</Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rowIds.map((id) => {
                const claim = scenario.claims[id]!;
                return (
                  <tr key={id}>
                    <th scope="row">
                      {claim.label}{' '}
                      <span className={`kind kind--${claim.kind}`}>
                        {strings.kinds[claim.kind]}
                      </span>
                    </th>
                    {outcomes.map((o) => {
                      const roles = o.claims.get(id);
                      return (
                        <td key={o.token}>
                          {roles ? (
                            <>
                              {roles.map((r) => strings.claimRole[r]).join('; ')}:{' '}
                              {claim.citations.map((c, i) => (
                                <span key={`${c.anchor}-${i}`}>
                                  {i > 0 && ', '}
                                  <Link
                                    href={routes.source(scenario.id, c.anchor)}
                                    prefetch={false}
                                  >
                                    {strings.location(c)}
                                  </Link>
                                </span>
                              ))}
                            </>
                          ) : (
                            <span className="muted">{strings.notOnPath}</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
              <tr>
                <th scope="row">{strings.silentOrRuledOut}</th>
                {outcomes.map((o) => (
                  <td key={o.token}>
                    {o.node.ruledOut && (
                      <p>{strings.ruledOut(o.node.ruledOut.tie.kind).heading}.</p>
                    )}
                    {o.node.silences.map((s) => (
                      <p key={s.about}>{strings.textDoesNotSay(s.about)}</p>
                    ))}
                    {!o.node.ruledOut && o.node.silences.length === 0 && '—'}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
