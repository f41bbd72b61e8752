/**
 * Faults with two instances behind nginx on one PostgreSQL (scale.ts starts them): one room of
 * SCALE.fault.participants, every phone's stream and the projector's held through nginx (each
 * reopening by itself with Last-Event-ID when it drops, as a browser does), every participant
 * votes once through nginx, sending again after a failure (after Retry-After when the answer has
 * one: a vote is an upsert, so a repeat never counts twice).
 *
 * - Instance killed: once ROOMS.fault.killAfterShare of the votes are acknowledged (sent
 *   ROOMS.fault.concurrency at a time), the first instance gets SIGKILL; votes carry on through
 *   nginx to the other.
 * - PostgreSQL restarted: the votes are spread over SCALE.fault.windowMs; SCALE.fault.outageAtMs
 *   in, the cluster is stopped (fast: connections cut), and started again SCALE.fault.outageMs
 *   later.
 *
 * Then: every acknowledged vote is looked for in fresh streams (each voter's phone, the projector
 * on every live instance), and the time until every client's own stream showed the final state.
 */
import { cleanups, run, sleep } from './process';
import {
  FollowedStream,
  command,
  inPool,
  joinAll,
  missingFromCounts,
  openRoom,
  phoneStream,
  projectorStream,
  voteUntilAcknowledged,
  type Facilitator,
  type Participant,
  type PersistentVote,
  type PhoneView,
  type ProjectorView,
  type Target,
  type Vote,
} from './room-clients';
import { ROOMS, SCALE, SCENARIO } from './settings';

export interface FaultOutcome {
  readonly participants: number;
  readonly acknowledged: number;
  /** Votes sent more than once (a failure, then again), and the failures that were not 503. */
  readonly resent: number;
  readonly failures: number;
  readonly failureSamples: readonly string[];
  /** Answers 503 carrying Retry-After. */
  readonly unavailable: number;
  /** Acknowledged votes missing: from the voter's fresh phone stream; from projector counts. */
  readonly lost: number;
  readonly lostFromCounts: number;
  /** Client streams (phones and projector) that dropped and were reopened through nginx. */
  readonly streams: number;
  readonly dropped: number;
  /** Of those, reopened streams whose first view was at least the seq at the fault. */
  readonly reopenedCurrent: number;
  /** From the fault (kill, or the database back) to every dropped stream reopened and current. */
  readonly reconnectedMs: number;
  /** Clients whose own stream showed the final state (own vote; projector: last seq). */
  readonly clientsFinal: number;
  /** From the fault to every client's stream showing the final state. */
  readonly finalMs: number;
  /** From the last vote acknowledged to every client's stream showing the final state. */
  readonly finalAfterLastVoteMs: number;
}

export interface KillFigures extends FaultOutcome {
  /** Votes acknowledged before the kill, and per second before it. */
  readonly beforeKill: number;
  readonly acceptedPerSecond: number;
}

export interface RestartFigures extends FaultOutcome {
  /** From stopping the cluster to its start command returning. */
  readonly outageMs: number;
  /** From the database back to the first vote acknowledged after it. */
  readonly firstAckAfterUpMs: number;
}

interface Room {
  readonly facilitator: Facilitator;
  readonly participants: readonly Participant[];
  readonly projector: FollowedStream<ProjectorView>;
  readonly phones: FollowedStream<PhoneView>[];
  readonly choices: readonly string[];
  readonly deadline: number;
}

