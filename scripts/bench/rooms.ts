/**
 * The live rooms: for each measurement (one room's vote burst, with and without the phones'
 * streams; many connections; kill -9 mid-burst), a `next start` of the bench build of its own, on
 * a fresh temporary data dir, with the limits in ROOMS.env raised, warmed up on every room route;
 * then their tables and budget checks. Servers and data dirs are removed when done (or by the
 * bench's cleanup); the servers' output goes to bench-results/rooms-server.log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mb, ms } from './format';
import { cleanups, startServer, type Server, type ServerOptions } from './process';
import { check, loadAverage, type Table } from './report';
import { measureBurst, type BurstFigures } from './room-burst';
import {
  alone,
  command,
  joinRoom,
  openRoom,
  phoneStream,
  projectorStream,
  vote,
} from './room-clients';
import { measureConnections, type ConnectionFigures } from './room-connections';
import { measureFault, type FaultFigures } from './room-fault';
import { BUDGET, RESULTS_DIR, ROOMS, SCENARIO } from './settings';

export interface RoomFigures {
  readonly seconds: number;
  /** The load average (1 / 5 / 15 min) when the section began. */
  readonly loadBefore: string;
  readonly env: Readonly<Record<string, string>>;
  readonly connections: ConnectionFigures;
  readonly burst: BurstFigures;
  /** The same burst with every participant's stream open too (informational). */
  readonly burstWithPhones: BurstFigures;
  readonly fault: FaultFigures;
}

/** Every room route once, so that no measurement pays for loading a route's code. */
export async function warmUp(origin: string): Promise<void> {
  const facilitator = await openRoom(origin, SCENARIO);
  const participant = await joinRoom(origin, facilitator.code, 'warm-up');
  const projector = projectorStream(origin, facilitator);
  const phone = phoneStream(origin, participant);
  try {
    await Promise.all([projector.until(() => true), phone.until(() => true)]);
    const view = await command(origin, facilitator, { type: 'start' });
    await vote(origin, participant, 0, Object.keys(view.votes)[0] ?? '');
    await projector.until((f) => f.view.voted === 1);
  } finally {
    projector.close();
    phone.close();
  }
}

/**
 * Runs each measurement against a server of its own, started fresh on a fresh data dir and
 * warmed up, so that none inherits another's rooms, garbage or connections.
 */
