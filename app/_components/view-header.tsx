import Link from 'next/link';
import type { Scenario } from '@/content/parse';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { ScenarioViews, type View } from './scenario-views';
import { VoiceNotice } from './voice-notice';

/** The top of a whole-scenario view (map, outline, compare, reader): crumbs, title, views, voice. */
export function ViewHeader({
  scenario,
  view,
  label,
  title,
  intro,
}: {
  scenario: Pick<Scenario, 'id' | 'title' | 'source'>;
  view: View;
  /** Short name of the view, for the breadcrumb. */
  label: string;
  title: string;
  intro: string;
}) {
  return (
    <>
      <nav className="crumbs" aria-label={strings.pathSoFar}>
        <ol>
          <li>
            <Link href={routes.briefing(scenario.id)} prefetch={false}>
              {scenario.title}
            </Link>
          </li>
          <li aria-current="page">{label}</li>
        </ol>
      </nav>
      <h1>{title}</h1>
      <ScenarioViews scenarioId={scenario.id} current={view} />
      <VoiceNotice source={scenario.source} sourceHref={routes.source(scenario.id)} />
      <p className="prose">{intro}</p>
    </>
  );
}
