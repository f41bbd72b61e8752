import type { ClaimKind } from '@/content/schema';
import { strings } from '@/app/_lib/strings';

const KINDS = Object.keys(strings.kinds) as ClaimKind[];

/** What the claim-kind labels mean (our definitions, marked as ours). */
export function KindsLegend() {
  return (
    <section aria-labelledby="kinds-legend" className="legend">
      <h2 id="kinds-legend">{strings.kindsLegend}</h2>
      <dl>
        {KINDS.map((kind) => (
          <div key={kind}>
            <dt>
              <span className={`kind kind--${kind}`}>{strings.kinds[kind]}</span>
            </dt>
            <dd>{strings.kindDefinitions[kind]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
