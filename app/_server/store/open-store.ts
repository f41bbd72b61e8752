/**
 * Chooses the room store from the environment: PostgreSQL when `CROSSROADS_DATABASE_URL` is a
 * `postgres://` URL (optionally in the schema `CROSSROADS_DATABASE_SCHEMA`), otherwise the SQLite
 * file `${CROSSROADS_DATA_DIR ?? './data'}/crossroads.sqlite`, created on first use.
 */
import path from 'node:path';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { RoomStore } from './types';

/** Environment variables, as in `process.env`; `openStore` reads the three named above. */
export type StoreEnv = Readonly<Record<string, string | undefined>>;

/** The SQLite file the embedded store uses for this environment. */
export function sqliteFile(env: StoreEnv = process.env): string {
  return path.join(env.CROSSROADS_DATA_DIR || './data', 'crossroads.sqlite');
}

/**
 * Opens and migrates the store this environment selects. Call it once per process and share the
 * store (with SQLite, two stores on one file in one process stall each other: see `sqlite.ts`).
 */
export async function openStore(env: StoreEnv = process.env): Promise<RoomStore> {
  const url = env.CROSSROADS_DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error('CROSSROADS_DATABASE_URL must start with postgres:// or postgresql://');
    }
    return openPostgresStore({
      connectionString: url,
      ...(env.CROSSROADS_DATABASE_SCHEMA ? { schema: env.CROSSROADS_DATABASE_SCHEMA } : {}),
    });
  }
  return openSqliteStore({ file: sqliteFile(env) });
}
