import { strings } from '@/app/_lib/strings';

const t = strings.present;

const KEYS = [
  ['N', t.keyNames.next],
  ['R', t.keyNames.reveal],
  ['B', t.keyNames.back],
  ['1–9', t.keyNames.choose],
] as const;

/** The keys presenter mode answers to, always on screen (never printed). */
export function KeyLegend() {
  return (
    <section className="p-keys" aria-labelledby="p-keys-heading">
      <h2 id="p-keys-heading">{t.keysHeading}</h2>
      <ul>
        {KEYS.map(([key, name]) => (
          <li key={key}>
            <kbd>{key}</kbd> {name}
          </li>
        ))}
      </ul>
    </section>
  );
}
