/**
 * The debrief: what a shared link carries (only what the learner chose to share), and the
 * Markdown and JSON exports. Everything read from a URL is validated with zod first.
 */
import { z } from './zod';
import { claimKindSchema } from '@/content/schema';
import type { ExerciseRecord } from '@/machines/exercise-machine';
import { MAX_PREDICTION_LENGTH, MAX_TALLY } from '@/machines/exercise-machine';
import { routes } from './routes';

const idText = z.string().min(1).max(100);

/** What a debrief link may carry besides the path: predictions and kind guesses, and room tallies. */
export const sharedDebriefSchema = z.strictObject({
  /** One entry per decision on the path, in order. */
  predictions: z
    .array(
      z.union([
        z.strictObject({ claimId: idText.nullable() }),
        z.strictObject({ text: z.string().max(MAX_PREDICTION_LENGTH) }),
      ]),
    )
    .max(100)
    .optional(),
  /** Claim-kind guesses by claim id. */
  kinds: z.record(idText, claimKindSchema).optional(),
  /** Room votes by decision node id, then option id (presenter mode). */
  tallies: z.record(idText, z.record(idText, z.int().min(0).max(MAX_TALLY))).optional(),
});

export type SharedDebrief = z.output<typeof sharedDebriefSchema>;

const MAX_ENCODED = 12_000;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeShared(shared: SharedDebrief): string {
  return toBase64Url(JSON.stringify(shared));
}

/** Decodes the `d` query value; anything malformed is reported, never thrown. */
export function decodeShared(
  encoded: string | undefined,
): { ok: true; shared: SharedDebrief } | { ok: false } {
  if (encoded === undefined || encoded === '') return { ok: true, shared: {} };
  if (encoded.length > MAX_ENCODED || !/^[A-Za-z0-9_-]+$/.test(encoded)) return { ok: false };
  try {
    const parsed = sharedDebriefSchema.safeParse(JSON.parse(fromBase64Url(encoded)));
    return parsed.success ? { ok: true, shared: parsed.data } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/** What an exercise may share: predictions (only if the learner opts in) and tallies. */
export function sharedFrom(
  records: readonly ExerciseRecord[],
  options: { includePredictions: boolean; tallies?: SharedDebrief['tallies'] },
): SharedDebrief {
  const shared: { -readonly [K in keyof SharedDebrief]: SharedDebrief[K] } = {};
  if (options.includePredictions) {
    shared.predictions = records.map((r) =>
      r.prediction.kind === 'candidate'
        ? { claimId: r.prediction.claimId }
        : { text: r.prediction.text },
    );
    shared.kinds = Object.assign({}, ...records.map((r) => r.kindGuesses));
  }
  if (options.tallies && Object.keys(options.tallies).length > 0) shared.tallies = options.tallies;
  return shared;
}

/** The debrief page for a path, carrying what the learner chose to share. */
export function debriefHref(
  scenarioId: string,
  path: readonly string[],
  shared: SharedDebrief = {},
): string {
  const base = routes.debrief(scenarioId, path);
  return Object.keys(shared).length > 0 ? `${base}?d=${encodeShared(shared)}` : base;
}

/** The export URL (Markdown or JSON download) for the same debrief. */
export function exportHref(
  scenarioId: string,
  path: readonly string[],
  format: 'md' | 'json',
  shared: SharedDebrief = {},
): string {
  const query = new URLSearchParams({ format, path: path.join('/') });
  if (Object.keys(shared).length > 0) query.set('d', encodeShared(shared));
  return `${routes.exportDebrief(scenarioId)}?${query.toString()}`;
}
