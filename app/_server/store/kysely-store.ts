/**
 * The room store's queries, written once with Kysely for both dialects. `sqlite.ts` and
 * `postgres.ts` build the Kysely instance and say which driver errors mean what; everything else,
 * including the append transaction, is here.
 *
 * Appends: one transaction whose first statement is
 * `UPDATE rooms SET last_seq = last_seq + n WHERE id = ? [AND last_seq = expected] RETURNING last_seq`.
 * On PostgreSQL that takes the room's row lock, so concurrent appends to one room wait for each
 * other (READ COMMITTED re-reads the row after the wait) and get consecutive seqs; on SQLite it
 * takes the database's write lock at once (a deferred transaction that starts with a write never
 * has a stale snapshot to upgrade). The events are then inserted at `last_seq - n + 1 … last_seq`;
 * the primary key (room_id, seq) would refuse a duplicate in any case.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { migrateToLatest } from './migrations';
import type {
  Database,
  RoomEventInsert,
  RoomEventRecord,
  RoomRunInsert,
  RoomRunRecord,
  RoomsRecord,
} from './schema';
import {
  CodeTakenError,
  InvalidEventError,
  RoomNotFoundError,
  RunConflictError,
  SeqConflictError,
  StoreError,
  StoreUnavailableError,
} from './errors';
import type {
  AppendOptions,
  ChangeListener,
  RoomChange,
  RoomPresence,
  NewEvent,
  NewRoom,
  RoomPatch,
  RoomRow,
  RoomStore,
  RunRow,
  RunWrite,
  StoreDialect,
  StoredEvent,
} from './types';

/** What differs between the dialects, apart from the Kysely dialect itself. */
export interface DialectSupport {
  readonly dialect: StoreDialect;
  /** Whether a driver error means the database cannot be reached or is too busy (retry later). */
  isUnavailable(error: unknown): boolean;
  /** Whether a driver error is the unique constraint on `rooms.code`. */
  isCodeTaken(error: unknown): boolean;
  /** PostgreSQL: the schema that holds Kysely's migration tables. */
  readonly migrationTableSchema?: string;
  /**
   * PostgreSQL: announces a change inside the transaction that makes it (delivered to listeners
   * on commit, never for a rolled-back one). Absent where no other process shares the database.
   */
  notify?(trx: Kysely<Database>, change: RoomChange): Promise<void>;
  /** PostgreSQL: listens for every process's changes (see `RoomStore.watch`). */
  watch?(listener: ChangeListener): Promise<() => Promise<void>>;
  /** PostgreSQL: sends a change outside any transaction (see `RoomStore.announce`). */
  announce?(db: Kysely<Database>, change: RoomChange): Promise<void>;
}

/** Rows per INSERT statement, well under both dialects' limits on bound parameters. */
const INSERT_CHUNK = 500;

/** A RoomStore over a Kysely instance; the dialect files construct it. */
export class KyselyRoomStore implements RoomStore {
  readonly dialect: StoreDialect;
  readonly shared: boolean;
  readonly #db: Kysely<Database>;
  readonly #support: DialectSupport;
  #closed: Promise<void> | undefined;

  /**
   * @param db the Kysely instance; the store owns it and destroys it on `close()`
   * @param support the dialect's error classification and migration settings
   */
  constructor(db: Kysely<Database>, support: DialectSupport) {
    this.#db = db;
    this.#support = support;
    this.dialect = support.dialect;
    this.shared = support.notify !== undefined;
  }

  watch(listener: ChangeListener): Promise<() => Promise<void>> {
    return this.#support.watch?.(listener) ?? Promise.resolve(async () => {});
  }

  announce(presence: RoomPresence): Promise<void> {
    const { announce } = this.#support;
    return announce ? this.#run(() => announce(this.#db, presence)) : Promise.resolve();
  }

  migrate(): Promise<void> {
    return this.#run(() =>
      migrateToLatest(this.#db as Kysely<unknown>, this.#support.migrationTableSchema),
    );
  }

