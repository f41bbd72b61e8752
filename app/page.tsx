import Link from 'next/link';
import { allRuntimes, decisionCount, outcomeSteps } from './_lib/runtime';
import { routes } from './_lib/routes';
import { strings } from './_lib/strings';

export default function LibraryPage() {
  const runtimes = allRuntimes();
  return (
    <>
      <h1>{strings.libraryTitle}</h1>
      <p className="lead">{strings.libraryIntro}</p>
      <ul className="cards" role="list">
        {runtimes.map((runtime) => {
          const { scenario } = runtime;
          return (
            <li key={scenario.id}>
              <article className="card" aria-labelledby={`card-${scenario.id}`}>
                <h2 id={`card-${scenario.id}`}>{scenario.title}</h2>
                <p>{scenario.summary}</p>
                <dl>
                  <dt>{strings.voiceOf}</dt>
                  <dd>{scenario.source.voice}</dd>
                  <dt>{strings.sourceText}</dt>
                  <dd>{scenario.source.title}</dd>
                  <dt>{strings.scope}</dt>
                  <dd>
                    {strings.decisionsCount(decisionCount(scenario))},{' '}
                    {strings.outcomesCount(outcomeSteps(runtime).length)}
                  </dd>
                </dl>
                <Link className="button button--primary" href={routes.briefing(scenario.id)}>
                  {strings.start}
                  <span className="visually-hidden"> ({scenario.title})</span>
                </Link>
              </article>
            </li>
          );
        })}
      </ul>
    </>
  );
}
