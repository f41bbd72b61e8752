/**
 * The room store, one suite run against each real database (store-targets.ts): SQLite in a fresh
 * temporary file and PostgreSQL in a fresh schema per test. No database is mocked. The kill -9 and
 * two-process tests run the store in child processes (append-worker.ts, through tsx).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeTakenError,
  InvalidEventError,
  RoomNotFoundError,
  RunConflictError,
  SeqConflictError,
  StoreUnavailableError,
} from '@/app/_server/store/errors';
import { openPostgresStore } from '@/app/_server/store/postgres';
import type {
  NewRoom,
  RoomChange,
  RoomStore,
  RunWrite,
  StoredEvent,
} from '@/app/_server/store/types';
import { postgresClient, storeTargetKinds, workerPayload, type StoreTarget } from './store-targets';

jest.setTimeout(60_000);

const { kinds, failure } = storeTargetKinds();

const HOUR = 3_600_000;

function newRoom(overrides: Partial<NewRoom> = {}): NewRoom {
  return {
    code: randomBytes(3).toString('hex').toUpperCase(),
    scenarioId: 'kabul-evacuation',
    mode: 'live',
    facilitatorHash: 'hash-of-secret',
    expiresAt: Date.now() + HOUR,
    ...overrides,
  };
}

function tick(n: number) {
  return { type: 'room.tick', actor: 'facilitator', payload: { n } };
}

function runOf(roomId: string, overrides: Partial<RunWrite> = {}): RunWrite {
  return {
    roomId,
    runId: randomBytes(6).toString('hex'),
    participantId: 'p1',
    nickname: 'Ayesha',
    status: 'active',
    startedAt: 1_700_000_000_000,
    finishedAt: null,
    events: [{ at: 1_700_000_000_000, event: { type: 'user.start' } }],
    record: { path: [], predictions: {} },
    ...overrides,
  };
}

function seqs(events: readonly StoredEvent[]): number[] {
  return events.map((event) => event.seq);
}

function oneTo(n: number): number[] {
  return Array.from({ length: n }, (_, index) => index + 1);
}

/** Polls `check` every 20 ms until it is true; fails after 5 s. */
async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 5000; !(await check());) {
    if (Date.now() > deadline) throw new Error('waitFor: still false after 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A rejection's error, failing the test if the promise resolves instead. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

// --- child processes -------------------------------------------------------------------------

// tsx's loader inside one node process: the tsx command would start the script in a second
// process, which a SIGKILL of the first would leave running (and holding the output pipes).
const TSX_LOADER = pathToFileURL(path.join(process.cwd(), 'node_modules/tsx/dist/loader.mjs')).href;
const WORKER = path.join(__dirname, 'append-worker.ts');

interface Ack {
  readonly seq: number;
  readonly n: number;
}

interface Worker {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Acknowledged appends so far, in the order printed. */
  readonly acks: Ack[];
  /** Resolves once at least `count` acks arrived; rejects after `timeoutMs`. */
  acked(count: number, timeoutMs: number): Promise<void>;
  /** Resolves when the process has exited and its output is read to the end. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

const workers: ChildProcess[] = [];

function startWorker(target: StoreTarget, roomId: string, count: number | 'forever'): Worker {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, WORKER, roomId, String(count)], {
    env: { ...process.env, ...target.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(child);
  const acks: Ack[] = [];
  let pending = '';
  let errors = '';
  let waiter: { count: number; resolve: () => void } | undefined;
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [seq, n] = line.split(' ').map(Number);
      acks.push({ seq: seq!, n: n! });
    }
    if (waiter && acks.length >= waiter.count) waiter.resolve();
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (errors += chunk));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    pid: child.pid ?? -1,
    acks,
    stderr: () => errors,
    closed,
    acked(count, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        if (acks.length >= count) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`only ${acks.length} acks after ${timeoutMs} ms: ${errors}`)),
          timeoutMs,
        );
        waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        void closed.then(() => {
          clearTimeout(timer);
          reject(new Error(`worker exited after ${acks.length} acks: ${errors}`));
        });
      });
    },
  };
}

/** Kills the workers a test left running, and waits until they are gone. */
async function stopWorkers(): Promise<void> {
  await Promise.all(
    workers.splice(0).map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      return gone;
    }),
  );
}

// --- the shared suite -----------------------------------------------------------------------

if (failure !== undefined) {
  test('PostgreSQL is reachable (CROSSROADS_REQUIRE_POSTGRES=1)', () => {
    throw new Error(failure);
  });
}

describe.each(kinds)('room store: $dialect', (kind) => {
  let target: StoreTarget;
  let store: RoomStore;

  beforeEach(async () => {
    target = await kind.create();
    store = await target.open();
  });

  afterEach(async () => {
    await stopWorkers();
    await target.dispose();
  });

  test('reports its dialect', () => {
    expect(store.dialect).toBe(kind.dialect);
  });

  test('migrating again, or opening again, changes nothing', async () => {
    const room = await store.createRoom(newRoom());
    await store.migrate();
    await store.migrate();
    const again = await target.open();
    await again.migrate();
    expect(await target.query('select name from kysely_migration')).toEqual([
      { name: '001-rooms-and-events' },
      { name: '002-runs-and-settings' },
    ]);
    expect(await again.roomById(room.id)).toEqual(room);
  });

  test('creates a room and finds it by code and by id', async () => {
    const input = newRoom({ mode: 'self-paced', createdAt: 1_700_000_000_000 });
    const room = await store.createRoom(input);
    expect(room).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      code: input.code,
      scenarioId: input.scenarioId,
      mode: 'self-paced',
      facilitatorHash: input.facilitatorHash,
      createdAt: 1_700_000_000_000,
      expiresAt: input.expiresAt,
      closedAt: null,
      lastSeq: 0,
      settings: {},
    });
    expect(await store.roomByCode(input.code)).toEqual(room);
    expect(await store.roomById(room.id)).toEqual(room);
    expect(await store.roomByCode('NOPE00')).toBeUndefined();
    expect(await store.roomById('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  test('lists rooms by ids in the order asked, leaving out unknown ids and repeats', async () => {
    const a = await store.createRoom(newRoom());
    const b = await store.createRoom(newRoom());
    expect(await store.roomsByIds([b.id, 'unknown', a.id, b.id])).toEqual([b, a]);
    expect(await store.roomsByIds([])).toEqual([]);
  });

  test('refuses a join code already in use with CodeTakenError, storing nothing', async () => {
    const first = await store.createRoom(newRoom());
    const error = await rejection(store.createRoom(newRoom({ code: first.code })));
    expect(error).toBeInstanceOf(CodeTakenError);
    expect(error).toMatchObject({ code: first.code });
    expect(await target.count('rooms')).toBe(1);
  });

  test('updates the expiry and closing time', async () => {
    const room = await store.createRoom(newRoom());
    const closed = await store.updateRoom(room.id, { closedAt: 123, expiresAt: 456 });
    expect(closed).toEqual({ ...room, closedAt: 123, expiresAt: 456 });
    expect(await store.updateRoom(room.id, { closedAt: null })).toEqual({
      ...room,
      expiresAt: 456,
    });
    expect(await store.updateRoom(room.id, {})).toEqual({ ...room, expiresAt: 456 });
    expect(await store.updateRoom('unknown', { closedAt: 1 })).toBeUndefined();
  });

  test('appends at seq 1, 2, 3 and returns the stored events', async () => {
    const room = await store.createRoom(newRoom());
    const before = Date.now();
    const first = await store.append(room.id, {
      type: 'room.join',
      actor: 'p-1',
      payload: { nickname: 'Aïsha 🌍', votes: [1, null] },
    });
    expect(first).toEqual({
      roomId: room.id,
      seq: 1,
      at: expect.any(Number),
      type: 'room.join',
      actor: 'p-1',
      payload: { nickname: 'Aïsha 🌍', votes: [1, null] },
    });
    expect(first.at).toBeGreaterThanOrEqual(before);
    const second = await store.append(room.id, { ...tick(2), at: 42 });
    const third = await store.append(room.id, tick(3));
    expect([second.seq, second.at, third.seq]).toEqual([2, 42, 3]);
    expect((await store.roomById(room.id))?.lastSeq).toBe(3);
    expect(await store.events(room.id)).toEqual([first, second, third]);
  });

  test('events(afterSeq, limit) returns exactly the later events, in order', async () => {
    const room = await store.createRoom(newRoom());
    const other = await store.createRoom(newRoom());
    await store.appendMany(room.id, oneTo(10).map(tick));
    await store.append(other.id, tick(99));
    expect(seqs(await store.events(room.id, 7))).toEqual([8, 9, 10]);
    expect((await store.events(room.id, 7)).map((event) => event.payload)).toEqual([
      { n: 8 },
      { n: 9 },
      { n: 10 },
    ]);
    expect(seqs(await store.events(room.id, 2, 3))).toEqual([3, 4, 5]);
    expect(await store.events(room.id, 10)).toEqual([]);
    expect(seqs(await store.events(other.id))).toEqual([1]);
    expect(await store.events('unknown')).toEqual([]);
  });

  test('with a stale expectedSeq, writes nothing and reports the current seq', async () => {
    const room = await store.createRoom(newRoom());
    await store.appendMany(room.id, [tick(1), tick(2)]);
    const error = await rejection(store.append(room.id, tick(3), { expectedSeq: 1 }));
    expect(error).toBeInstanceOf(SeqConflictError);
    expect(error).toMatchObject({ roomId: room.id, expectedSeq: 1, currentSeq: 2 });
    const many = await rejection(store.appendMany(room.id, [tick(3)], { expectedSeq: 5 }));
    expect(many).toMatchObject({ expectedSeq: 5, currentSeq: 2 });
    expect(await target.count('room_events', room.id)).toBe(2);
    expect((await store.roomById(room.id))?.lastSeq).toBe(2);
    expect((await store.append(room.id, tick(3), { expectedSeq: 2 })).seq).toBe(3);
  });

  test('appendMany stores consecutive seqs, all or none', async () => {
    const room = await store.createRoom(newRoom());
    await store.append(room.id, tick(1));
    expect(seqs(await store.appendMany(room.id, [tick(2), tick(3), tick(4)]))).toEqual([2, 3, 4]);
    expect(await store.appendMany(room.id, [])).toEqual([]);

    const unserialisable = [tick(5), { type: 'x', actor: 'y', payload: { big: 1n } }];
    expect(await rejection(store.appendMany(room.id, unserialisable))).toBeInstanceOf(
      InvalidEventError,
    );
    const nothing = [tick(5), { type: 'x', actor: 'y', payload: undefined }];
    expect(await rejection(store.appendMany(room.id, nothing))).toBeInstanceOf(InvalidEventError);
    const noType = [tick(5), { type: '', actor: 'y', payload: 1 }];
    expect(await rejection(store.appendMany(room.id, noType))).toBeInstanceOf(InvalidEventError);
    expect(await rejection(store.appendMany('unknown', [tick(1)]))).toBeInstanceOf(
      RoomNotFoundError,
    );
    expect(await target.count('room_events')).toBe(4);
    expect((await store.roomById(room.id))?.lastSeq).toBe(4);
  });

  test("appendDecided decides under the room's lock, after the events the caller missed", async () => {
    const room = await store.createRoom(newRoom());
    const other = await target.open();
    await other.appendMany(room.id, [tick(1), tick(2)]);
    const seen: number[][] = [];
    const { missed, stored } = await store.appendDecided(room.id, 0, (events) => {
      seen.push(seqs(events));
      return [tick(3)];
    });
    expect(seen).toEqual([[1, 2]]);
    expect(seqs(missed)).toEqual([1, 2]);
    expect(seqs(stored)).toEqual([3]);
    // Deciding nothing writes nothing.
    const none = await store.appendDecided(room.id, 3, () => []);
    expect(none).toEqual({ missed: [], stored: [] });
    expect((await store.roomById(room.id))?.lastSeq).toBe(3);
    await expect(store.appendDecided('unknown', 0, () => [tick(1)])).rejects.toBeInstanceOf(
      RoomNotFoundError,
    );
    // Two pools deciding at once (two stores on one SQLite file in one process stall each other,
    // see sqlite.ts): one waits for the other's commit and sees its event.
    if (kind.dialect !== 'postgres') return;
    const [a, b] = await Promise.all(
      [store, other].map((s, i) =>
        s.appendDecided(room.id, 3, (events) => [tick(10 + i + events.length * 100)]),
      ),
    );
    const decisions = [a!, b!].sort((x, y) => x.stored[0]!.seq - y.stored[0]!.seq);
    expect(decisions.map((d) => seqs(d.missed))).toEqual([[], [4]]);
    expect(decisions.map((d) => seqs(d.stored))).toEqual([[4], [5]]);
  });

  test('a failure inside the append transaction rolls all of it back', async () => {
    const room = await store.createRoom(newRoom());
    await store.append(room.id, tick(1));
    // A stray row at seq 3 makes the batch's second insert collide after seq 2 was taken.
    await target.query(
      `insert into room_events (room_id, seq, at, type, actor, payload)
       values ('${room.id}', 3, 0, 'stray', 'test', '{}')`,
    );
    await expect(store.appendMany(room.id, [tick(2), tick(3)])).rejects.toThrow();
    expect(await target.count('room_events', room.id)).toBe(2);
    expect((await store.roomById(room.id))?.lastSeq).toBe(1);
    expect(seqs(await store.events(room.id))).toEqual([1, 3]);
  });

  test('200 concurrent appends get seqs 1 to 200, no gaps, no repeats', async () => {
    const room = await store.createRoom(newRoom());
    const stored = await Promise.all(oneTo(200).map((n) => store.append(room.id, tick(n))));
    expect(seqs(stored).sort((a, b) => a - b)).toEqual(oneTo(200));
    const events = await store.events(room.id);
    expect(seqs(events)).toEqual(oneTo(200));
    for (const event of stored) {
      expect(events[event.seq - 1]?.payload).toEqual(event.payload);
    }
  });

  if (kind.dialect === 'postgres') {
    test('appends from two pools at once are serialised by the room row lock', async () => {
      const second = await target.open();
      const room = await store.createRoom(newRoom());
      await Promise.all(
        oneTo(100).flatMap((n) => [
          store.append(room.id, tick(n)),
          second.append(room.id, { ...tick(n), actor: 'second-pool' }),
        ]),
      );
      expect(seqs(await store.events(room.id))).toEqual(oneTo(200));
      expect(await target.count('room_events', room.id)).toBe(200);
    });

    test('a lost connection is StoreUnavailableError, and the pool reconnects by itself', async () => {
      const room = await store.createRoom(newRoom());
      const schema = target.env.CROSSROADS_DATABASE_SCHEMA!;
      const ofThisStore = 'from pg_stat_activity where application_name = $1';
      // The pool reports the idle connections the server closed; that warning is expected here.
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
      const locker = await postgresClient(schema);
      try {
        // Hold the room's row lock so that an append is in flight, waiting, when its
        // connection is terminated (as in a server restart).
        await locker.query('begin');
        await locker.query('select 1 from rooms where id = $1 for update', [room.id]);
        const blocked = rejection(store.append(room.id, tick(1)));
        await waitFor(async () => {
          const rows = await target.query(`select 1 ${ofThisStore} and wait_event_type = 'Lock'`, [
            schema,
          ]);
          return rows.length === 1;
        });
        await target.query(`select pg_terminate_backend(pid) ${ofThisStore}`, [schema]);
        expect(await blocked).toBeInstanceOf(StoreUnavailableError);
        await locker.query('rollback');
      } finally {
        await locker.end();
      }
      let result: StoredEvent | undefined;
      for (let attempt = 0; attempt < 3 && result === undefined; attempt++) {
        try {
          result = await store.append(room.id, tick(1));
        } catch (error) {
          expect(error).toBeInstanceOf(StoreUnavailableError);
        }
      }
      expect(result?.seq).toBe(1);
      expect(await target.count('room_events', room.id)).toBe(1);
      warn.mockRestore();
    });
  }

  test('two processes appending at once get contiguous seqs', async () => {
    const room = await store.createRoom(newRoom());
    const pair = [startWorker(target, room.id, 100), startWorker(target, room.id, 100)];
    const exits = await Promise.all(pair.map((worker) => worker.closed));
    expect(exits.map((exit) => exit.code)).toEqual([0, 0]);
    const events = await store.events(room.id);
    expect(seqs(events)).toEqual(oneTo(200));
    for (const worker of pair) {
      expect(worker.acks).toHaveLength(100);
      for (const ack of worker.acks) {
        expect(events[ack.seq - 1]).toMatchObject({
          actor: `worker-${worker.pid}`,
          payload: workerPayload(ack.n),
        });
      }
    }
  });

  test('deleteRoom removes the room and every one of its events', async () => {
    const room = await store.createRoom(newRoom());
    const kept = await store.createRoom(newRoom());
    await store.appendMany(room.id, oneTo(5).map(tick));
    await store.append(kept.id, tick(1));
    expect(await store.deleteRoom(room.id)).toBe(true);
    expect(await target.count('rooms', room.id)).toBe(0);
    expect(await target.count('room_events', room.id)).toBe(0);
    expect(await target.count('room_events', kept.id)).toBe(1);
    expect(await store.deleteRoom(room.id)).toBe(false);
    expect(await rejection(store.append(room.id, tick(6)))).toBeInstanceOf(RoomNotFoundError);
  });

  test('deleteExpired deletes only rooms expired for longer than the grace period', async () => {
    const now = 1_800_000_000_000;
    const grace = 5_000;
    const long = await store.createRoom(newRoom({ expiresAt: now - grace - 1 }));
    const edge = await store.createRoom(newRoom({ expiresAt: now - grace }));
    const recent = await store.createRoom(newRoom({ expiresAt: now - 1 }));
    const live = await store.createRoom(newRoom({ expiresAt: now + HOUR }));
    await store.append(long.id, tick(1));
    expect(await store.deleteExpired(now, grace)).toBe(1);
    expect(await store.roomById(long.id)).toBeUndefined();
    expect(await target.count('room_events', long.id)).toBe(0);
    const left = await store.roomsByIds([long.id, edge.id, recent.id, live.id]);
    expect(left.map((room) => room.id)).toEqual([edge.id, recent.id, live.id]);
    expect(await store.deleteExpired(now, grace)).toBe(0);
  });

  test('countOpenRooms counts rooms neither closed nor past their expiry', async () => {
    const now = 1_900_000_000_000;
    const before = await store.countOpenRooms(now);
    await store.createRoom(newRoom({ expiresAt: now + HOUR }));
    const closing = await store.createRoom(newRoom({ expiresAt: now + HOUR }));
    await store.createRoom(newRoom({ expiresAt: now - 1 }));
    expect(await store.countOpenRooms(now)).toBe(before + 2);
    await store.updateRoom(closing.id, { closedAt: now });
    expect(await store.countOpenRooms(now)).toBe(before + 1);
  });

  test('saves a run, reads it back, and refuses a save from a stale event count', async () => {
    const room = await store.createRoom(newRoom({ mode: 'self-paced' }));
    const first = runOf(room.id);
    const saved = await store.saveRun({ ...first, updatedAt: 1_700_000_000_500 }, 0);
    expect(saved).toEqual({ ...first, updatedAt: 1_700_000_000_500 });
    expect(await store.run(room.id, first.runId)).toEqual(saved);

    const next = {
      ...first,
      events: [...first.events, { at: 1_700_000_001_000, event: { type: 'user.choose' } }],
      record: { path: ['pakistan'], predictions: { d1: 'x' } },
    };
    await store.saveRun(next, 1);
    const stale = await rejection(store.saveRun({ ...next, record: { lost: true } }, 1));
    expect(stale).toBeInstanceOf(RunConflictError);
    expect(stale).toMatchObject({ expectedEvents: 1, currentEvents: 2 });
    const again = await rejection(store.saveRun(first, 0));
    expect(again).toMatchObject({ name: 'RunConflictError', currentEvents: 2 });
    expect((await store.run(room.id, first.runId))?.record).toEqual(next.record);
  });

  test('of two saves from the same event count, exactly one is stored', async () => {
    const room = await store.createRoom(newRoom({ mode: 'self-paced' }));
    const run = runOf(room.id);
    const results = await Promise.allSettled([
      store.saveRun({ ...run, record: 'a' }, 0),
      store.saveRun({ ...run, record: 'b' }, 0),
    ]);
    const stored = results.filter((result) => result.status === 'fulfilled');
    expect(stored).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(RunConflictError);
    expect((await store.run(room.id, run.runId))?.record).toBe(stored[0]?.value.record);
  });

  test('lists a participant’s runs and a room’s runs, oldest first', async () => {
    const room = await store.createRoom(newRoom({ mode: 'self-paced' }));
    const other = await store.createRoom(newRoom({ mode: 'self-paced' }));
    const later = runOf(room.id, { startedAt: 2_000, participantId: 'p1' });
    const earlier = runOf(room.id, { startedAt: 1_000, participantId: 'p1', status: 'abandoned' });
    const theirs = runOf(room.id, { startedAt: 1_500, participantId: 'p2', nickname: null });
    for (const run of [later, earlier, theirs, runOf(other.id)]) await store.saveRun(run, 0);
    const mine = await store.runsOf(room.id, 'p1');
    expect(mine.map((run) => run.runId)).toEqual([earlier.runId, later.runId]);
    expect(mine[0]?.events).toEqual(earlier.events);
    const all = await store.runsOfRoom(room.id);
    expect(all.map((run) => run.runId)).toEqual([earlier.runId, theirs.runId, later.runId]);
    expect(all.every((run) => run.events.length === 0)).toBe(true);
    expect(all[1]).toMatchObject({ nickname: null, participantId: 'p2', record: theirs.record });
    const withEvents = await store.runsOfRoom(room.id, { withEvents: true });
    expect(withEvents[2]?.events).toEqual(later.events);
  });

  test('refuses a run for a room that does not exist', async () => {
    const error = await rejection(store.saveRun(runOf('00000000-0000-0000-0000-000000000000'), 0));
    expect(error).toBeInstanceOf(RoomNotFoundError);
  });

  test('keeps a room’s settings, and deleting the room deletes its runs', async () => {
    const room = await store.createRoom(newRoom({ mode: 'self-paced' }));
    expect(room.settings).toEqual({});
    const updated = await store.updateRoom(room.id, { settings: { hidden: ['p2'] } });
    expect(updated?.settings).toEqual({ hidden: ['p2'] });
    expect((await store.roomById(room.id))?.settings).toEqual({ hidden: ['p2'] });
    await store.saveRun(runOf(room.id), 0);
    await store.saveRun(runOf(room.id), 0);
    expect(await target.count('room_runs', room.id)).toBe(2);
    await store.deleteRoom(room.id);
    expect(await target.count('room_runs', room.id)).toBe(0);
  });

  test('deleteExpired also deletes rooms closed for longer than the grace period', async () => {
    const now = 1_850_000_000_000;
    const grace = 5_000;
    const closedLongAgo = await store.createRoom(newRoom({ expiresAt: now + HOUR }));
    const closedRecently = await store.createRoom(newRoom({ expiresAt: now + HOUR }));
    await store.updateRoom(closedLongAgo.id, { closedAt: now - grace - 1 });
    await store.updateRoom(closedRecently.id, { closedAt: now - 1 });
    await store.saveRun(runOf(closedLongAgo.id), 0);
    expect(await store.deleteExpired(now, grace)).toBe(1);
    expect(await store.roomById(closedLongAgo.id)).toBeUndefined();
    expect(await target.count('room_runs', closedLongAgo.id)).toBe(0);
    expect(await store.roomById(closedRecently.id)).toBeDefined();
  });

  test('a store opened after close sees everything (restart = replay)', async () => {
    const room = await store.createRoom(newRoom());
    const written = await store.appendMany(room.id, oneTo(20).map(tick));
    await store.updateRoom(room.id, { closedAt: 99 });
    await store.close();
    const reopened = await target.open();
    expect(await reopened.roomByCode(room.code)).toEqual({ ...room, lastSeq: 20, closedAt: 99 });
    expect(await reopened.events(room.id)).toEqual(written);
    expect((await reopened.append(room.id, tick(21))).seq).toBe(21);
  });

  test('kill -9 of a writer loses no acknowledged event', async () => {
    const room = await store.createRoom(newRoom());
    await store.close();
    const worker = startWorker(target, room.id, 'forever');
    await worker.acked(100, 30_000);
    worker.child.kill('SIGKILL');
    const exit = await worker.closed;
    expect(exit.signal).toBe('SIGKILL');

    const reopened = await target.open();
    const events = await reopened.events(room.id);
    const acks = worker.acks;
    if (process.env.CROSSROADS_STORE_TEST_REPORT) {
      console.info(
        `kill -9 (${kind.dialect}): ${acks.length} acks before the kill, ${events.length} events found`,
      );
    }
    expect(acks.length).toBeGreaterThanOrEqual(100);
    expect(seqs(events)).toEqual(oneTo(events.length));
    expect(events.length).toBeGreaterThanOrEqual(acks.length);
    for (const ack of acks) {
      expect(ack.seq).toBe(ack.n);
      expect(events[ack.seq - 1]?.payload).toEqual(workerPayload(ack.n));
    }
    expect((await reopened.roomById(room.id))?.lastSeq).toBe(events.length);
  });
});

describe('PostgreSQL store, database unreachable', () => {
  test('opening reports StoreUnavailableError', async () => {
    const error = await rejection(
      openPostgresStore({
        connectionString: 'postgres://127.0.0.1:1/none',
        connectionTimeoutMs: 2000,
      }),
    );
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ retryAfterSeconds: expect.any(Number) });
  });
});