/** Opens the room through the entry, every client followed, and starts it. */
async function openFollowedRoom(target: Target): Promise<Room> {
  const origin = target.entry;
  const { participants: count } = SCALE.fault;
  const facilitator = await openRoom(origin, SCENARIO);
  const participants = await joinAll(origin, facilitator.code, count);
  const deadline = performance.now() + ROOMS.timeoutMs * 6;
  const projector = new FollowedStream(
    (lastEventId) => projectorStream(origin, facilitator, { lastEventId }),
    deadline,
  );
  const phones: FollowedStream<PhoneView>[] = [];
  await projector.until(() => true);
  await inPool(count, ROOMS.joinConcurrency * 2, async (i) => {
    const phone = new FollowedStream(
      (lastEventId) => phoneStream(origin, participants[i]!, { lastEventId }),
      deadline,
    );
    phones[i] = phone;
    await phone.until(() => true);
  });
  const started = await command(origin, facilitator, { type: 'start' });
  await Promise.all(phones.map((s) => s.until((f) => f.view.status === 'choosing')));
  return {
    facilitator,
    participants,
    projector,
    phones,
    choices: Object.keys(started.votes),
    deadline,
  };
}

/** What the votes, the clients' own streams and fresh streams show once the votes are done. */
async function outcome(
  target: Target,
  room: Room,
  votes: readonly PersistentVote[],
  faultAt: number,
  faultSeq: number,
  live: readonly string[],
): Promise<FaultOutcome> {
  const acked = votes.map((v) => v.vote).filter((v) => v.seq !== undefined);
  const lastSeq = Math.max(0, ...acked.map((v) => v.seq as number));
  const lastAck = Math.max(...acked.map((v) => v.answer.ended));
  const ackedBy = new Map(acked.map((v) => [v.participant, v.optionId]));

  // Every client's own stream: the projector reaches the last seq, each voter's phone its vote.
  const clients = [room.projector, ...room.phones];
  const finals = await Promise.all([
    room.projector
      .until((f) => f.seq >= lastSeq)
      .then(
        (f) => f.at,
        () => undefined,
      ),
    ...room.phones.map((s, i) =>
      s
        .until((f) => !ackedBy.has(i) || f.view.vote === ackedBy.get(i))
        .then(
          (f) => f.at,
          () => undefined,
        ),
    ),
  ]);
  const shown = finals.filter((at): at is number => at !== undefined);
  const finalAt = shown.length === finals.length ? Math.max(...shown) : Number.POSITIVE_INFINITY;
  const reopened = clients.filter((c) => c.reopenings.length > 0);
  const currentAt = reopened.map(
    (c) => c.reopenings.find((f) => f.seq >= faultSeq)?.at ?? Number.POSITIVE_INFINITY,
  );
  for (const c of clients) c.close();

  // Fresh streams: each voter's phone through nginx, the projector on every live instance.
  const fresh = await inPool(room.participants.length, ROOMS.joinConcurrency * 2, async (i) => {
    const stream = phoneStream(target.entry, room.participants[i]!);
    try {
      return await stream.until(() => true).catch(() => undefined);
    } finally {
      stream.close();
    }
  });
  let lost = 0;
  for (const [i, optionId] of ackedBy) if (fresh[i]?.view.vote !== optionId) lost += 1;
  let lostFromCounts = 0;
  for (const origin of live) {
    const check = projectorStream(origin, room.facilitator);
    try {
      const view = await check.until((f) => f.seq >= lastSeq).catch(() => check.last);
      lostFromCounts = Math.max(lostFromCounts, missingFromCounts(acked, view?.view.votes));
    } finally {
      check.close();
    }
  }
  const failures = votes.flatMap((v) => v.failures);
  return {
    participants: room.participants.length,
    acknowledged: acked.length,
    resent: votes.filter((v) => v.attempts > 1).length,
    failures: failures.length,
    failureSamples: [...new Set(failures.map((f) => f.slice(0, 120)))].slice(0, 5),
    unavailable: votes.reduce((n, v) => n + v.unavailable, 0),
    lost,
    lostFromCounts,
    streams: clients.length,
    dropped: reopened.length,
    reopenedCurrent: currentAt.filter(Number.isFinite).length,
    reconnectedMs: reopened.length === 0 ? 0 : Math.max(...currentAt) - faultAt,
    clientsFinal: shown.length,
    finalMs: finalAt - faultAt,
    finalAfterLastVoteMs: finalAt - lastAck,
  };
}

