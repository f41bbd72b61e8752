import { strings } from '@/app/_lib/strings';

const t = strings.present;

export type LegendKey = keyof typeof t.keyNames;

/** Each key of the legend, and the key pressed to ask whether it does anything now. */
export const LEGEND_KEYS: readonly (readonly [LegendKey, string, string])[] = [
  ['next', 'N', 'n'],
  ['reveal', 'R', 'r'],
  ['back', 'B', 'b'],
  ['choose', '1–9', '1'],
];

/**
 * The keys presenter mode answers to on this screen (never printed): only those the machine
 * would accept now, so the legend never offers a key that does nothing.
 */
export function KeyLegend({ available }: { available: ReadonlySet<LegendKey> }) {
  const keys = LEGEND_KEYS.filter(([name]) => available.has(name));
  if (keys.length === 0) return null;
  return (
    <section className="p-keys" aria-labelledby="p-keys-heading">
      <h2 id="p-keys-heading">{t.keysHeading}</h2>
      <ul>
        {keys.map(([name, key]) => (
          <li key={key}>
            <kbd>{key}</kbd> {t.keyNames[name]}
          </li>
        ))}
      </ul>
    </section>
  );
}