describe.each(kinds)('changes every instance hears of: $dialect', (kind) => {
  let target: StoreTarget;

  beforeEach(async () => {
    target = await kind.create();
  });

  afterEach(async () => {
    await target.dispose();
  });

  /** Two stores on one database, as two instances have; `heard` is what the first one hears. */
  async function twoInstances() {
    const here = await target.open();
    const there = await target.open();
    const heard: RoomChange[] = [];
    let resyncs = 0;
    const unwatch = await here.watch({
      change: (change) => heard.push(change),
      resync: () => (resyncs += 1),
    });
    return { here, there, heard, resyncs: () => resyncs, unwatch };
  }

  if (kind.dialect === 'sqlite') {
    test('one process per file: not shared, nothing to hear', async () => {
      const { here, there, heard, unwatch } = await twoInstances();
      expect(here.shared).toBe(false);
      const room = await there.createRoom(newRoom());
      await there.append(room.id, tick(1));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard).toEqual([]);
      await unwatch();
    });
    return;
  }

  test('hears appends, row changes and deletions committed by another instance', async () => {
    const { here, there, heard, unwatch } = await twoInstances();
    expect(here.shared).toBe(true);
    const room = await there.createRoom(newRoom());
    const expired = await there.createRoom(newRoom({ expiresAt: 1_000 }));
    await there.appendMany(room.id, [tick(1), tick(2)]);
    await there.append(room.id, tick(3));
    await there.updateRoom(room.id, { closedAt: Date.now() });
    await there.deleteExpired(Date.now(), 0);
    await there.deleteRoom(room.id);
    await waitFor(() => heard.length >= 5);
    expect(heard).toEqual([
      { roomId: room.id, kind: 'events', seq: 2 },
      { roomId: room.id, kind: 'events', seq: 3 },
      { roomId: room.id, kind: 'row' },
      { roomId: expired.id, kind: 'gone' },
      { roomId: room.id, kind: 'gone' },
    ]);
    await unwatch();
  });

  test('hears nothing of a write that did not commit', async () => {
    const { there, heard, unwatch } = await twoInstances();
    const room = await there.createRoom(newRoom());
    await there.append(room.id, tick(1));
    await rejection(there.append(room.id, tick(2), { expectedSeq: 0 }));
    await there.append(room.id, tick(2), { expectedSeq: 1 });
    await waitFor(() => heard.length >= 2);
    expect(heard).toEqual([
      { roomId: room.id, kind: 'events', seq: 1 },
      { roomId: room.id, kind: 'events', seq: 2 },
    ]);
    await unwatch();
  });

  test('listens again by itself when its connection is cut, and says changes may be missed', async () => {
    const { there, heard, resyncs, unwatch } = await twoInstances();
    const room = await there.createRoom(newRoom());
    const cut = await target.query(
      "select pg_terminate_backend(pid) as cut from pg_stat_activity where application_name like '%-listen' and datname = current_database() and application_name like $1",
      [`${target.env.CROSSROADS_DATABASE_SCHEMA}%`],
    );
    expect(cut).toHaveLength(1);
    await waitFor(() => resyncs() === 1);
    await there.append(room.id, tick(1));
    await waitFor(() => heard.length >= 1);
    expect(heard).toEqual([{ roomId: room.id, kind: 'events', seq: 1 }]);
    await unwatch();
  });
});
