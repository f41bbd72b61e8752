/**
 * A fixed-window counter per key (an address, a participant): enough to stop a flood or a code
 * guesser without a shared service. It lives in this process's memory on purpose: it guards the
 * server, it is not room state, and a restart forgetting it costs nothing.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  #window = 0;
  #counts = new Map<string, number>();

  constructor(limit: number, windowMs = 60_000) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Counts one use by `key`; false once the key has used up this window. */
  take(key: string, now = Date.now()): boolean {
    const window = Math.floor(now / this.#windowMs);
    if (window !== this.#window) {
      this.#window = window;
      this.#counts = new Map();
    }
    const used = this.#counts.get(key) ?? 0;
    if (used >= this.#limit) return false;
    this.#counts.set(key, used + 1);
    return true;
  }

  /** Whether the key has uses left in this window (without counting one). */
  remaining(key: string, now = Date.now()): boolean {
    const window = Math.floor(now / this.#windowMs);
    return window !== this.#window || (this.#counts.get(key) ?? 0) < this.#limit;
  }

  /** Seconds until the current window ends (for Retry-After). */
  retryAfter(now = Date.now()): number {
    return Math.max(1, Math.ceil(((this.#window + 1) * this.#windowMs - now) / 1000));
  }
}
