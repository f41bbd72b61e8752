import { BOX, type MapLayout } from '@/app/_lib/map-layout';
import { mapNodeId } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';

/** The decision tree as an inline SVG: every box a link to its step. Rendered on the server. */
export function DecisionMap({ layout, title }: { layout: MapLayout; title: string }) {
  return (
    <div className="map-scroll" role="region" aria-label={strings.mapScroll} tabIndex={0}>
      <svg
        className="map"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        aria-labelledby="map-title map-desc"
      >
        <title id="map-title">{title}</title>
        <desc id="map-desc">{strings.mapDescription}</desc>
        <g className="map-edges">
          {layout.edges.map((e) => (
            <path key={`${e.from}>${e.to}`} d={e.path} className="map-edge" data-to={e.to} />
          ))}
        </g>
        {layout.edges
          .filter((e) => e.label)
          .map((e) => {
            const w = Math.max(56, e.label.length * 7.6 + 18);
            return (
              <g key={`label-${e.to}`} className="map-option" data-to={e.to} aria-hidden="true">
                <rect x={e.labelX - w / 2} y={e.labelY - 12} width={w} height={24} rx={12} />
                <text x={e.labelX} y={e.labelY + 4.5} textAnchor="middle">
                  {e.label}
                </text>
              </g>
            );
          })}
        {layout.nodes.map((n) => (
          <a
            key={n.key}
            href={n.href}
            id={mapNodeId(n.key)}
            className={`map-node map-node--${n.kind}${n.silent ? ' map-node--silent' : ''}${n.ruledOut ? ' map-node--ruled-out' : ''}`}
            data-key={n.key}
            aria-label={strings.mapNodeName(
              strings.mapKind[n.kind],
              n.title,
              n.via,
              n.silent,
              n.ruledOut,
            )}
          >
            <rect
              x={n.x - BOX.width / 2}
              y={n.y}
              width={BOX.width}
              height={BOX.height}
              rx={n.kind === 'outcome' ? 4 : 12}
            />
            <text x={n.x} y={n.y + 16} textAnchor="middle" className="map-node__kind">
              {/* An outcome's marker replaces its kind (the name still gives both): it must fit. */}
              {n.ruledOut
                ? strings.mapRuledOut(n.ruledOut)
                : n.silent
                  ? strings.mapSilent(n.silent)
                  : strings.mapKind[n.kind]}
            </text>
            {n.lines.map((line, i) => (
              <text
                key={line}
                x={n.x}
                y={n.y + 35 + (BOX.height - 24 - n.lines.length * 15) / 2 + i * 15}
                textAnchor="middle"
                className="map-node__title"
              >
                {line}
              </text>
            ))}
          </a>
        ))}
      </svg>
    </div>
  );
}
