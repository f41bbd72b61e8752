/**
 * The databases the room store's tests run against, each a real one: a SQLite file in a fresh
 * temporary directory, and PostgreSQL in a freshly created schema that is dropped afterwards.
 *
 * PostgreSQL: `CROSSROADS_TEST_DATABASE_URL` (default postgres://127.0.0.1:5432/test). If it cannot
 * be reached, its tests are skipped with one warning, unless `CROSSROADS_REQUIRE_POSTGRES=1`, in
 * which case the suite fails.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore, withDefaultUser } from '@/app/_server/store/postgres';
import { openSqliteStore } from '@/app/_server/store/sqlite';
import type { RoomStore, StoreDialect } from '@/app/_server/store/types';

/** Where the PostgreSQL tests connect. */
export const TEST_DATABASE_URL =
  process.env.CROSSROADS_TEST_DATABASE_URL || 'postgres://127.0.0.1:5432/test';

/** TEST_DATABASE_URL as the store connects to it (with a user name), for the tests' own clients. */
const CONNECT_URL = withDefaultUser(TEST_DATABASE_URL);

/** Whether an unreachable PostgreSQL fails the suite instead of skipping its tests. */
export const REQUIRE_POSTGRES = process.env.CROSSROADS_REQUIRE_POSTGRES === '1';

/** A row of a raw query, as the driver returns it. */
export type RawRow = Record<string, unknown>;

/** One fresh database (a new file or a new schema) and ways to reach it besides the store. */
export interface StoreTarget {
  readonly dialect: StoreDialect;
  /** Opens a new store on this database (a new file handle or a new pool). */
  open(): Promise<RoomStore>;
  /** Runs SQL on a connection of its own (not the store's). Parameters are `?` (SQLite) or `$1`. */
  query(text: string, params?: readonly unknown[]): Promise<RawRow[]>;
  /** `select count(*)` from a table, optionally for one room (`id` or `room_id`). */
  count(table: 'rooms' | 'room_events' | 'room_runs', roomId?: string): Promise<number>;
  /** The environment that makes `openStore()` open this same database (for child processes). */
  readonly env: Readonly<Record<string, string>>;
  /** Closes every store opened here and removes the file or schema. */
  dispose(): Promise<void>;
}

/** How to make a fresh target of one dialect. */
export interface TargetKind {
  readonly dialect: StoreDialect;
  create(): Promise<StoreTarget>;
}

function countQuery(
  table: 'rooms' | 'room_events' | 'room_runs',
  param: string,
  roomId?: string,
): string {
  const column = table === 'rooms' ? 'id' : 'room_id';
  return `select count(*) as n from ${table}${roomId === undefined ? '' : ` where ${column} = ${param}`}`;
}

/** Tracks the stores a target opened so `dispose()` can close the ones a test left open. */
function storeTracker(openOne: () => Promise<RoomStore>) {
  const opened: RoomStore[] = [];
  return {
    async open() {
      const store = await openOne();
      opened.push(store);
      return store;
    },
    async closeAll() {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    },
  };
}