  createRoom(input: NewRoom): Promise<RoomRow> {
    return this.#run(async () => {
      try {
        const row = await this.#db
          .insertInto('rooms')
          .values({
            id: randomUUID(),
            code: input.code,
            scenario_id: input.scenarioId,
            mode: input.mode,
            facilitator_hash: input.facilitatorHash,
            created_at: input.createdAt ?? Date.now(),
            expires_at: input.expiresAt,
            closed_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRoomRow(row);
      } catch (error) {
        if (this.#support.isCodeTaken(error)) throw new CodeTakenError(input.code);
        throw error;
      }
    });
  }

  roomByCode(code: string): Promise<RoomRow | undefined> {
    return this.#roomWhere('code', code);
  }

  roomById(id: string): Promise<RoomRow | undefined> {
    return this.#roomWhere('id', id);
  }

  roomsByIds(ids: readonly string[]): Promise<RoomRow[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return Promise.resolve([]);
    return this.#run(async () => {
      const rows = await this.#db
        .selectFrom('rooms')
        .selectAll()
        .where('id', 'in', unique)
        .execute();
      const byId = new Map(rows.map((row) => [row.id, toRoomRow(row)]));
      return unique.flatMap((id) => byId.get(id) ?? []);
    });
  }

  updateRoom(id: string, patch: RoomPatch): Promise<RoomRow | undefined> {
    const set = {
      ...(patch.expiresAt === undefined ? {} : { expires_at: patch.expiresAt }),
      ...(patch.closedAt === undefined ? {} : { closed_at: patch.closedAt }),
      ...(patch.settings === undefined ? {} : { settings: JSON.stringify(patch.settings) }),
    };
    if (Object.keys(set).length === 0) return this.roomById(id);
    return this.#changing(async (trx) => {
      const row = await trx
        .updateTable('rooms')
        .set(set)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return { result: row && toRoomRow(row), changes: row ? [{ roomId: id, kind: 'row' }] : [] };
    });
  }

  async append(roomId: string, event: NewEvent, options?: AppendOptions): Promise<StoredEvent> {
    const [stored] = await this.appendMany(roomId, [event], options);
    if (stored === undefined) throw new Error('append: the transaction stored no event');
    return stored;
  }

  async appendMany(
    roomId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<StoredEvent[]> {
    const prepared = events.map(prepareEvent);
    const { expectedSeq } = options;
    return this.#run(() =>
      this.#db
        .transaction()
        .execute((trx) => this.#insertEvents(trx, roomId, prepared, expectedSeq)),
    );
  }

  appendDecided(
    roomId: string,
    afterSeq: number,
    decide: (missed: readonly StoredEvent[]) => readonly NewEvent[],
  ): Promise<{ missed: StoredEvent[]; stored: StoredEvent[] }> {
    return this.#run(() =>
      this.#db.transaction().execute(async (trx) => {
        // Lock the room's row first (an update that changes nothing): from here until the
        // commit, no one else appends to this room.
        const locked = await trx
          .updateTable('rooms')
          .set((eb) => ({ last_seq: eb.ref('last_seq') }))
          .where('id', '=', roomId)
          .returning('last_seq')
          .executeTakeFirst();
        if (locked === undefined) throw new RoomNotFoundError(roomId);
        const rows = await trx
          .selectFrom('room_events')
          .selectAll()
          .where('room_id', '=', roomId)
          .where('seq', '>', afterSeq)
          .orderBy('seq', 'asc')
          .execute();
        const missed = rows.map(toStoredEvent);
        const prepared = decide(missed).map(prepareEvent);
        if (prepared.length === 0) return { missed, stored: [] };
        const stored = await this.#insertEvents(trx, roomId, prepared, locked.last_seq);
        return { missed, stored };
      }),
    );
  }

  /** Appends prepared events at the room's next seqs, inside the caller's transaction. */
  async #insertEvents(
    trx: Transaction<Database>,
    roomId: string,
    prepared: readonly Omit<RoomEventInsert, 'room_id' | 'seq'>[],
    expectedSeq: number | undefined,
  ): Promise<StoredEvent[]> {
    const lastSeq = await bumpLastSeq(trx, roomId, prepared.length, expectedSeq);
    const first = lastSeq - prepared.length + 1;
    const rows: RoomEventInsert[] = prepared.map((event, index) => ({
      room_id: roomId,
      seq: first + index,
      ...event,
    }));
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      await trx
        .insertInto('room_events')
        .values(rows.slice(start, start + INSERT_CHUNK))
        .execute();
    }
    await this.#support.notify?.(trx, { roomId, kind: 'events', seq: lastSeq });
    return rows.map(toStoredEvent);
  }

  events(roomId: string, afterSeq = 0, limit?: number): Promise<StoredEvent[]> {
    return this.#run(async () => {
      let query = this.#db
        .selectFrom('room_events')
        .selectAll()
        .where('room_id', '=', roomId)
        .where('seq', '>', afterSeq)
        .orderBy('seq', 'asc');
      if (limit !== undefined) query = query.limit(limit);
      const rows = await query.execute();
      return rows.map(toStoredEvent);
    });
  }

  deleteRoom(id: string): Promise<boolean> {
    return this.#changing(async (trx) => {
      const result = await trx.deleteFrom('rooms').where('id', '=', id).executeTakeFirst();
      const deleted = result.numDeletedRows > 0n;
      return { result: deleted, changes: deleted ? [{ roomId: id, kind: 'gone' }] : [] };
    });
  }

  saveRun(run: RunWrite, expectedEvents: number): Promise<RunRow> {
    const values = prepareRun(run);
    return this.#run(async () => {
      if (expectedEvents === 0) {
        try {
          const row = await this.#db
            .insertInto('room_runs')
            .values(values)
            .returningAll()
            .executeTakeFirstOrThrow();
          return toRunRow(row, true);
        } catch (error) {
          // Either the run exists already (someone saved it first) or the room does not.
          const current = await this.run(run.roomId, run.runId);
          if (current !== undefined) {
            throw new RunConflictError(run.runId, 0, current.events.length);
          }
          if ((await this.roomById(run.roomId)) === undefined) {
            throw new RoomNotFoundError(run.roomId);
          }
          throw error;
        }
      }
      const { room_id: roomId, run_id: runId, ...changes } = values;
      const row = await this.#db
        .updateTable('room_runs')
        .set(changes)
        .where('room_id', '=', roomId)
        .where('run_id', '=', runId)
        .where('event_count', '=', expectedEvents)
        .returningAll()
        .executeTakeFirst();
      if (row !== undefined) return toRunRow(row, true);
      const current = await this.run(run.roomId, run.runId);
      throw new RunConflictError(run.runId, expectedEvents, current?.events.length ?? 0);
    });
  }

  run(roomId: string, runId: string): Promise<RunRow | undefined> {
    return this.#run(async () => {
      const row = await this.#db
        .selectFrom('room_runs')
        .selectAll()
        .where('room_id', '=', roomId)
        .where('run_id', '=', runId)
        .executeTakeFirst();
      return row && toRunRow(row, true);
    });
  }

  runsOf(roomId: string, participantId: string): Promise<RunRow[]> {
    return this.#run(async () => {
      const rows = await this.#db
        .selectFrom('room_runs')
        .selectAll()
        .where('room_id', '=', roomId)
        .where('participant_id', '=', participantId)
        .orderBy('started_at', 'asc')
        .orderBy('run_id', 'asc')
        .execute();
      return rows.map((row) => toRunRow(row, true));
    });
  }

  runsOfRoom(roomId: string, options: { withEvents?: boolean } = {}): Promise<RunRow[]> {
    const withEvents = options.withEvents === true;
    return this.#run(async () => {
      const rows = await this.#db
        .selectFrom('room_runs')
        .select([
          'room_id',
          'run_id',
          'participant_id',
          'nickname',
          'status',
          'started_at',
          'updated_at',
          'finished_at',
          'event_count',
          'record',
        ])
        .$if(withEvents, (query) => query.select('events'))
        .where('room_id', '=', roomId)
        .orderBy('started_at', 'asc')
        .orderBy('run_id', 'asc')
        .execute();
      return rows.map((row) => toRunRow({ events: '[]', ...row }, withEvents));
    });
  }

  countOpenRooms(now: number): Promise<number> {
    return this.#run(async () => {
      const row = await this.#db
        .selectFrom('rooms')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('closed_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
  }

  deleteExpired(now: number, graceMs: number): Promise<number> {
    return this.#changing(async (trx) => {
      const deleted = await trx
        .deleteFrom('rooms')
        .where((eb) =>
          eb.or([eb('expires_at', '<', now - graceMs), eb('closed_at', '<', now - graceMs)]),
        )
        .returning('id')
        .execute();
      return {
        result: deleted.length,
        changes: deleted.map(({ id }) => ({ roomId: id, kind: 'gone' as const })),
      };
    });
  }

  close(): Promise<void> {
    this.#closed ??= this.#db.destroy();
    return this.#closed;
  }

  /** The room whose unique column `column` equals `value`, if any. */
  #roomWhere(column: 'id' | 'code', value: string): Promise<RoomRow | undefined> {
    return this.#run(async () => {
      const row = await this.#db
        .selectFrom('rooms')
        .selectAll()
        .where(column, '=', value)
        .executeTakeFirst();
      return row && toRoomRow(row);
    });
  }

  /**
   * Runs a write that other processes should hear of: where they can, in one transaction with
   * its notifications (delivered on commit); elsewhere as it is.
   */
  #changing<T>(
    work: (db: Kysely<Database>) => Promise<{ result: T; changes: readonly RoomChange[] }>,
  ): Promise<T> {
    const { notify } = this.#support;
    if (!notify) return this.#run(async () => (await work(this.#db)).result);
    return this.#run(() =>
      this.#db.transaction().execute(async (trx) => {
        const { result, changes } = await work(trx);
        for (const change of changes) await notify(trx, change);
        return result;
      }),
    );
  }

  /** Runs a query, turning the driver's connection failures into StoreUnavailableError. */
  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof StoreError) && this.#support.isUnavailable(error)) {
        throw new StoreUnavailableError(
          `the ${this.dialect} room store is unavailable: ${describe(error)}`,
          { cause: error },
        );
      }
      throw error;
    }
  }
}

