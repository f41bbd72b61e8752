/**
 * Beyond one machine: the live rooms' loads (the 300-participant vote burst; 1,000 participants'
 * streams in 20 rooms, with a few votes) measured against three targets on this machine, one
 * table: one instance on SQLite (as the rooms section), one instance on PostgreSQL, and two
 * instances on PostgreSQL behind nginx; then, on two instances behind nginx, one instance killed
 * and PostgreSQL restarted mid-vote (scale-fault.ts).
 *
 * Each measurement has `next start` instances of its own (the bench build, ports from
 * SCALE.instancePorts), on a fresh SQLite data dir or a fresh PostgreSQL schema (dropped
 * afterwards), warmed up on every room route; nginx (nginx.ts) runs from a temporary directory.
 * The servers' output goes to bench-results/scale-server.log, nginx's error log to
 * bench-results/scale-nginx-error.log.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { withDefaultUser } from '../../app/_server/store/postgres';
import { ms } from './format';
import { startNginx, type Nginx } from './nginx';
import { cleanups, freePortIn, startServer, type Server } from './process';
import { check, loadAverage, type Table } from './report';
import { measureBurst, type BurstFigures } from './room-burst';
import type { Target } from './room-clients';
import { measureConnections, type ConnectionFigures } from './room-connections';
import { warmUp } from './rooms';
import {
  measureDatabaseRestart,
  measureInstanceKill,
  type KillFigures,
  type RestartFigures,
} from './scale-fault';
import { BUDGET, RESULTS_DIR, ROOMS, SCALE } from './settings';

type Setup = 'sqlite' | 'postgres' | 'nginx';

const LABELS: Record<Setup, string> = {
  sqlite: '1 instance, SQLite',
  postgres: '1 instance, PostgreSQL',
  nginx: '2 instances, PostgreSQL, nginx',
};

export interface SetupFigures {
  readonly setup: Setup;
  readonly label: string;
  readonly burst: BurstFigures;
  readonly connections: ConnectionFigures;
}

export interface ScaleFigures {
  readonly seconds: number;
  readonly loadBefore: string;
  /** The highest 1-minute load average seen (sampled every 2 s), and at the end. */
  readonly loadPeak: number;
  readonly loadAfter: string;
  readonly postgres: string;
  readonly nginx: string;
  readonly nginxConfig: string;
  readonly setups: readonly SetupFigures[];
  /** Measurements during which PostgreSQL was restarted by something other than the bench. */
  readonly interruptions: readonly string[];
  readonly kill: KillFigures;
  readonly restart: RestartFigures;
}

interface Running {
  readonly target: Target;
  readonly nginx: Nginx | undefined;
}

let runs = 0;
const nginxLog = path.join(RESULTS_DIR, 'scale-nginx-error.log');
/** Measurements during which PostgreSQL was restarted by something else (it is shared). */
const interruptions: string[] = [];

