/**
 * Saved progress: versioned, validated with zod on load, discarded (with a notice) when it
 * cannot be trusted. Storage failures never break the page.
 */
import {
  browserStorage,
  progressKey,
  PROGRESS_VERSION,
  readStoredJson,
  removeStored,
  writeProgress,
  type StorageLike,
} from './progress-store';
import { z } from 'zod/mini';

// zod/mini keeps this reader small; jitless keeps zod from probing `new Function` under the CSP.
z.config({ jitless: true });

export { browserStorage, progressKey, PROGRESS_VERSION, writeProgress };

const progressSchema = z.strictObject({
  version: z.literal(PROGRESS_VERSION),
  scenarioId: z.string().check(z.maxLength(100)),
  path: z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(100)),
  savedAt: z.iso.datetime(),
});

export type Progress = z.output<typeof progressSchema>;

export type ProgressRead =
  | { readonly status: 'none' }
  | { readonly status: 'ok'; readonly progress: Progress }
  | { readonly status: 'discarded' };

/**
 * Reads saved progress for a scenario. Anything unreadable, of another version or scenario, or
 * naming a path the scenario does not allow is removed and reported as discarded.
 */
export function readProgress(
  storage: StorageLike,
  scenarioId: string,
  isValidPath: (path: readonly string[]) => boolean,
): ProgressRead {
  const stored = readStoredJson(storage, progressKey(scenarioId));
  if (!stored.found) return { status: 'none' };
  const parsed = progressSchema.safeParse(stored.json);
  if (parsed.success && parsed.data.scenarioId === scenarioId && isValidPath(parsed.data.path)) {
    return { status: 'ok', progress: parsed.data };
  }
  removeStored(storage, progressKey(scenarioId));
  return { status: 'discarded' };
}
