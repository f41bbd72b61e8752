/**
 * Every instance hears of every room change through PostgreSQL's LISTEN/NOTIFY: the store sends a
 * notification in the transaction that makes a change, and each instance holds one connection
 * that LISTENs on the schema's channel. A notification is small (room id, kind, seq); the log
 * stays the truth, and a listener that is behind reads what it missed from it.
 *
 * Notifications are not stored: those sent while a listener is disconnected are lost to it. So
 * the feed reconnects by itself (PostgreSQL restarted, connection dropped), re-LISTENs, and then
 * calls `resync`, for the listener to check what it holds against the store. A silent dead
 * connection (no FIN from a vanished server) is found by a ping every `pingMs`.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import type { ChangeListener, RoomChange } from './types';

/** The channel a schema's changes are sent on (an identifier PostgreSQL keeps whole). */
export function changeChannel(schema: string): string {
  const channel = `crossroads_${schema}`;
  // Identifiers are cut at 63 bytes by LISTEN but not by pg_notify: keep long names distinct.
  return channel.length <= 63
    ? channel
    : `crossroads_${createHash('sha256').update(schema).digest('hex').slice(0, 40)}`;
}

const changeSchema = z.union([
  z.object({ r: z.string(), k: z.literal('events'), s: z.number().int().nonnegative() }),
  z.object({ r: z.string(), k: z.enum(['row', 'gone']) }),
  z.object({
    r: z.string(),
    k: z.literal('presence'),
    i: z.string().max(64),
    n: z.number().int().nonnegative(),
  }),
]);

/** A change as a notification's payload (a few dozen bytes; the limit is 8,000). */
export function encodeChange(change: RoomChange): string {
  switch (change.kind) {
    case 'events':
      return JSON.stringify({ r: change.roomId, k: change.kind, s: change.seq });
    case 'presence':
      return JSON.stringify({
        r: change.roomId,
        k: change.kind,
        i: change.instance,
        n: change.connected,
      });
    default:
      return JSON.stringify({ r: change.roomId, k: change.kind });
  }
}

/** A notification's payload as a change; undefined for anything else. */
export function decodeChange(payload: string | undefined): RoomChange | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload ?? '');
  } catch {
    return undefined;
  }
  const result = changeSchema.safeParse(parsed);
  if (!result.success) return undefined;
  const data = result.data;
  switch (data.k) {
    case 'events':
      return { roomId: data.r, kind: data.k, seq: data.s };
    case 'presence':
      return { roomId: data.r, kind: data.k, instance: data.i, connected: data.n };
    default:
      return { roomId: data.r, kind: data.k };
  }
}

export interface ChangeFeedOptions {
  /** How often the listening connection is checked, in ms (default 10,000). */
  readonly pingMs?: number;
  /** The longest wait between reconnection attempts, in ms (default 5,000). */
  readonly maxBackoffMs?: number;
}

/** One LISTEN connection that comes back by itself. */
export class PostgresChangeFeed {
  readonly #config: pg.ClientConfig;
  readonly #channel: string;
  readonly #listener: ChangeListener;
  readonly #pingMs: number;
  readonly #maxBackoffMs: number;
  #client: pg.Client | undefined;
  #closed = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #ping: ReturnType<typeof setInterval> | undefined;
  #backoffMs = 0;

  constructor(
    config: pg.ClientConfig,
    channel: string,
    listener: ChangeListener,
    options: ChangeFeedOptions = {},
  ) {
    this.#config = {
      ...config,
      application_name: `${config.application_name ?? 'crossroads'}-listen`,
    };
    this.#channel = channel;
    this.#listener = listener;
    this.#pingMs = options.pingMs ?? 10_000;
    this.#maxBackoffMs = options.maxBackoffMs ?? 5_000;
  }

  /** Connects and LISTENs; rejects if the first connection fails (later ones are retried). */
  async start(): Promise<void> {
    await this.#connect();
    this.#ping = setInterval(() => void this.#check(), this.#pingMs);
    this.#ping.unref?.();
  }

  /** Stops listening for good. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    if (this.#ping) clearInterval(this.#ping);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client(this.#config);
    // A lost connection emits 'error' and/or 'end'; either way, start again (once).
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.#client === client) this.#client = undefined;
      client.end().catch(() => undefined);
      this.#reconnectLater();
    };
    client.on('notification', (message) => {
      if (message.channel !== this.#channel) return;
      const change = decodeChange(message.payload);
      if (change) this.#listener.change(change);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.#channel}"`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    client.on('error', onLost);
    client.on('end', onLost);
    this.#client = client;
    this.#backoffMs = 0;
  }

  #reconnectLater(): void {
    if (this.#closed || this.#retry) return;
    this.#backoffMs = Math.min(Math.max(this.#backoffMs * 2, 200), this.#maxBackoffMs);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (this.#closed) return;
      this.#connect().then(
        () => {
          if (this.#closed) return void this.close();
          // Listening again: whatever was sent meanwhile is lost to us; the listener checks.
          this.#listener.resync();
        },
        () => this.#reconnectLater(),
      );
    }, this.#backoffMs);
    this.#retry.unref?.();
  }

  /** A ping that fails or hangs means the connection is dead: drop it and start again. */
  async #check(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const timeout = new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error('ping timed out')), this.#pingMs / 2).unref?.();
    });
    try {
      await Promise.race([client.query('select 1'), timeout]);
    } catch {
      client.emit('end');
    }
  }
}