async function query(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({
    connectionString: withDefaultUser(SCALE.databaseUrl),
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Starts the setup's instances (and nginx) on a fresh store, runs `measure` and stops everything,
 * dropping the schema or removing the data dir, whatever happened.
 */
async function withSetup<T>(
  setup: Setup,
  what: string,
  logFile: string,
  measure: (running: Running) => Promise<T>,
): Promise<T> {
  runs += 1;
  const startedAt = async () =>
    setup === 'sqlite' || what === 'restart'
      ? ''
      : String((await query('select pg_postmaster_start_time() as t')).rows[0]?.t);
  const before = await startedAt();
  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    while (stops.length > 0) await stops.pop()?.();
  };
  cleanups.push(stopAll);
  try {
    let env: Record<string, string>;
    if (setup === 'sqlite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-bench-scale-'));
      stops.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      env = { CROSSROADS_DATA_DIR: dir };
    } else {
      const schema = `bench_scale_${process.pid}_${runs}`;
      stops.push(async () => void (await query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)));
      env = { CROSSROADS_DATABASE_URL: SCALE.databaseUrl, CROSSROADS_DATABASE_SCHEMA: schema };
    }
    const instances: Server[] = [];
    const [from, to] = SCALE.instancePorts;
    for (let n = 0; n < (setup === 'nginx' ? 2 : 1); n += 1) {
      // One after the other: the first creates the schema and migrates it.
      const port = await freePortIn(
        from,
        to,
        instances.map((i) => i.port),
      );
      const server = await startServer({ port, env: { ...env, ...ROOMS.env }, logFile });
      stops.push(() => server.stop());
      instances.push(server);
    }
    let nginx: Nginx | undefined;
    if (setup === 'nginx') {
      const port = await freePortIn(...SCALE.nginxPorts);
      nginx = await startNginx(
        port,
        instances.map((i) => i.port),
      );
      const { process: child, dir } = nginx;
      stops.push(async () => {
        await child.stop();
        // Keep what nginx said (a 502's cause is only in its error log).
        const said = fs.readFileSync(path.join(dir, 'error.log'), 'utf8');
        fs.appendFileSync(nginxLog, `# ${LABELS[setup]}, ${what}\n${said}`);
      });
    }
    const target: Target = { entry: nginx?.origin ?? instances[0]!.origin, instances };
    for (const instance of instances) await warmUp(instance.origin);
    if (nginx) await warmUp(nginx.origin);
    const figures = await measure({ target, nginx });
    const after = await startedAt().catch(() => 'unknown');
    if (after !== before) interruptions.push(`${LABELS[setup]}, ${what}`);
    return figures;
  } finally {
    await stopAll();
  }
}

