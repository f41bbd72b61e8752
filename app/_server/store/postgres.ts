/**
 * The PostgreSQL room store (several app instances share one database), through a `pg` pool.
 *
 * Every connection starts with `search_path` set to the store's schema (default `public`), so the
 * queries and migrations stay unqualified and a test can work in a schema of its own. Commits are
 * durable as configured on the server: `synchronous_commit = on` and `fsync = on`, the defaults,
 * make a commit return only after its WAL is flushed; opening the store warns once if either is off.
 *
 * Connection failures (server down or restarting, connection lost, no connection within
 * `connectionTimeoutMs`) become StoreUnavailableError. The pool drops broken connections and
 * opens new ones on demand, so the store recovers by itself once the server is back.
 *
 * Several instances share the database: every change to a room (events appended, row changed,
 * room deleted) sends a `NOTIFY` on the schema's channel inside its own transaction, so it is
 * delivered when, and only if, the change commits; `watch` listens on a connection of its own
 * (see change-feed.ts).
 */
import os from 'node:os';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PostgresChangeFeed, changeChannel, encodeChange } from './change-feed';
import { KyselyRoomStore } from './kysely-store';
import type { Database } from './schema';
import type { RoomStore } from './types';

/** Options for `openPostgresStore`. */
export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database` (any form `pg` accepts). */
  readonly connectionString: string;
  /** The schema for the store's tables: lower-case letters, digits and `_` (default `public`). */
  readonly schema?: string;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /** How long to wait for a connection before StoreUnavailableError, in ms (default 5000). */
  readonly connectionTimeoutMs?: number;
  /** The `application_name` the server shows for the pool's connections (default `crossroads`). */
  readonly applicationName?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a pool to the PostgreSQL store and migrates its schema (creating the schema if needed). */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<RoomStore> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `PostgreSQL schema name must be lower-case letters, digits and _, got ${JSON.stringify(schema)}`,
    );
  }
  const connection = {
    connectionString: withDefaultUser(options.connectionString),
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    keepAlive: true,
    application_name: options.applicationName ?? 'crossroads',
    options: `-c search_path=${schema}`,
  } satisfies pg.ClientConfig;
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
  const channel = changeChannel(schema);
  // A connection the server closes (restart, admin shutdown) makes its client emit 'error'; an
  // emitter without a listener would end the process. While a client is checked out, the pool
  // does not listen, so every client gets a listener of its own: the running query has already
  // failed with the same error, and the pool discards the client when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  // While idle, the pool listens itself, drops the client and reports it here.
  pool.on('error', (error) => {
    console.warn(`Crossroads room store: PostgreSQL closed an idle connection: ${error.message}`);
  });
  const store = new KyselyRoomStore(
    new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    {
      dialect: 'postgres',
      isUnavailable: isPostgresUnavailable,
      isCodeTaken: (error) =>
        fieldOf(error, 'code') === '23505' && fieldOf(error, 'constraint') === 'rooms_code_key',
      migrationTableSchema: schema,
      async notify(db, change) {
        await sql`select pg_notify(${channel}, ${encodeChange(change)})`.execute(db);
      },
      async announce(db, change) {
        await sql`select pg_notify(${channel}, ${encodeChange(change)})`.execute(db);
      },
      async watch(listener) {
        const feed = new PostgresChangeFeed(connection, channel, listener);
        await feed.start();
        return () => feed.close();
      },
    },
  );
  try {
    await store.migrate();
    await warnIfNotDurable(pool);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * The connection string with the operating system's user name filled in when it names no user
 * and neither PGUSER nor USER is set. libpq (psql) falls back to the OS user; `pg` does not, so
 * without this `postgres://127.0.0.1/db` fails under a service manager or container with no USER.
 */
export function withDefaultUser(
  connectionString: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  if (env.PGUSER || env.USER) return connectionString;
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return connectionString;
  }
  if (url.username !== '' || url.hostname === '') return connectionString;
  url.username = os.userInfo().username;
  return url.toString();
}

let warnedNotDurable = false;

/** Warns once per process if the server's settings let a commit return before it is on disk. */
async function warnIfNotDurable(pool: pg.Pool): Promise<void> {
  if (warnedNotDurable) return;
  const { rows } = await pool.query<{ fsync: string; synchronous_commit: string }>(
    "select current_setting('fsync') as fsync, current_setting('synchronous_commit') as synchronous_commit",
  );
  const settings = rows[0];
  if (settings && (settings.fsync === 'off' || settings.synchronous_commit === 'off')) {
    warnedNotDurable = true;
    console.warn(
      `Crossroads room store: PostgreSQL has fsync=${settings.fsync}, synchronous_commit=${settings.synchronous_commit}; acknowledged events can be lost in a crash.`,
    );
  }
}

/** Error codes that mean "the database cannot be reached now; try again later". */
const UNAVAILABLE_CODES = new Set([
  // Node.js socket errors
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** pg's own messages for a lost or unobtainable connection (these errors carry no code). */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|is not queryable|Connection closed/i;

function isPostgresUnavailable(error: unknown): boolean {
  const code = fieldOf(error, 'code');
  if (code !== undefined && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (error instanceof AggregateError) return error.errors.some(isPostgresUnavailable);
  return error instanceof Error && UNAVAILABLE_MESSAGE.test(error.message);
}

function fieldOf(error: unknown, field: 'code' | 'constraint'): string | undefined {
  if (typeof error !== 'object' || error === null || !(field in error)) return undefined;
  const value: unknown = (error as Record<typeof field, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}
