import Link from 'next/link';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';

export type View = 'map' | 'outline' | 'compare' | 'source' | 'exercise' | 'present';

/**
 * Links to the scenario's whole-tree views; from a step, the map opens at that step. On a phone
 * they fold into one disclosure (a `<details>`, so it opens without JavaScript, from the keyboard,
 * and is announced as a collapsed or expanded button); on a wide screen they show as one row.
 */
export function ScenarioViews({
  scenarioId,
  fromStep,
  current,
}: {
  scenarioId: string;
  fromStep?: readonly string[];
  current?: View;
}) {
  const links: [View, string, string][] = [
    [
      'map',
      strings.map,
      fromStep ? routes.mapFromStep(scenarioId, fromStep) : routes.map(scenarioId),
    ],
    ['outline', strings.outline, routes.outline(scenarioId)],
    ['compare', strings.compare, routes.compare(scenarioId)],
    ['source', strings.sourceText, routes.source(scenarioId)],
    ['exercise', strings.exercise, routes.exercise(scenarioId)],
    ['present', strings.presenter, routes.present(scenarioId)],
  ];
  return (
    <nav className="views no-print" aria-label={strings.scenarioTools}>
      <details>
        <summary>{strings.scenarioTools}</summary>
        <ul>
          {links.map(([view, label, href]) => (
            <li key={view}>
              <Link
                href={href}
                prefetch={false}
                aria-current={view === current ? 'page' : undefined}
              >
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}