export async function measureScale(): Promise<ScaleFigures> {
  const began = performance.now();
  const loadBefore = loadAverage();
  let loadPeak = os.loadavg()[0] ?? 0;
  const sampler = setInterval(() => (loadPeak = Math.max(loadPeak, os.loadavg()[0] ?? 0)), 2000);
  const logFile = path.join(RESULTS_DIR, 'scale-server.log');
  fs.rmSync(logFile, { force: true });
  fs.rmSync(nginxLog, { force: true });
  let postgres: string;
  try {
    postgres = String((await query('SHOW server_version')).rows[0]?.server_version);
  } catch (error) {
    throw new Error(
      `bench: scale needs PostgreSQL at ${SCALE.databaseUrl} (BENCH_DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    const setups: SetupFigures[] = [];
    let nginxConfig = '';
    for (const setup of ['sqlite', 'postgres', 'nginx'] as const) {
      console.log(`bench: scale, ${LABELS[setup]} …`);
      const burst = await withSetup(setup, 'burst', logFile, ({ target }) =>
        measureBurst(target, false),
      );
      const connections = await withSetup(setup, 'connections', logFile, ({ target, nginx }) => {
        nginxConfig = nginx?.config ?? nginxConfig;
        return measureConnections(target);
      });
      setups.push({ setup, label: LABELS[setup], burst, connections });
    }
    const kill = await withSetup('nginx', 'kill', logFile, ({ target }) =>
      measureInstanceKill(target),
    );
    const restart = await withSetup('nginx', 'restart', logFile, ({ target }) =>
      measureDatabaseRestart(target),
    );
    return {
      seconds: (performance.now() - began) / 1000,
      loadBefore,
      loadPeak,
      loadAfter: loadAverage(),
      postgres,
      nginx: nginxVersion(),
      nginxConfig,
      setups,
      interruptions: [...interruptions],
      kill,
      restart,
    };
  } finally {
    clearInterval(sampler);
  }
}

function nginxVersion(): string {
  const result = spawnSync('/usr/sbin/nginx', ['-v'], { encoding: 'utf8' });
  return result.stderr?.trim().replace(/^nginx version: /, '') || 'nginx';
}

// ---------------------------------------------------------------------------------------------
// Tables

const info = 'informational';
const latency = (n: number) => (Number.isFinite(n) ? ms(n) : 'not shown');
/** An error's text for a table cell: one line, without markup (nginx answers in HTML). */
const plain = (text: string) =>
  text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
const errors = (n: number, samples: readonly string[]) =>
  n === 0 ? '0' : `${n}: ${[...new Set(samples.map(plain))].join('; ')}`;

/** A row whose figure must be at most `budget` in every setup's column. */
function atMost(
  label: string,
  budget: number,
  setups: readonly SetupFigures[],
  figure: (x: SetupFigures) => number,
  text: (x: SetupFigures) => string = (x) => String(figure(x)),
): string[] {
  const values = setups.map(figure);
  return [
    label,
    ...setups.map(text),
    `= ${budget}`,
    check(
      `scale: ${label}: ${values.join(' / ')}`,
      values.every((v) => v <= budget),
    ),
  ];
}

function setupsTable(scale: ScaleFigures): Table {
  const s = scale.setups;
  const last = s[s.length - 1] as SetupFigures;
  const each = (f: (x: SetupFigures) => string) => s.map(f);
  type Failed = { readonly errors: number; readonly errorSamples: readonly string[] };
  const errorsRow = (label: string, of: (x: SetupFigures) => Failed) =>
    atMost(
      label,
      BUDGET.roomErrors,
      s,
      (x) => of(x).errors,
      (x) => errors(of(x).errors, of(x).errorSamples),
    );
  const infoRow = (label: string, f: (x: SetupFigures) => string) => [label, ...each(f), '—', info];
  const burst = ROOMS.burst;
  const conn = ROOMS.connections;
  return {
    title:
      'Beyond one machine: the live rooms on SQLite, on PostgreSQL, on two instances behind nginx',
    note: [
      `Each column is \`next start\` instances of the production build on this ${os.cpus().length}-core machine, with the bench's simulated clients (as in the live-rooms tables) in the same machine; PostgreSQL ${scale.postgres} on 127.0.0.1 (shared with other work) in a fresh schema per measurement, dropped afterwards; ${scale.nginx} from Debian in front of the two instances (its configuration is given under the next table).`,
      `Load average ${scale.loadBefore} when the section began, at most ${scale.loadPeak.toFixed(1)} (1 min) during it, ${scale.loadAfter} at the end; the section took ${scale.seconds.toFixed(0)} s.`,
      `Burst: ${burst.participants} participants join one room and each votes once, spread over ${burst.windowMs / 1000} s; a projector's stream is held on every instance; with two instances votes go to them in turn (directly to each instance's port) and each vote is timed on the projector held on the other instance, so the figure includes PostgreSQL's NOTIFY and the other instance catching up from the log. "Shown" is from the vote's POST starting to the first frame of that projector's stream whose \`seq\` reaches the one the vote's answer gave; lost is acknowledged votes missing from the final counts of any projector.`,
      `Connections: ${conn.rooms} rooms of ${conn.perRoom}, every phone's stream opened through the entry (nginx, round-robin, for two instances) and held ${conn.holdMs / 1000} s while ${conn.votesPerRoom} votes happen in each room; room r's projector is held on instance r mod n and its votes go to the next instance. Memory is the instances' resident sets, summed. "Phones connected" is what the projectors' views say: each instance counts the streams it holds and tells the others (ADR 007), so with two instances a projector should count every phone, wherever its stream is.`,
      ...(scale.interruptions.length > 0
        ? [
            `**PostgreSQL was restarted by something other than the bench during: ${scale.interruptions.join('; ')}** (it is shared with other work); those figures include that outage.`,
          ]
        : []),
      `The budget on the vote shown (p99 ≤ ${BUDGET.scaleVoteP99Ms} ms) applies to the last column, as the issue sets it; lost and errors must be 0 everywhere.`,
    ].join(' '),
    head: ['Figure', ...each((x) => x.label), 'Budget', 'Result'],
    rows: [
      infoRow(
        'burst: votes acknowledged / sent',
        (x) => `${x.burst.acknowledged} / ${x.burst.sent}`,
      ),
      infoRow('burst: votes accepted per second', (x) => x.burst.acceptedPerSecond.toFixed(0)),
      infoRow('burst: vote shown on a projector, p50', (x) => latency(x.burst.shownP50)),
      [
        'burst: vote shown on a projector, p99',
        ...each((x) => latency(x.burst.shownP99)),
        `≤ ${BUDGET.scaleVoteP99Ms} ms (two instances)`,
        check(
          `scale: vote to the other instance's projector, p99: ${latency(last.burst.shownP99)}`,
          last.burst.shownP99 <= BUDGET.scaleVoteP99Ms,
        ),
      ],
      infoRow('burst: vote shown, max', (x) => latency(x.burst.shownMax)),
      infoRow(
        'burst: vote answered, p50 / p99',
        (x) => `${ms(x.burst.answerP50)} / ${ms(x.burst.answerP99)}`,
      ),
      atMost('burst: votes lost', BUDGET.roomVotesLost, s, (x) => x.burst.lost),
      errorsRow('burst: errors (non-2xx or network)', (x) => x.burst),
      infoRow('burst: instances’ main threads on a CPU / waiting for one', (x) =>
        x.burst.serverRunMs === undefined || x.burst.serverWaitMs === undefined
          ? 'n/a'
          : `${(x.burst.serverRunMs / 1000).toFixed(1)} s / ${(x.burst.serverWaitMs / 1000).toFixed(1)} s of ${(x.burst.wallMs / 1000).toFixed(1)} s`,
      ),
      [
        'connections: streams that received their first view',
        ...each((x) => `${x.connections.firstView} / ${x.connections.streams}`),
        'all',
        check(
          `scale: streams connected: ${s.map((x) => `${x.connections.firstView}/${x.connections.streams}`).join(', ')}`,
          s.every((x) => x.connections.firstView === x.connections.streams),
        ),
      ],
      infoRow(
        'connections: phone streams that showed the start',
        (x) => `${x.connections.sawStart} / ${x.connections.participants}`,
      ),
      infoRow(
        'connections: votes acknowledged / sent',
        (x) => `${x.connections.votesAcknowledged} / ${x.connections.votesSent}`,
      ),
      infoRow(
        'connections: vote shown on its projector, p50 / p99',
        (x) => `${latency(x.connections.shownP50)} / ${latency(x.connections.shownP99)}`,
      ),
      atMost('connections: votes lost', BUDGET.roomVotesLost, s, (x) => x.connections.lost),
      errorsRow('connections: vote errors', (x) => x.connections),
      infoRow('connections: phones connected, as the projectors count them', (x) =>
        String(x.connections.countedByServer),
      ),
      infoRow('connections: RSS with every stream open (instances summed)', (x) =>
        x.connections.rssAfter === undefined
          ? 'n/a'
          : `${(x.connections.rssAfter / 1e6).toFixed(1)} MB`,
      ),
    ],
  };
}

