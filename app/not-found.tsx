import type { Metadata } from 'next';
import Link from 'next/link';
import { NearestStep } from './_components/nearest-step';
import { allRuntimes } from './_lib/runtime';
import { routes } from './_lib/routes';
import { strings } from './_lib/strings';

export const metadata: Metadata = { title: strings.notFoundTitle };

export default function NotFound() {
  const runtimes = allRuntimes();
  const known = runtimes.map(({ scenario, steps }) => ({
    id: scenario.id,
    title: scenario.title,
    steps: steps.map((s) => ({
      path: s.path.join('/'),
      title: scenario.nodes[s.nodeId]?.title ?? scenario.title,
    })),
  }));
  return (
    <>
      <h1>{strings.notFoundTitle}</h1>
      <p className="lead">{strings.notFoundBody}</p>
      <NearestStep scenarios={known} label={strings.nearestStep} />
      <ul className="roads">
        <li>
          <Link href={routes.library()}>{strings.backToLibrary}</Link>
        </li>
        {runtimes.map(({ scenario }) => (
          <li key={scenario.id}>
            <Link href={routes.briefing(scenario.id)}>
              {strings.briefingLabel}: {scenario.title}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
