/**
 * Live rooms, kill -9 mid-burst: a room of ROOMS.fault.participants, every phone's stream and the
 * projector's open, each participant votes once, ROOMS.fault.concurrency votes in flight at a
 * time; once the set share is acknowledged, the server process gets SIGKILL (no chance to flush).
 * It is started again on the same data dir and port. The figures: the time until the projector's
 * stream, reopened with Last-Event-ID, is current again; every acknowledged vote still there
 * (each phone's reopened stream shows its own vote; the projector's counts hold them all); and
 * whether every phone's reopened stream is sent the current view at once.
 */
import { startServer, type Server, type ServerOptions } from './process';
import {
  command,
  inPool,
  joinAll,
  missingFromCounts,
  openRoom,
  openPhones,
  phoneStream,
  projectorStream,
  reopen,
  vote,
  type PhoneView,
  type ViewStream,
  type Vote,
} from './room-clients';
import { ROOMS, SCENARIO } from './settings';

export interface FaultFigures {
  readonly participants: number;
  readonly sent: number;
  readonly acknowledged: number;
  /** Votes whose answer never came (in flight at the kill), and how many of them were logged. */
  readonly inFlight: number;
  readonly inFlightLogged: number;
  /** Acknowledged votes missing after the restart: on the voter's phone, in the projector's counts. */
  readonly lost: number;
  readonly lostFromCounts: number;
  /** Non-2xx answers and network errors before the kill. */
  readonly errors: number;
  readonly errorSamples: readonly string[];
  /** Acknowledged votes per second before the kill (votes sent as fast as answers came). */
  readonly acceptedPerSecond: number;
  /** From the SIGKILL: the new server answering, and the projector's stream current again. */
  readonly restartedMs: number;
  readonly currentMs: number;
  /** From starting the new server to the projector's stream current again. */
  readonly currentAfterStartMs: number;
  readonly projectorAttempts: number;
  /** Phone streams reopened with Last-Event-ID whose first view was the current one. */
  readonly phonesCurrent: number;
}

export async function measureFault(
  server: Server,
  options: ServerOptions,
): Promise<{ figures: FaultFigures; server: Server }> {
  const { participants: count, concurrency, killAfterShare } = ROOMS.fault;
  console.log(`bench: rooms, kill -9 after ${killAfterShare * 100}% of ${count} votes …`);
  const { origin } = server;
  const facilitator = await openRoom(origin, SCENARIO);
  const participants = await joinAll(origin, facilitator.code, count);
  const projector = projectorStream(origin, facilitator);
  let phones: ViewStream<PhoneView>[] = [];
  const reopened: { close(): void }[] = [];
  try {
    await projector.until(() => true);
    phones = await openPhones(origin, participants);
    const started = await command(origin, facilitator, { type: 'start' });
    const choices = Object.keys(started.votes);
    await Promise.all(phones.map((s) => s.until((f) => f.view.status === 'choosing')));

    // Votes as fast as answers come, until the share is acknowledged; then SIGKILL.
    let killedAt: number | undefined;
    let acknowledged = 0;
    const votes: Vote[] = [];
    const t0 = performance.now();
    await inPool(count, concurrency, async (i) => {
      if (killedAt !== undefined) return;
      const v = await vote(origin, participants[i]!, i, choices[i % choices.length]!);
      votes.push(v);
      if (v.seq !== undefined) acknowledged += 1;
      if (killedAt === undefined && acknowledged >= count * killAfterShare) {
        killedAt = performance.now();
        server.kill('SIGKILL');
      }
    });
    if (killedAt === undefined) throw new Error('rooms: every vote was answered before the kill');
    const killAt = killedAt;
    await server.exited;

    // Start again on the same data dir and port; the projector reconnects meanwhile.
    const deadline = killAt + ROOMS.timeoutMs;
    const startAt = performance.now();
    const reconnecting = reopen(
      () => projectorStream(origin, facilitator, { lastEventId: projector.lastId }),
      deadline,
    );
    reconnecting.catch(() => undefined); // awaited below, once the server is back
    const restarted = await startServer({ ...options, port: server.port });
    const restartedAt = performance.now();
    const { stream: again, attempts } = await reconnecting;
    reopened.push(again);
    const acked = votes.filter((v) => v.seq !== undefined);
    const lastSeq = Math.max(0, ...acked.map((v) => v.seq as number));
    const current = await again.until((f) => f.seq >= lastSeq);

    // Every phone reopens with its Last-Event-ID: is it sent the current view, with its vote?
    const firstViews = await inPool(count, ROOMS.joinConcurrency * 2, async (i) => {
      const stream = phoneStream(origin, participants[i]!, { lastEventId: phones[i]?.lastId });
      reopened.push(stream);
      return stream.until(() => true).catch(() => undefined);
    });
    const ackedBy = new Map(acked.map((v) => [v.participant, v.optionId]));
    let lost = 0;
    for (const [i, optionId] of ackedBy) if (firstViews[i]?.view.vote !== optionId) lost += 1;
    const lostFromCounts = missingFromCounts(acked, current.view.votes);
    const failedBefore = votes.filter((v) => v.seq === undefined && v.answer.ended < killAt);
    const inFlight = votes.filter((v) => v.seq === undefined).length - failedBefore.length;
    return {
      server: restarted,
      figures: {
        participants: count,
        sent: votes.length,
        acknowledged: acked.length,
        inFlight,
        inFlightLogged: current.view.voted - acked.length,
        lost,
        lostFromCounts,
        errors: failedBefore.length,
        errorSamples: [...new Set(failedBefore.map((v) => v.answer.error ?? ''))].slice(0, 5),
        acceptedPerSecond: acked.length / ((killAt - t0) / 1000),
        restartedMs: restartedAt - killAt,
        currentMs: current.at - killAt,
        currentAfterStartMs: current.at - startAt,
        projectorAttempts: attempts,
        phonesCurrent: firstViews.filter((f) => f !== undefined && f.seq === current.seq).length,
      },
    };
  } finally {
    projector.close();
    for (const s of [...phones, ...reopened]) s?.close();
  }
}