function faultTable(scale: ScaleFigures): Table {
  const { kill: k, restart: r } = scale;
  type Fault = KillFigures | RestartFigures;
  const both = (f: (x: Fault) => string) => [f(k), f(r)];
  const infoRow = (label: string, f: (x: Fault) => string) => [label, ...both(f), '—', info];
  /** A row whose figure is budgeted in both columns. */
  const required = (
    label: string,
    budget: string,
    f: (x: Fault) => string,
    ok: (x: Fault) => boolean,
  ) => [
    label,
    ...both(f),
    budget,
    check(`scale faults, ${label}: ${both(f).join(' (kill), ')} (restart)`, ok(k) && ok(r)),
  ];
  /** A row of "n / of", budgeted as all of them in both columns. */
  const all = (label: string, f: (x: Fault) => readonly [number, number]) =>
    required(
      label,
      'all',
      (x) => f(x).join(' / '),
      (x) => f(x)[0] === f(x)[1],
    );
  const seconds = (n: number) =>
    Number.isFinite(n) ? `${(Math.max(0, n) / 1000).toFixed(1)} s` : 'never';
  return {
    title: 'Beyond one machine: an instance killed, PostgreSQL restarted',
    note: [
      `Two instances on PostgreSQL behind nginx, fresh for each column. One room of ${k.participants} participants joined through nginx; every phone's stream and the projector's are held through nginx and reopen by themselves (every ${ROOMS.reconnectMs} ms) with Last-Event-ID when they drop, as a browser's EventSource does. Every participant votes once through nginx; a vote that fails is sent again (after the answer's Retry-After for a 503, else after ${ROOMS.reconnectMs} ms): a vote is an upsert, so a repeat never counts twice.`,
      `Instance killed: votes ${ROOMS.fault.concurrency} at a time; once ${ROOMS.fault.killAfterShare * 100}% were acknowledged the first instance's \`next start\` got SIGKILL, and the votes carried on through nginx. PostgreSQL restarted: the votes are spread over ${SCALE.fault.windowMs / 1000} s; ${SCALE.fault.outageAtMs / 1000} s in, \`pg_ctlcluster ${SCALE.cluster.join(' ')} stop\` (fast: connections cut), ${SCALE.fault.outageMs / 1000} s later \`start\`.`,
      `Lost: an acknowledged vote that the voter's phone, in a fresh stream through nginx, does not show, or that a fresh projector stream on a live instance does not count. "Dropped and reopened" counts client streams the fault ended; "current" means the reopened stream's first view was at least the room's seq at the fault (the current view at once). "Every client showed the final state": the projector's own stream reaches the last acknowledged vote's seq and each voter's phone stream shows their vote — timed from the kill, or from the database being back.`,
      `\n\nThe nginx configuration measured (written into a temporary directory DIR and run as \`nginx -p DIR -c DIR/nginx.conf -g 'daemon off; pid DIR/nginx.pid;'\`):\n\n\`\`\`nginx\n${scale.nginxConfig.trim()}\n\`\`\``,
    ].join(' '),
    head: ['Figure', 'Instance killed', 'PostgreSQL restarted', 'Budget', 'Result'],
    rows: [
      all('votes acknowledged / participants', (x) => [x.acknowledged, x.participants]),
      required(
        'acknowledged votes lost (phones; projector counts)',
        `= ${BUDGET.roomVotesLost}`,
        (x) => `${x.lost}; ${x.lostFromCounts}`,
        (x) => x.lost <= BUDGET.roomVotesLost && x.lostFromCounts <= BUDGET.roomVotesLost,
      ),
      infoRow('answers 503 with Retry-After (then sent again)', (x) => String(x.unavailable)),
      infoRow('other failed answers (then sent again)', (x) =>
        errors(x.failures, x.failureSamples),
      ),
      infoRow('votes sent more than once', (x) => String(x.resent)),
      infoRow(
        'client streams dropped and reopened through nginx (current at once)',
        (x) => `${x.dropped} of ${x.streams} (${x.reopenedCurrent})`,
      ),
      infoRow('to every dropped stream reopened and current', (x) =>
        x.dropped === 0 ? '—' : seconds(x.reconnectedMs),
      ),
      all('clients whose own stream showed the final state', (x) => [x.clientsFinal, x.streams]),
      infoRow(
        'to every client showing the final state (from the kill; from the database back)',
        (x) => seconds(x.finalMs),
      ),
      infoRow('the same, from the last vote acknowledged', (x) => seconds(x.finalAfterLastVoteMs)),
      [
        'kill: votes acknowledged before it, per second',
        `${k.beforeKill}, ${k.acceptedPerSecond.toFixed(0)}/s`,
        '—',
        '—',
        info,
      ],
      [
        'restart: database down (stop to start returned); first vote acknowledged after',
        '—',
        `${seconds(r.outageMs)}; ${seconds(r.firstAckAfterUpMs)}`,
        '—',
        info,
      ],
    ],
  };
}

export function scaleTables(scale: ScaleFigures): Table[] {
  return [setupsTable(scale), faultTable(scale)];
}
