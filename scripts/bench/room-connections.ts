/**
 * Live rooms, many connections: ROOMS.connections.rooms rooms of `perRoom` participants, every
 * participant's stream and each room's projector stream held open while the rooms start and a
 * few votes happen. The figures: whether every stream received its first view (and then the
 * room's start), and the server's resident memory before, during and after, per connection;
 * and for each vote, the time from its POST to the room's projector stream showing it.
 *
 * Against several instances (a Target), rooms are set up and phones connect through the entry;
 * room r's projector is held on instance r mod n and its votes go to the next instance, so that
 * every vote's time is cross-instance; memory is summed over the instances.
 */
import { percentile } from './format';
import { sleep, rssBytes } from './process';
import {
  command,
  missingFromCounts,
  inPool,
  joinRoom,
  openPhones,
  openRoom,
  projectorStream,
  vote,
  type Facilitator,
  type Participant,
  type PhoneView,
  type Target,
  type ViewStream,
  type Vote,
} from './room-clients';
import { ROOMS, SCENARIO } from './settings';

export interface ConnectionFigures {
  readonly rooms: number;
  readonly participants: number;
  /** Streams opened: one per participant and one projector per room. */
  readonly streams: number;
  /** Streams that received their first view. */
  readonly firstView: number;
  /** Participant streams that then showed the room started (a decision to vote on). */
  readonly sawStart: number;
  /** Phones connected now, as the projectors' views count them (summed over the rooms). */
  readonly countedByServer: number;
  readonly votesSent: number;
  readonly votesAcknowledged: number;
  /** A vote's POST start to its room's projector stream showing it, in ms (Infinity: never). */
  readonly shownP50: number;
  readonly shownP99: number;
  /** Acknowledged votes missing from their room's projector counts at the end of the hold. */
  readonly lost: number;
  /** Votes answered non-2xx or failed (network), with samples. */
  readonly errors: number;
  readonly errorSamples: readonly string[];
  readonly holdMs: number;
  /**
   * Server RSS in bytes: before the rooms opened, once everyone had joined (no stream open yet),
   * at the end of the hold (every stream open), and the most seen.
   */
  readonly rssBefore: number | undefined;
  readonly rssJoined: number | undefined;
  readonly rssAfter: number | undefined;
  readonly rssPeak: number | undefined;
  /** Phones the projectors still count 1 s after every stream was closed by its client. */
  readonly countedAfterClose: number;
}

/** The instances' resident memory, summed; undefined if any cannot be read. */
function rssOf(target: Target): number | undefined {
  const each = target.instances.map((i) => rssBytes(i.pid));
  return each.some((r) => r === undefined) ? undefined : each.reduce((a = 0, b = 0) => a + b, 0);
}

export async function measureConnections(target: Target): Promise<ConnectionFigures> {
  const { rooms: roomCount, perRoom, holdMs, votesPerRoom } = ROOMS.connections;
  const origin = target.entry;
  const instances = target.instances.map((i) => i.origin);
  const projectorOrigin = (r: number) => instances[r % instances.length]!;
  const voteOrigin = (r: number) => instances[(r + 1) % instances.length]!;
  console.log(
    `bench: rooms, ${roomCount} rooms × ${perRoom} participants, every stream open for ${holdMs / 1000} s …`,
  );
  await sleep(1000);
  const rssBefore = rssOf(target);

  const facilitators: Facilitator[] = [];
  for (let r = 0; r < roomCount; r += 1) facilitators.push(await openRoom(origin, SCENARIO));
  const participants: Participant[] = await inPool(
    roomCount * perRoom,
    ROOMS.joinConcurrency,
    (i) => joinRoom(origin, facilitators[Math.floor(i / perRoom)]!.code, `p${i}`),
  );

  await sleep(1000);
  const rssJoined = rssOf(target);

  const projectors = facilitators.map((f, r) => projectorStream(projectorOrigin(r), f));
  let phones: ViewStream<PhoneView>[] = [];
  try {
    // Open every stream, each waiting for its first view.
    await Promise.all(projectors.map((s) => s.until(() => true).catch(() => undefined)));
    phones = await openPhones(origin, participants);
    const firstView = [...projectors, ...phones].filter((s) => s.first !== undefined).length;

    // The hold: rooms start, a few votes each, memory sampled every 500 ms.
    let rssPeak = rssOf(target);
    const sampler = setInterval(() => {
      const rss = rssOf(target);
      if (rss !== undefined) rssPeak = Math.max(rssPeak ?? 0, rss);
    }, 500);
    const holdEnds = performance.now() + holdMs;
    let votesAcknowledged = 0;
    let votesSent = 0;
    const shown: number[] = [];
    const failed: Vote[] = [];
    const ackedIn: Vote[][] = facilitators.map(() => []);
    try {
      const starts = await Promise.all(
        facilitators.map((f) => command(origin, f, { type: 'start' })),
      );
      const votes = facilitators.flatMap((f, r) => {
        const options = Object.keys(starts[r]?.votes ?? {});
        return Array.from({ length: votesPerRoom }, (_, k) => {
          const index = r * perRoom + k;
          const delay = ((k + 0.5) / votesPerRoom) * (holdMs - 1000);
          return sleep(delay).then(async () => {
            votesSent += 1;
            const optionId = options[k % options.length]!;
            const v = await vote(voteOrigin(r), participants[index]!, index, optionId);
            if (v.seq === undefined) return void failed.push(v);
            votesAcknowledged += 1;
            ackedIn[r]!.push(v);
            const seq = v.seq;
            const frame = await projectors[r]!.until((f) => f.seq >= seq).catch(() => undefined);
            shown.push(frame ? frame.at - v.answer.started : Number.POSITIVE_INFINITY);
          });
        });
      });
      await Promise.all(votes);
      const sawStart = phones.map((s) =>
        s
          .until((f) => f.view.status === 'choosing', 5000)
          .then(
            () => true,
            () => false,
          ),
      );
      const started = (await Promise.all(sawStart)).filter(Boolean).length;
      await sleep(Math.max(0, holdEnds - performance.now()));
      const rssAfter = rssOf(target);
      const countedByServer = projectors.reduce((n, s) => n + (s.last?.view.connected ?? 0), 0);
      const lost = projectors.reduce(
        (n, s, r) => n + missingFromCounts(ackedIn[r] ?? [], s.last?.view.votes),
        0,
      );

      // Every client closes its stream; the server should stop counting them.
      for (const s of [...phones, ...projectors]) s.close();
      await sleep(1000);
      let countedAfterClose = 0;
      for (const [r, f] of facilitators.entries()) {
        const check = projectorStream(projectorOrigin(r), f);
        try {
          countedAfterClose += (await check.until(() => true)).view.connected;
        } finally {
          check.close();
        }
      }
      return {
        rooms: roomCount,
        participants: participants.length,
        streams: projectors.length + phones.length,
        firstView,
        sawStart: started,
        countedByServer,
        votesSent,
        votesAcknowledged,
        shownP50: percentile(shown, 50),
        shownP99: percentile(shown, 99),
        lost,
        errors: failed.length,
        errorSamples: [
          ...new Set(failed.map((v) => v.answer.error ?? String(v.answer.status))),
        ].slice(0, 5),
        holdMs,
        rssBefore,
        rssJoined,
        rssAfter,
        rssPeak,
        countedAfterClose,
      };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    for (const s of [...phones, ...projectors]) s.close();
  }
}
