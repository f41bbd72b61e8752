/**
 * Writing saved progress, and reaching the browser's storage. No zod here: this module is part of
 * every walkthrough page, while reading (and validating) progress is loaded only where needed.
 */
export const PROGRESS_VERSION = 1;

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What is stored for a scenario (validated on the way back in by readProgress). */
export interface StoredProgress {
  readonly version: typeof PROGRESS_VERSION;
  readonly scenarioId: string;
  readonly path: string[];
  readonly savedAt: string;
}

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

export function writeProgress(
  storage: StorageLike,
  scenarioId: string,
  path: readonly string[],
  now: Date = new Date(),
): void {
  const progress: StoredProgress = {
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

/** What is stored under a key: nothing, or a value (undefined when it is not JSON). Never throws. */
export function readStoredJson(
  storage: StorageLike,
  key: string,
): { readonly found: false } | { readonly found: true; readonly json: unknown } {
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return { found: false };
  }
  if (raw === null) return { found: false };
  try {
    return { found: true, json: JSON.parse(raw) as unknown };
  } catch {
    return { found: true, json: undefined };
  }
}

/** Removes a stored value; storage that refuses is left as it is. */
export function removeStored(storage: StorageLike, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Storage unavailable: nothing more to do.
  }
}