export async function measureRooms(): Promise<RoomFigures> {
  const began = performance.now();
  const loadBefore = loadAverage();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-bench-rooms-'));
  const removeData = () => fs.rmSync(parent, { recursive: true, force: true });
  cleanups.push(removeData);
  const logFile = path.join(RESULTS_DIR, 'rooms-server.log');
  fs.rmSync(logFile, { force: true });
  let runs = 0;
  const withServer = async <T>(
    measure: (server: Server, options: ServerOptions) => Promise<{ figures: T; server?: Server }>,
  ): Promise<T> => {
    runs += 1;
    const dataDir = path.join(parent, String(runs));
    const options = { env: { CROSSROADS_DATA_DIR: dataDir, ...ROOMS.env }, logFile };
    let server = await startServer(options);
    try {
      await warmUp(server.origin);
      const result = await measure(server, options);
      server = result.server ?? server;
      return result.figures;
    } finally {
      await server.stop();
    }
  };

  try {
    const burst = await withServer(async (s) => ({ figures: await measureBurst(alone(s), false) }));
    const burstWithPhones = await withServer(async (s) => ({
      figures: await measureBurst(alone(s), true),
    }));
    const connections = await withServer(async (s) => ({
      figures: await measureConnections(alone(s)),
    }));
    const fault = await withServer((s, options) => measureFault(s, options));
    return {
      seconds: (performance.now() - began) / 1000,
      loadBefore,
      env: ROOMS.env,
      burst,
      burstWithPhones,
      connections,
      fault,
    };
  } finally {
    removeData();
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

const count = (n: number) => n.toLocaleString('en-GB');
const bytes = (n: number | undefined) => (n === undefined ? 'n/a' : mb(n));
const latency = (n: number) => (Number.isFinite(n) ? ms(n) : 'not shown');
const info = 'informational';
const seconds = (millis: number) => `${(millis / 1000).toFixed(1)} s`;

function methodNote(rooms: RoomFigures): string {
  const env = Object.entries(rooms.env)
    .map(([k, v]) => `\`${k}=${v}\``)
    .join(', ');
  return [
    `Simulated clients in the bench's own process (Node's fetch for the POSTs; the Server-Sent Events read as a stream and parsed frame by frame), all on 127.0.0.1, against one \`next start\` process of the production build on the same machine: its ${os.cpus().length} cores are shared by server and clients (load average ${rooms.loadBefore} when the rooms section began).`,
    `Each measurement (each table, each column) has a server of its own, started fresh on a fresh temporary \`CROSSROADS_DATA_DIR\` (SQLite: WAL, synchronous=FULL) with, for this load from one address, ${env}; every room route is called once before measuring.`,
    `The rooms section took ${rooms.seconds.toFixed(0)} s.`,
  ].join(' ');
}

function burstTable(rooms: RoomFigures): Table {
  const b = rooms.burst;
  const p = rooms.burstWithPhones;
  const both = (f: (x: BurstFigures) => string) => [f(b), f(p)];
  const errors = (x: BurstFigures) =>
    x.errors === 0 ? '0' : `${x.errors}: ${x.errorSamples.join('; ')}`;
  return {
    title: `Live rooms: ${count(b.participants)} participants vote within ${b.windowMs / 1000} s`,
    note: `${methodNote(rooms)} One room, its projector's stream open (the server sends it at most one view per 100 ms); each participant votes once, the votes spread evenly over the window. "Shown" is from a vote's POST starting to the first projector frame whose \`seq\` reaches the \`seq\` its answer gave; "lost" is acknowledged votes missing from the final projector view's counts. Budgets apply to the first column, the room as specified; the second repeats it in a new room with every participant's own stream open too, as phones in a class are (informational). The server's CPU row is from its main thread's \`/proc/PID/schedstat\`, from the first vote to the last answer: time running, and time ready to run but waiting for a CPU taken by other work on the machine.`,
    head: ['Figure', 'Projector only', 'Every phone connected too', 'Budget', 'Result'],
    rows: [
      ['votes acknowledged / sent', ...both((x) => `${x.acknowledged} / ${x.sent}`), '—', info],
      ['votes accepted per second', ...both((x) => x.acceptedPerSecond.toFixed(0)), '—', info],
      ['vote shown on the projector, p50', ...both((x) => latency(x.shownP50)), '—', info],
      [
        'vote shown on the projector, p99',
        ...both((x) => latency(x.shownP99)),
        `≤ ${BUDGET.roomVoteP99Ms} ms`,
        check(
          `room vote to projector p99: ${latency(b.shownP99)}`,
          b.shownP99 <= BUDGET.roomVoteP99Ms,
        ),
      ],
      ['vote shown on the projector, max', ...both((x) => latency(x.shownMax)), '—', info],
      [
        'vote answered, p50 / p99',
        ...both((x) => `${ms(x.answerP50)} / ${ms(x.answerP99)}`),
        '—',
        info,
      ],
      [
        'votes lost (acknowledged, not in the final view)',
        ...both((x) => `${x.lost} (final view: ${x.finalVoted} voted)`),
        `= ${BUDGET.roomVotesLost}`,
        check(`room votes lost in the burst: ${b.lost}`, b.lost <= BUDGET.roomVotesLost),
      ],
      [
        'errors (non-2xx or network)',
        ...both(errors),
        `= ${BUDGET.roomErrors}`,
        check(`room vote errors in the burst: ${b.errors}`, b.errors <= BUDGET.roomErrors),
      ],
      ['projector frames during the votes', ...both((x) => String(x.frames)), '—', info],
      [
        'server main thread on a CPU / waiting for one, during the votes',
        ...both((x) =>
          x.serverRunMs === undefined || x.serverWaitMs === undefined
            ? 'n/a'
            : `${seconds(x.serverRunMs)} / ${seconds(x.serverWaitMs)} of ${seconds(x.wallMs)}`,
        ),
        '—',
        info,
      ],
      ["bench's event-loop delay, p99", ...both((x) => ms(x.clientDelayP99)), '—', info],
    ],
  };
}

function connectionsTable(rooms: RoomFigures): Table {
  const c = rooms.connections;
  const grown =
    c.rssJoined !== undefined && c.rssAfter !== undefined ? c.rssAfter - c.rssJoined : undefined;
  return {
    title: `Live rooms: ${count(c.participants)} connected participants in ${c.rooms} rooms`,
    note: `${c.rooms} rooms of ${c.participants / c.rooms} participants; every participant's stream and each room's projector stream held open for ${c.holdMs / 1000} s while the rooms start and ${ROOMS.connections.votesPerRoom} votes happen in each. Memory is the server process's resident set (VmRSS): before the rooms opened, once everyone had joined (no stream open yet), at the end of the hold (every stream open), and the most seen; per connection is the growth from joined to the end of the hold, divided by the streams (garbage not yet collected included).`,
    head: ['Figure', 'Value', 'Budget', 'Result'],
    rows: [
      [
        'streams that received their first view',
        `${c.firstView} / ${c.streams}`,
        'all',
        check(`room streams connected: ${c.firstView} of ${c.streams}`, c.firstView === c.streams),
      ],
      ['phone streams that then showed the start', `${c.sawStart} / ${c.participants}`, '—', info],
      ['phones connected, as the projectors count them', String(c.countedByServer), '—', info],
      ['votes acknowledged / sent', `${c.votesAcknowledged} / ${c.votesSent}`, '—', info],
      ['server RSS before the rooms opened', bytes(c.rssBefore), '—', info],
      ['server RSS once everyone had joined', bytes(c.rssJoined), '—', info],
      ['server RSS with every stream open', bytes(c.rssAfter), '—', info],
      ['server RSS, most seen', bytes(c.rssPeak), '—', info],
      [
        'memory per connection',
        grown === undefined ? 'n/a' : `${(grown / c.streams / 1000).toFixed(1)} kB`,
        '—',
        info,
      ],
      ['phones still counted 1 s after closing', String(c.countedAfterClose), '—', info],
    ],
  };
}

function faultTable(rooms: RoomFigures): Table {
  const f = rooms.fault;
  return {
    title: 'Live rooms: kill -9 mid-burst',
    note: `One room of ${f.participants} participants, every phone's stream and the projector's open; each participant votes once, ${ROOMS.fault.concurrency} votes in flight at a time. Once ${ROOMS.fault.killAfterShare * 100}% were acknowledged the server process (\`node …/next start\` itself) got SIGKILL, then was started again on the same data dir and port. The projector's stream reconnects every ${ROOMS.reconnectMs} ms with Last-Event-ID; "current" is its first frame whose \`seq\` reaches the last acknowledged vote's. Lost: an acknowledged vote that the voter's reopened phone stream does not show.`,
    head: ['Figure', 'Value', 'Budget', 'Result'],
    rows: [
      ['votes acknowledged before the kill', `${f.acknowledged} of ${f.sent} sent`, '—', info],
      ['votes accepted per second before the kill', f.acceptedPerSecond.toFixed(0), '—', info],
      [
        'in flight at the kill (logged all the same)',
        `${f.inFlight} (${f.inFlightLogged})`,
        '—',
        info,
      ],
      [
        'acknowledged votes lost (phones; projector counts)',
        `${f.lost}; ${f.lostFromCounts}`,
        `= ${BUDGET.roomVotesLost}`,
        check(
          `room votes lost to kill -9: ${f.lost} (counts: ${f.lostFromCounts})`,
          f.lost <= BUDGET.roomVotesLost && f.lostFromCounts <= BUDGET.roomVotesLost,
        ),
      ],
      [
        'errors before the kill (non-2xx or network)',
        f.errors === 0 ? '0' : `${f.errors}: ${f.errorSamples.join('; ')}`,
        `= ${BUDGET.roomErrors}`,
        check(`room vote errors before kill -9: ${f.errors}`, f.errors <= BUDGET.roomErrors),
      ],
      ['kill to the new server answering', ms(f.restartedMs), '—', info],
      [
        'kill to the projector current again',
        `${ms(f.currentMs)} (${f.projectorAttempts} attempts)`,
        '—',
        info,
      ],
      ['new server started to the projector current', ms(f.currentAfterStartMs), '—', info],
      [
        'phone streams reopened with Last-Event-ID, sent the current view',
        `${f.phonesCurrent} / ${f.participants}`,
        'all',
        check(
          `phones current after kill -9: ${f.phonesCurrent} of ${f.participants}`,
          f.phonesCurrent === f.participants,
        ),
      ],
    ],
  };
}

export function roomTables(rooms: RoomFigures): Table[] {
  return [burstTable(rooms), connectionsTable(rooms), faultTable(rooms)];
}