const highestSeq = (votes: readonly Vote[]) => Math.max(0, ...votes.map((v) => v.seq ?? 0));

/** One instance killed (SIGKILL) mid-burst; the other carries on behind nginx. */
export async function measureInstanceKill(target: Target): Promise<KillFigures> {
  const { concurrency, killAfterShare } = ROOMS.fault;
  const victim = target.instances[0]!;
  const live = target.instances.slice(1).map((i) => i.origin);
  console.log(
    `bench: scale, kill -9 of one of ${target.instances.length} instances after ${killAfterShare * 100}% of ${SCALE.fault.participants} votes …`,
  );
  const room = await openFollowedRoom(target);
  const count = room.participants.length;
  let killedAt: number | undefined;
  let killSeq = 0;
  const answered: Vote[] = [];
  const t0 = performance.now();
  const votes = await inPool(count, concurrency, async (i) => {
    const sent = await voteUntilAcknowledged(
      target.entry,
      room.participants[i]!,
      i,
      room.choices[i % room.choices.length]!,
      performance.now() + ROOMS.timeoutMs,
    );
    if (killedAt === undefined && sent.vote.seq !== undefined) {
      answered.push(sent.vote);
      if (answered.length >= count * killAfterShare) {
        killedAt = performance.now();
        killSeq = highestSeq(answered);
        victim.kill('SIGKILL');
      }
    }
    return sent;
  });
  if (killedAt === undefined) throw new Error('scale: every vote was answered before the kill');
  await victim.exited;
  const figures = await outcome(target, room, votes, killedAt, killSeq, live);
  return {
    ...figures,
    beforeKill: answered.length,
    acceptedPerSecond: answered.length / ((killedAt - t0) / 1000),
  };
}

/** pg_ctlcluster on the cluster SCALE.cluster names. */
const pgCtl = (action: 'stop' | 'start' | 'status') =>
  run('pg_ctlcluster', ['--skip-systemctl-redirect', ...SCALE.cluster, action], process.env);

/** PostgreSQL stopped and started again while the room votes. */
export async function measureDatabaseRestart(target: Target): Promise<RestartFigures> {
  const { windowMs, outageAtMs, outageMs } = SCALE.fault;
  console.log(
    `bench: scale, PostgreSQL stopped for ${outageMs / 1000} s while ${SCALE.fault.participants} votes come in over ${windowMs / 1000} s …`,
  );
  const room = await openFollowedRoom(target);
  const count = room.participants.length;
  let down = false;
  // Whatever happens, the cluster is not left stopped.
  cleanups.push(async () => {
    if (down) await pgCtl('start');
  });

  const t0 = performance.now();
  const acked: Vote[] = [];
  let downAt = 0;
  let upAt = 0;
  let seqAtDown = 0;
  const outage = (async () => {
    await sleep(outageAtMs);
    seqAtDown = highestSeq(acked);
    downAt = performance.now();
    down = true;
    await pgCtl('stop');
    await sleep(outageMs);
    await pgCtl('start');
    down = false;
    upAt = performance.now();
  })();
  const votes = await Promise.all(
    room.participants.map(async (p, i) => {
      await sleep(Math.max(0, t0 + ((i + 0.5) / count) * windowMs - performance.now()));
      const sent = await voteUntilAcknowledged(
        target.entry,
        p,
        i,
        room.choices[i % room.choices.length]!,
        performance.now() + ROOMS.timeoutMs,
      );
      if (sent.vote.seq !== undefined) acked.push(sent.vote);
      return sent;
    }),
  );
  await outage;
  const firstAck = Math.min(...acked.map((v) => v.answer.ended).filter((ended) => ended >= upAt));
  const figures = await outcome(
    target,
    room,
    votes,
    upAt,
    seqAtDown,
    target.instances.map((i) => i.origin),
  );
  return {
    ...figures,
    outageMs: upAt - downAt,
    firstAckAfterUpMs: firstAck - upAt,
  };
}