/**
 * Adds `count` to the room's last_seq (locking its row) and returns the new value; throws
 * RoomNotFoundError or SeqConflictError, in which case the caller's transaction writes nothing.
 */
async function bumpLastSeq(
  trx: Transaction<Database>,
  roomId: string,
  count: number,
  expectedSeq: number | undefined,
): Promise<number> {
  let update = trx
    .updateTable('rooms')
    .set((eb) => ({ last_seq: eb('last_seq', '+', count) }))
    .where('id', '=', roomId);
  if (expectedSeq !== undefined) update = update.where('last_seq', '=', expectedSeq);
  const updated = await update.returning('last_seq').executeTakeFirst();
  if (updated !== undefined) return updated.last_seq;
  const room = await trx
    .selectFrom('rooms')
    .select('last_seq')
    .where('id', '=', roomId)
    .executeTakeFirst();
  if (room === undefined) throw new RoomNotFoundError(roomId);
  throw new SeqConflictError(roomId, expectedSeq ?? room.last_seq, room.last_seq);
}

/** Checks an event and serialises its payload, before any transaction starts. */
function prepareEvent(event: NewEvent, index: number): Omit<RoomEventInsert, 'room_id' | 'seq'> {
  const where = `event ${index}`;
  if (typeof event.type !== 'string' || event.type === '') {
    throw new InvalidEventError(`${where}: type must be a non-empty string`);
  }
  if (typeof event.actor !== 'string' || event.actor === '') {
    throw new InvalidEventError(`${where}: actor must be a non-empty string`);
  }
  const at = event.at ?? Date.now();
  if (!Number.isSafeInteger(at) || at < 0) {
    throw new InvalidEventError(`${where}: at must be a time in milliseconds, got ${at}`);
  }
  let payload: string | undefined;
  try {
    payload = JSON.stringify(event.payload);
  } catch (error) {
    throw new InvalidEventError(`${where}: payload cannot be stored as JSON: ${describe(error)}`, {
      cause: error,
    });
  }
  if (payload === undefined) {
    throw new InvalidEventError(
      `${where}: payload cannot be stored as JSON (${typeof event.payload})`,
    );
  }
  return { type: event.type, actor: event.actor, at, payload };
}

