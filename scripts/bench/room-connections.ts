/**
 * Live rooms, many connections: ROOMS.connections.rooms rooms of `perRoom` participants, every
 * participant's stream and each room's projector stream held open while the rooms start and a
 * few votes happen. The figures: whether every stream received its first view (and then the
 * room's start), and the server's resident memory before, during and after, per connection.
 */
import { sleep, rssBytes, type Server } from './process';
import {
  command,
  inPool,
  joinRoom,
  openPhones,
  openRoom,
  projectorStream,
  vote,
  type Facilitator,
  type Participant,
  type PhoneView,
  type ViewStream,
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

export async function measureConnections(server: Server): Promise<ConnectionFigures> {
  const { rooms: roomCount, perRoom, holdMs, votesPerRoom } = ROOMS.connections;
  const { origin } = server;
  console.log(
    `bench: rooms, ${roomCount} rooms × ${perRoom} participants, every stream open for ${holdMs / 1000} s …`,
  );
  await sleep(1000);
  const rssBefore = rssBytes(server.pid);

  const facilitators: Facilitator[] = [];
  for (let r = 0; r < roomCount; r += 1) facilitators.push(await openRoom(origin, SCENARIO));
  const participants: Participant[] = await inPool(
    roomCount * perRoom,
    ROOMS.joinConcurrency,
    (i) => joinRoom(origin, facilitators[Math.floor(i / perRoom)]!.code, `p${i}`),
  );

  await sleep(1000);
  const rssJoined = rssBytes(server.pid);

  const projectors = facilitators.map((f) => projectorStream(origin, f));
  let phones: ViewStream<PhoneView>[] = [];
  try {
    // Open every stream, each waiting for its first view.
    await Promise.all(projectors.map((s) => s.until(() => true).catch(() => undefined)));
    phones = await openPhones(origin, participants);
    const firstView = [...projectors, ...phones].filter((s) => s.first !== undefined).length;

    // The hold: rooms start, a few votes each, memory sampled every 500 ms.
    let rssPeak = rssBytes(server.pid);
    const sampler = setInterval(() => {
      const rss = rssBytes(server.pid);
      if (rss !== undefined) rssPeak = Math.max(rssPeak ?? 0, rss);
    }, 500);
    const holdEnds = performance.now() + holdMs;
    let votesAcknowledged = 0;
    let votesSent = 0;
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
            const v = await vote(origin, participants[index]!, index, options[k % options.length]!);
            if (v.seq !== undefined) votesAcknowledged += 1;
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
      const rssAfter = rssBytes(server.pid);
      const countedByServer = projectors.reduce((n, s) => n + (s.last?.view.connected ?? 0), 0);

      // Every client closes its stream; the server should stop counting them.
      for (const s of [...phones, ...projectors]) s.close();
      await sleep(1000);
      let countedAfterClose = 0;
      for (const f of facilitators) {
        const check = projectorStream(origin, f);
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
