/**
 * The embedded room store: one SQLite file through better-sqlite3, so `npm start` needs no
 * database server. Settings, each on purpose:
 * - `journal_mode = WAL`: readers do not block the writer, and a commit is one append to the log;
 * - `synchronous = FULL`: every commit fsyncs the WAL before it returns, so an acknowledged event
 *   survives a power cut, not only a crash of the process (NORMAL would only survive the latter);
 * - `busy_timeout`: another process holding the write lock (a second instance on the same file)
 *   is waited for, then reported as StoreUnavailableError;
 * - `foreign_keys = ON`: SQLite's foreign keys are off by default, and deleting a room relies on
 *   `ON DELETE CASCADE` to remove its events.
 *
 * Open ONE store per file per process. better-sqlite3 is synchronous: a second connection to the
 * same file in the same process that meets the first one's open transaction busy-waits with the
 * event loop blocked, so the first can never finish; it fails with StoreUnavailableError after
 * the busy timeout (seen: 20 interleaved appends on two stores took 21 s, half of them failed).
 * Separate processes on one file are fine (the two-process test).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyRoomStore } from './kysely-store';
import type { Database } from './schema';
import type { RoomStore } from './types';

/** Options for `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** The database file; its directory is created if missing. */
  readonly file: string;
  /** How long to wait for another connection's write lock, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
}

/** Opens (creating if needed) the SQLite store at `options.file` and migrates it. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<RoomStore> {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  const database = new BetterSqlite3(options.file, { timeout: busyTimeoutMs });
  try {
    const mode: unknown = database.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal')
      throw new Error(`SQLite refused WAL mode for ${options.file} (got ${mode})`);
    database.pragma('synchronous = FULL');
    database.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  const store = new KyselyRoomStore(
    new Kysely<Database>({ dialect: new SqliteDialect({ database }) }),
    { dialect: 'sqlite', isUnavailable: isSqliteBusy, isCodeTaken: isSqliteCodeTaken },
  );
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function sqliteCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Another connection held the lock for longer than the busy timeout. */
function isSqliteBusy(error: unknown): boolean {
  return sqliteCode(error)?.startsWith('SQLITE_BUSY') ?? false;
}

function isSqliteCodeTaken(error: unknown): boolean {
  return (
    sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error instanceof Error &&
    error.message.includes('rooms.code')
  );
}