function toRoomRow(row: RoomsRecord): RoomRow {
  return {
    id: row.id,
    code: row.code,
    scenarioId: row.scenario_id,
    mode: row.mode,
    facilitatorHash: row.facilitator_hash,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    closedAt: row.closed_at === null ? null : Number(row.closed_at),
    lastSeq: row.last_seq,
    settings: parseSettings(row.settings),
  };
}

/** A room's settings column as an object; anything but a JSON object reads as `{}`. */
function parseSettings(text: string): Readonly<Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // A settings column is only ever written by updateRoom; unreadable text means no settings.
  }
  return {};
}

/** Checks a run and serialises its events and record, before any statement runs. */
function prepareRun(run: RunWrite): RoomRunInsert {
  if (run.roomId === '' || run.runId === '' || run.participantId === '') {
    throw new InvalidEventError('a run needs a room id, a run id and a participant id');
  }
  let events: string;
  let record: string | undefined;
  try {
    events = JSON.stringify(run.events);
    record = JSON.stringify(run.record);
  } catch (error) {
    throw new InvalidEventError(`run ${run.runId} cannot be stored as JSON: ${describe(error)}`, {
      cause: error,
    });
  }
  if (record === undefined) {
    throw new InvalidEventError(`run ${run.runId}: its record cannot be stored as JSON`);
  }
  return {
    room_id: run.roomId,
    run_id: run.runId,
    participant_id: run.participantId,
    nickname: run.nickname,
    status: run.status,
    started_at: run.startedAt,
    updated_at: run.updatedAt ?? Date.now(),
    finished_at: run.finishedAt,
    event_count: run.events.length,
    events,
    record,
  };
}

function toRunRow(row: RoomRunRecord, withEvents: boolean): RunRow {
  return {
    roomId: row.room_id,
    runId: row.run_id,
    participantId: row.participant_id,
    nickname: row.nickname,
    status: row.status,
    startedAt: Number(row.started_at),
    updatedAt: Number(row.updated_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    events: withEvents ? (JSON.parse(row.events) as RunRow['events']) : [],
    record: JSON.parse(row.record) as unknown,
  };
}

function toStoredEvent(row: RoomEventRecord): StoredEvent {
  return {
    roomId: row.room_id,
    seq: row.seq,
    at: Number(row.at),
    type: row.type,
    actor: row.actor,
    payload: JSON.parse(row.payload),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