/** A SQLite file in a new temporary directory. */
export const sqliteKind: TargetKind = {
  dialect: 'sqlite',
  async create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-store-'));
    const file = path.join(dir, 'crossroads.sqlite');
    const stores = storeTracker(() => openSqliteStore({ file }));
    const run = (text: string, params: readonly unknown[] = []): RawRow[] => {
      const db = new BetterSqlite3(file, { timeout: 5000 });
      try {
        db.pragma('foreign_keys = ON');
        const statement = db.prepare(text);
        if (statement.reader) return statement.all(...params) as RawRow[];
        statement.run(...params);
        return [];
      } finally {
        db.close();
      }
    };
    return {
      dialect: 'sqlite',
      open: stores.open,
      query: async (text, params) => run(text, params),
      count: async (table, roomId) =>
        Number(run(countQuery(table, '?', roomId), roomId === undefined ? [] : [roomId])[0]?.n),
      env: { CROSSROADS_DATA_DIR: dir, CROSSROADS_DATABASE_URL: '' },
      async dispose() {
        await stores.closeAll();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** A connected client of the test database, working in `schema` if given; end it when done. */
export async function postgresClient(schema?: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: CONNECT_URL,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  await client.connect();
  return client;
}

/** A new schema in the test database, dropped (with everything in it) by `dispose()`. */
export const postgresKind: TargetKind = {
  dialect: 'postgres',
  async create() {
    const schema = `crossroads_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = await postgresClient();
    try {
      await admin.query(`create schema ${schema}`);
    } finally {
      await admin.end();
    }
    const stores = storeTracker(() =>
      openPostgresStore({ connectionString: TEST_DATABASE_URL, schema, applicationName: schema }),
    );
    const run = async (text: string, params: readonly unknown[] = []): Promise<RawRow[]> => {
      const client = await postgresClient(schema);
      try {
        return (await client.query(text, [...params])).rows as RawRow[];
      } finally {
        await client.end();
      }
    };
    return {
      dialect: 'postgres',
      open: stores.open,
      query: run,
      count: async (table, roomId) =>
        Number(
          (await run(countQuery(table, '$1', roomId), roomId === undefined ? [] : [roomId]))[0]?.n,
        ),
      env: { CROSSROADS_DATABASE_URL: TEST_DATABASE_URL, CROSSROADS_DATABASE_SCHEMA: schema },
      async dispose() {
        await stores.closeAll();
        await run(`drop schema ${schema} cascade`);
      },
    };
  },
};

/** Whether PostgreSQL answered at TEST_DATABASE_URL, and if not, why. */
export interface PostgresProbe {
  readonly reachable: boolean;
  readonly reason: string;
}

/**
 * Asks PostgreSQL for `select 1` from a child process, synchronously, because Jest needs to know
 * which suites exist before any test runs. Gives up after a few seconds.
 */
export function probePostgres(): PostgresProbe {
  const script = `
    const pg = require('pg');
    const client = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.query('select 1')).then(
      () => client.end().then(() => process.exit(0)),
      (error) => { console.error(error.message || String(error)); process.exit(1); },
    );`;
  const result = spawnSync(process.execPath, ['-e', script, CONNECT_URL], {
    encoding: 'utf8',
    timeout: 8000,
  });
  if (result.status === 0) return { reachable: true, reason: '' };
  const reason = (result.stderr ?? '').trim() || result.error?.message || 'no answer';
  return { reachable: false, reason };
}

/**
 * The target kinds to run the shared suite against, applying the PostgreSQL policy: reachable, it
 * is included; unreachable, it is left out with one warning (`skipped` says why), or, when
 * required, `failure` explains why the suite must fail.
 */
export function storeTargetKinds(): {
  kinds: TargetKind[];
  postgres: PostgresProbe;
  failure?: string;
} {
  const postgres = probePostgres();
  if (postgres.reachable) return { kinds: [sqliteKind, postgresKind], postgres };
  const why = `PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${postgres.reason})`;
  if (REQUIRE_POSTGRES) {
    return { kinds: [sqliteKind], postgres, failure: `${why}, and CROSSROADS_REQUIRE_POSTGRES=1` };
  }
  console.warn(
    `${why}: the PostgreSQL room store tests were SKIPPED; only SQLite was tested.\n` +
      'To run them, start PostgreSQL and point CROSSROADS_TEST_DATABASE_URL at a database ' +
      '(default postgres://127.0.0.1:5432/test); set CROSSROADS_REQUIRE_POSTGRES=1 to make ' +
      'an unreachable database fail the suite.',
  );
  return { kinds: [sqliteKind], postgres };
}

/** The payload the append worker writes as its `n`th event, so a reader can check it intact. */
export function workerPayload(n: number): { n: number; text: string } {
  return { n, text: `event ${n}: ${'ä€𝄞'.repeat(1 + (n % 7))}` };
}
