/**
 * Several instances on one PostgreSQL database, each a room hub with a store (a pool) of its own
 * and its own LISTEN connection, as two `next start` processes have: a vote taken by one is
 * counted on the other within a second; racing facilitator commands are ordered by the log (one
 * wins, the other is told the room moved on); a participant's votes racing on both instances count
 * once; an instance that missed notifications catches up from the log; a room deleted on one
 * ends the other's streams; the projector counts the phones connected to either. No database is mocked; without PostgreSQL the suite is skipped (or
 * fails, with CROSSROADS_REQUIRE_POSTGRES=1), as the store's suite is.
 */
import { exerciseScenario } from '@/app/_server/rooms/index';
import { roomLimits } from '@/app/_server/rooms/config';
import { RoomHub, type LiveRoom, type Outcome } from '@/app/_server/rooms/hub';
import { positionOf, type RoomEvent } from '@/machines/room-machine';
import { postgresKind, storeTargetKinds, type StoreTarget } from './store-targets';

jest.setTimeout(60_000);

const { postgres, failure } = storeTargetKinds();
const describePostgres = postgres.reachable ? describe : describe.skip;

if (failure !== undefined) {
  test('PostgreSQL is reachable (CROSSROADS_REQUIRE_POSTGRES=1)', () => {
    throw new Error(failure);
  });
}

const FACILITATOR = { role: 'facilitator' } as const;
const as = (id: string) => ({ role: 'participant', id }) as const;

