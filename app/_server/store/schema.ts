/**
 * The tables as Kysely sees them (column names as in the database). Times are `bigint`
 * milliseconds: SQLite returns them as numbers, PostgreSQL (through `pg`) as strings, so they are
 * read as `number | string` and converted by the store; millisecond times stay far below 2^53.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { RoomMode, RunStatus } from './types';

/** A `bigint` column: written as a number, read as a number (SQLite) or a string (PostgreSQL). */
export type BigintColumn = ColumnType<number | string, number, number>;

/** The `rooms` table: one row per room. */
export interface RoomsTable {
  id: string;
  code: string;
  scenario_id: string;
  /** Constrained by a CHECK to the two modes. */
  mode: RoomMode;
  facilitator_hash: string;
  created_at: BigintColumn;
  expires_at: BigintColumn;
  closed_at: ColumnType<number | string | null, number | null, number | null>;
  /** Bumped by every append, in the same transaction; the row lock that serialises appends. */
  last_seq: Generated<number>;
  /** JSON text: the room's settings (e.g. hidden words); `{}` by default. */
  settings: Generated<string>;
}

/** The `room_runs` table: one row per learner's run in a self-paced room. */
export interface RoomRunsTable {
  room_id: string;
  run_id: string;
  participant_id: string;
  nickname: string | null;
  status: RunStatus;
  started_at: BigintColumn;
  updated_at: BigintColumn;
  finished_at: ColumnType<number | string | null, number | null, number | null>;
  event_count: number;
  /** JSON text: the accepted events, each `{ at, event }`. */
  events: string;
  /** JSON text: the record derived from the events. */
  record: string;
}

/** The `room_events` table: each room's log, primary key (room_id, seq). */
export interface RoomEventsTable {
  room_id: string;
  seq: number;
  at: BigintColumn;
  type: string;
  actor: string;
  /** JSON text. */
  payload: string;
}

/** The whole database, for `Kysely<Database>`. */
export interface Database {
  rooms: RoomsTable;
  room_events: RoomEventsTable;
  room_runs: RoomRunsTable;
}

/** A `room_runs` row as selected. */
export type RoomRunRecord = Selectable<RoomRunsTable>;

/** A `room_runs` row to insert. */
export type RoomRunInsert = Insertable<RoomRunsTable>;

/** A `rooms` row as selected. */
export type RoomsRecord = Selectable<RoomsTable>;

/** A `room_events` row as inserted. */
export type RoomEventInsert = Insertable<RoomEventsTable>;

/** A `room_events` row as selected. */
export type RoomEventRecord = Selectable<RoomEventsTable>;
