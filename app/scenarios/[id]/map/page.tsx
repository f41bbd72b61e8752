import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { ScenarioViews } from '@/app/_components/scenario-views';
import { VoiceNotice } from '@/app/_components/voice-notice';
import { layoutMap } from '@/app/_lib/map-layout';
import { getRuntime } from '@/app/_lib/runtime';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { DecisionMap } from '../_components/decision-map';
import { MapEnhancer } from './map-enhancer';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const runtime = getRuntime((await params).id);
  if (!runtime) return {};
  return { title: strings.mapTitle(runtime.scenario.title), description: strings.mapIntro };
}

export default async function MapPage({ params }: Props) {
  const runtime = getRuntime((await params).id);
  if (!runtime) notFound();
  const { scenario } = runtime;
  const layout = layoutMap(scenario, runtime.steps);
  return (
    <>
      <nav className="crumbs" aria-label={strings.pathSoFar}>
        <ol>
          <li>
            <Link href={routes.briefing(scenario.id)}>{scenario.title}</Link>
          </li>
          <li aria-current="page">{strings.map}</li>
        </ol>
      </nav>
      <h1>{strings.mapTitle(scenario.title)}</h1>
      <ScenarioViews scenarioId={scenario.id} current="map" />
      <VoiceNotice voice={scenario.source.voice} sourceHref={routes.source(scenario.id)} />
      <p className="prose">{strings.mapIntro}</p>
      <DecisionMap layout={layout} title={strings.mapTitle(scenario.title)} />
      <section aria-labelledby="map-key" className="map-key">
        <h2 id="map-key">{strings.mapLegend}</h2>
        <ul>
          <li>
            <span className="swatch swatch--here" aria-hidden="true" />{' '}
            {strings.mapLegendItems.here}
          </li>
          <li>
            <span className="swatch swatch--visited" aria-hidden="true" />{' '}
            {strings.mapLegendItems.visited}
          </li>
          <li>
            <span className="swatch swatch--silent" aria-hidden="true" />{' '}
            {strings.mapLegendItems.silent}
          </li>
        </ul>
      </section>
      <Suspense fallback={null}>
        <MapEnhancer />
      </Suspense>
    </>
  );
}