describePostgres('rooms on PostgreSQL, served by two instances', () => {
  let target: StoreTarget;
  const hubs: RoomHub[] = [];

  beforeEach(async () => {
    target = await postgresKind.create();
  });

  afterEach(async () => {
    await Promise.all(hubs.splice(0).map((hub) => hub.close()));
    await target.dispose();
  });

  /** An instance: a hub on its own pool, listening unless told not to. */
  async function instance({ listening = true } = {}): Promise<RoomHub> {
    const hub = new RoomHub({
      store: await target.open(),
      limits: roomLimits({}),
      scenario: exerciseScenario,
    });
    if (listening) await hub.watchStore();
    hubs.push(hub);
    return hub;
  }

  /** A live room opened on `a`, loaded on both, with participants who joined (on `a`). */
  async function roomOnBoth(a: RoomHub, b: RoomHub, participants: readonly string[] = []) {
    const created = await a.create({ scenarioId: 'kabul-crossroads', mode: 'live' });
    if ('full' in created) throw new Error('no room');
    const onA = (await a.room(created.room.code))!;
    for (const id of participants) {
      expect(
        await a.submit(onA, as(id), { type: 'room.join', participantId: id, nickname: id }),
      ).toMatchObject({ ok: true });
    }
    const onB = (await b.room(created.room.code))!;
    return { onA, onB, code: created.room.code };
  }

  /** Resolves once `check(room)` holds after a change on this instance; the ms it took. */
  function whenSeen(
    hub: RoomHub,
    room: LiveRoom,
    check: (room: LiveRoom) => boolean,
  ): Promise<number> {
    const from = Date.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('not seen within 5 s')), 5_000);
      if (check(room)) {
        clearTimeout(timer);
        resolve(0);
        return;
      }
      const stop = hub.subscribe(room, () => {
        if (!check(room)) return;
        clearTimeout(timer);
        stop();
        resolve(Date.now() - from);
      });
    });
  }

  const votesOf = (room: LiveRoom) => room.snapshot.context.votes['ttp-or-pakistan'] ?? {};

  test('a vote posted to one instance is counted on the other within a second', async () => {
    const [a, b] = [await instance(), await instance()];
    const { onA, onB } = await roomOnBoth(a, b, ['ann', 'bob']);
    expect(await a.submit(onA, FACILITATOR, { type: 'room.start' })).toMatchObject({ ok: true });
    await whenSeen(
      b,
      onB,
      (room) => room.snapshot.context.flow !== undefined && room.seq === onA.seq,
    );

    const seen = whenSeen(a, onA, (room) => votesOf(room).bob === 'pakistan');
    const vote: RoomEvent = { type: 'room.vote', participantId: 'bob', optionId: 'pakistan' };
    expect(await b.submit(onB, as('bob'), vote)).toMatchObject({ ok: true });
    expect(await seen).toBeLessThan(1_000);
    expect(onA.seq).toBe(onB.seq);
  });

  test('two facilitator commands racing on two instances: the log orders them, the loser is told', async () => {
    const [a, b] = [await instance(), await instance()];
    const { onA, onB } = await roomOnBoth(a, b, ['ann']);
    await a.submit(onA, FACILITATOR, { type: 'room.start' });
    await whenSeen(b, onB, (room) => room.seq === onA.seq);
    const position = positionOf(onA.snapshot);
    expect(positionOf(onB.snapshot)).toBe(position);

    const outcomes: Outcome[] = await Promise.all([
      a.submit(onA, FACILITATOR, { type: 'room.follow', optionId: 'ttp' }, position),
      b.submit(onB, FACILITATOR, { type: 'room.follow', optionId: 'pakistan' }, position),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({
      ok: false,
      status: 409,
      reason: 'moved-on',
    });

    const log = await a.store.events(onA.row.id);
    expect(log.filter((e) => e.type === 'room.follow')).toHaveLength(1);
    await whenSeen(a, onA, (room) => room.seq === log.length);
    await whenSeen(b, onB, (room) => room.seq === log.length);
    expect(positionOf(onA.snapshot)).toBe(positionOf(onB.snapshot));
  });

  test('a participant’s votes racing on both instances count once, the later in the log', async () => {
    const [a, b] = [await instance(), await instance()];
    const { onA, onB } = await roomOnBoth(a, b, ['ann']);
    await a.submit(onA, FACILITATOR, { type: 'room.start' });
    await whenSeen(b, onB, (room) => room.seq === onA.seq);

    const outcomes = await Promise.all([
      a.submit(onA, as('ann'), { type: 'room.vote', participantId: 'ann', optionId: 'ttp' }),
      b.submit(onB, as('ann'), { type: 'room.vote', participantId: 'ann', optionId: 'pakistan' }),
    ]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const log = await a.store.events(onA.row.id);
    const last = log.filter((e) => e.type === 'room.vote').at(-1)!;
    for (const [hub, room] of [
      [a, onA],
      [b, onB],
    ] as const) {
      await whenSeen(hub, room, (r) => r.seq === log.length);
      expect(votesOf(room)).toEqual({ ann: (last.payload as { optionId: string }).optionId });
    }
  });

  test('an instance that is behind checks the log before refusing a command', async () => {
    const a = await instance();
    const deaf = await instance({ listening: false });
    const { onA, onB } = await roomOnBoth(a, deaf, ['ann']);
    await a.submit(onA, FACILITATOR, { type: 'room.start' });
    // The deaf instance still has the room in its lobby, where a vote is refused…
    expect(onB.snapshot.can({ type: 'room.vote', participantId: 'ann', optionId: 'ttp' })).toBe(
      false,
    );
    // …but the log says voting is open, so the vote is taken.
    const outcome = await deaf.submit(onB, as('ann'), {
      type: 'room.vote',
      participantId: 'ann',
      optionId: 'ttp',
    });
    expect(outcome).toMatchObject({ ok: true });
    await whenSeen(a, onA, (room) => votesOf(room).ann === 'ttp');
  });

  test('notifications missed while the listening connection was down are made good from the log', async () => {
    const [a, b] = [await instance(), await instance()];
    const { onA, onB } = await roomOnBoth(a, b, ['ann', 'bob', 'cy']);
    await b.submit(onB, FACILITATOR, { type: 'room.start' });
    await whenSeen(a, onA, (room) => room.seq === onB.seq);

    // Cut every listening connection of the test's schema, then vote on B at once: A hears none
    // of these notifications, and must find the votes in the log when it listens again.
    const cut = await target.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name like $1',
      [`${target.env.CROSSROADS_DATABASE_SCHEMA}%-listen`],
    );
    expect(cut.length).toBe(2);
    for (const id of ['ann', 'bob', 'cy']) {
      await b.submit(onB, as(id), { type: 'room.vote', participantId: id, optionId: 'pakistan' });
    }
    await whenSeen(a, onA, (room) => Object.keys(votesOf(room)).length === 3);
    expect(onA.seq).toBe(onB.seq);
  });

  test('a room deleted on one instance ends its streams on the other', async () => {
    const [a, b] = [await instance(), await instance()];
    const { onA, onB, code } = await roomOnBoth(a, b);
    const gone = whenSeen(a, onA, (room) => room.gone);
    expect(await b.deleteRoom(onB)).toBe(true);
    await gone;
    expect(await a.room(code)).toBeUndefined();
  });

  test('closing on one instance closes the room on the other', async () => {
    const [a, b] = [await instance(), await instance()];
    const { onA, onB } = await roomOnBoth(a, b, ['ann']);
    await b.updateRoom(onB, { closedAt: Date.now() });
    await whenSeen(a, onA, (room) => room.row.closedAt !== null);
    expect(
      await a.submit(onA, as('ann'), { type: 'room.vote', participantId: 'ann', optionId: 'ttp' }),
    ).toMatchObject({ ok: false, status: 410 });
  });

  test('the projector counts the phones connected to every instance', async () => {
    const [a, b] = [await instance(), await instance()];
    const { onA, onB } = await roomOnBoth(a, b);
    /** Resolves once the hub's room counts `n` phones connected. */
    const counted = (hub: RoomHub, room: LiveRoom, n: number) =>
      new Promise<void>((resolve, reject) => {
        if (room.connectedNow === n) return resolve();
        const timer = setTimeout(() => reject(new Error(`never counted ${n}`)), 5_000);
        const stop = hub.subscribe(
          room,
          () => {
            if (room.connectedNow !== n) return;
            clearTimeout(timer);
            stop();
            resolve();
          },
          { presence: true },
        );
      });
    const threeOnA = counted(a, onA, 3);
    const threeOnB = counted(b, onB, 3);
    a.phoneConnected(onA, 1);
    b.phoneConnected(onB, 1);
    b.phoneConnected(onB, 1);
    await Promise.all([threeOnA, threeOnB]);
    const oneOnA = counted(a, onA, 1);
    b.phoneConnected(onB, -1);
    b.phoneConnected(onB, -1);
    await oneOnA;
    expect(onA.connectedNow).toBe(1);
  });
});
