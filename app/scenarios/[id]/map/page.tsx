import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { ViewHeader } from '@/app/_components/view-header';
import { layoutMap } from '@/app/_lib/map-layout';
import { getRuntime } from '@/app/_lib/runtime';
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
  // The key's line for ruled-out boxes, hedged where a ruling's tie to its path is our reading.
  const rulings = [
    ...new Set(layout.nodes.flatMap((n) => (n.ruledOut ? [n.ruledOut] : []))),
  ].sort() as ('stated' | 'inferred')[];
  if (rulings.length === 0) rulings.push('stated');
  return (
    <>
      <ViewHeader
        scenario={scenario}
        view="map"
        label={strings.map}
        title={strings.mapTitle(scenario.title)}
        intro={strings.mapIntro}
      />
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
          {rulings.map((tie) => (
            <li key={tie}>
              <span className="swatch swatch--ruled-out" aria-hidden="true" />{' '}
              {tie === 'stated'
                ? strings.mapLegendItems.ruledOut
                : strings.mapLegendItems.ruledOutOurs}
            </li>
          ))}
        </ul>
      </section>
      <Suspense fallback={null}>
        <MapEnhancer />
      </Suspense>
    </>
  );
}
