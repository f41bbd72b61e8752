/**
 * Saved progress: versioned, validated with zod on load, discarded (with a notice) when it
 * cannot be trusted. Storage failures never break the page.
 */
import { z } from 'zod';

export const PROGRESS_VERSION = 1;

const progressSchema = z.strictObject({
  version: z.literal(PROGRESS_VERSION),
  scenarioId: z.string().max(100),
  path: z.array(z.string().min(1).max(100)).max(100),
  savedAt: z.iso.datetime(),
});

export type Progress = z.output<typeof progressSchema>;

export type ProgressRead =
  | { readonly status: 'none' }
  | { readonly status: 'ok'; readonly progress: Progress }
  | { readonly status: 'discarded' };

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The browser's localStorage, or undefined where it cannot be used: reading the property itself
 * throws when a browser blocks site data.
 */
export function browserStorage(): StorageLike | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

export const progressKey = (scenarioId: string) => `crossroads:progress:${scenarioId}`;

/**
 * Reads saved progress for a scenario. Anything unreadable, of another version or scenario, or
 * naming a path the scenario does not allow is removed and reported as discarded.
 */
export function readProgress(
  storage: StorageLike,
  scenarioId: string,
  isValidPath: (path: readonly string[]) => boolean,
): ProgressRead {
  let raw: string | null;
  try {
    raw = storage.getItem(progressKey(scenarioId));
  } catch {
    return { status: 'none' };
  }
  if (raw === null) return { status: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = progressSchema.safeParse(json);
  if (parsed.success && parsed.data.scenarioId === scenarioId && isValidPath(parsed.data.path)) {
    return { status: 'ok', progress: parsed.data };
  }
  try {
    storage.removeItem(progressKey(scenarioId));
  } catch {
    // Storage unavailable: nothing more to do.
  }
  return { status: 'discarded' };
}

export function writeProgress(
  storage: StorageLike,
  scenarioId: string,
  path: readonly string[],
  now: Date = new Date(),
): void {
  const progress: Progress = {
    version: PROGRESS_VERSION,
    scenarioId,
    path: [...path],
    savedAt: now.toISOString(),
  };
  try {
    storage.setItem(progressKey(scenarioId), JSON.stringify(progress));
  } catch {
    // Quota or privacy settings: progress is a convenience, never a requirement.
  }
}
