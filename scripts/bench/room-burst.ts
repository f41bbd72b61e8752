/**
 * Live rooms, one big room: ROOMS.burst.participants join, the facilitator starts, and each
 * participant votes once, the votes spread evenly over ROOMS.burst.windowMs. The figures: votes
 * accepted per second; for each vote, the time from its POST starting to the first frame of the
 * projector's stream whose seq reaches the vote's (p50, p99); votes acknowledged but missing
 * from the final projector view; and errors (non-2xx answers, network errors).
 *
 * Against several instances (a Target), the room is set up and the phones connect through the
 * entry, a projector's stream is held on every instance, votes go to the instances in turn, and
 * each vote's time is taken on the projector of the next instance: another than the one it went
 * to, so that the figure is cross-instance.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentile } from './format';
import { cpuTimes, sleep } from './process';
import {
  command,
  joinAll,
  missingFromCounts,
  openRoom,
  openPhones,
  projectorStream,
  vote,
  type Frame,
  type PhoneView,
  type ProjectorView,
  type Target,
  type ViewStream,
  type Vote,
} from './room-clients';
import { ROOMS, SCENARIO } from './settings';

export interface BurstFigures {
  /** Whether every participant's own stream was open too (as phones in a class are). */
  readonly phones: boolean;
  readonly participants: number;
  readonly windowMs: number;
  readonly sent: number;
  readonly acknowledged: number;
  /** Acknowledged votes per second, from the first POST's start to the last answer. */
  readonly acceptedPerSecond: number;
  /** POST start to the projector showing the vote, in ms (Infinity: never shown). */
  readonly shownP50: number;
  readonly shownP99: number;
  readonly shownMax: number;
  /** POST start to its answer, in ms. */
  readonly answerP50: number;
  readonly answerP99: number;
  /** Acknowledged votes missing from the final projector view (by option). */
  readonly lost: number;
  /** The final projector view's `voted`. */
  readonly finalVoted: number;
  readonly errors: number;
  readonly errorSamples: readonly string[];
  /** Frames the projector's stream received during the votes. */
  readonly frames: number;
  /** The bench's own event-loop delay while voting, p99, in ms (the clients share the CPU). */
  readonly clientDelayP99: number;
  /**
   * From the first vote to the last answer: the wall time, and how much of it the server's main
   * thread spent on a CPU and waiting for one (the machine busy with other work), in ms.
   */
  readonly wallMs: number;
  readonly serverRunMs: number | undefined;
  readonly serverWaitMs: number | undefined;
}

/** The first frame at or after `seq`, by binary search over frames in order of arrival. */
function firstFrameAt(frames: readonly Frame<ProjectorView>[], seq: number) {
  let lo = 0;
  let hi = frames.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((frames[mid] as Frame<ProjectorView>).seq >= seq) hi = mid;
    else lo = mid + 1;
  }
  return frames[lo];
}

/** The summed CPU times of the instances' main threads; undefined if any cannot be read. */
function cpuOf(target: Target) {
  let runMs = 0;
  let waitMs = 0;
  for (const instance of target.instances) {
    const times = cpuTimes(instance.pid);
    if (!times) return undefined;
    runMs += times.runMs;
    waitMs += times.waitMs;
  }
  return { runMs, waitMs };
}

export async function measureBurst(target: Target, phones: boolean): Promise<BurstFigures> {
  const origin = target.entry;
  const instances = target.instances.map((i) => i.origin);
  const { participants: count, windowMs } = ROOMS.burst;
  console.log(
    `bench: rooms, ${count} participants in one room vote within ${windowMs / 1000} s${phones ? ', every phone connected' : ''}${instances.length > 1 ? `, over ${instances.length} instances` : ''} …`,
  );
  const facilitator = await openRoom(origin, SCENARIO);
  const participants = await joinAll(origin, facilitator.code, count);
  const projectors = instances.map((o) => projectorStream(o, facilitator, { keepAll: true }));
  /** Vote i goes to instance i mod n and is timed on the projector of the next instance. */
  const shownOn = (i: number) =>
    projectors[(i + 1) % projectors.length] as ViewStream<ProjectorView>;
  let streams: ViewStream<PhoneView>[] = [];
  try {
    await Promise.all(projectors.map((p) => p.until(() => true)));
    if (phones) streams = await openPhones(origin, participants);
    const started = await command(origin, facilitator, { type: 'start' });
    await Promise.all(projectors.map((p) => p.until((f) => f.view.status === 'choosing')));
    const options = Object.keys(started.votes);
    const framesBefore = projectors.map((p) => p.frames.length);

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const cpuBefore = cpuOf(target);
    const t0 = performance.now();
    const votes: Vote[] = await Promise.all(
      participants.map(async (p, i) => {
        await sleep(Math.max(0, t0 + ((i + 0.5) / count) * windowMs - performance.now()));
        return vote(instances[i % instances.length]!, p, i, options[i % options.length]!);
      }),
    );
    delay.disable();
    const wallMs = performance.now() - t0;
    const cpuAfter = cpuOf(target);
    const acked = votes.filter((v) => v.seq !== undefined);
    const lastSeq = Math.max(0, ...acked.map((v) => v.seq as number));
    const finals = await Promise.all(
      projectors.map((p) => p.until((f) => f.seq >= lastSeq).catch(() => p.last)),
    );

    const shown = acked.map((v) => {
      const frame = firstFrameAt(shownOn(v.participant).frames, v.seq as number);
      return frame ? frame.at - v.answer.started : Number.POSITIVE_INFINITY;
    });
    const lost = Math.max(...finals.map((f) => missingFromCounts(acked, f?.view.votes)));
    const failed = votes.filter((v) => v.seq === undefined);
    const span =
      Math.max(...acked.map((v) => v.answer.ended)) -
      Math.min(...votes.map((v) => v.answer.started));
    return {
      phones,
      participants: count,
      windowMs,
      sent: votes.length,
      acknowledged: acked.length,
      acceptedPerSecond: acked.length / (span / 1000),
      shownP50: percentile(shown, 50),
      shownP99: percentile(shown, 99),
      shownMax: Math.max(...shown),
      answerP50: percentile(
        acked.map((v) => v.answer.ended - v.answer.started),
        50,
      ),
      answerP99: percentile(
        acked.map((v) => v.answer.ended - v.answer.started),
        99,
      ),
      lost,
      finalVoted: Math.min(...finals.map((f) => f?.view.voted ?? 0)),
      errors: failed.length,
      errorSamples: [
        ...new Set(failed.map((v) => v.answer.error ?? String(v.answer.status))),
      ].slice(0, 5),
      frames: Math.max(...projectors.map((p, k) => p.frames.length - (framesBefore[k] ?? 0))),
      clientDelayP99: delay.percentile(99) / 1e6,
      wallMs,
      serverRunMs: cpuBefore && cpuAfter && cpuAfter.runMs - cpuBefore.runMs,
      serverWaitMs: cpuBefore && cpuAfter && cpuAfter.waitMs - cpuBefore.waitMs,
    };
  } finally {
    for (const p of projectors) p.close();
    for (const s of streams) s.close();
  }
}
