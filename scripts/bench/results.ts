/**
 * The class's results at scale: a self-paced room with 2,000 learners' runs, stored as the server
 * stores them (each learner joined through the room's log; each run replayed through the exercise
 * machine, then saved whole), then read through a `next start` of the bench build: the results
 * page's time and size, the CSV export's, and the store's size on disk per run.
 *
 * The runs are a generated class, the same every time: most finish, some stop partway, some
 * start over; a quarter of predictions are in the learners' own words; most name claim kinds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildClassResults } from '../../app/_lib/class-results';
import { getRuntime } from '../../app/_lib/runtime';
import { replayRun, type RunEvent, type TimedEvent } from '../../app/_lib/self-paced';
import { facilitatorCookie } from '../../app/_server/rooms/cookies';
import { roomLimits } from '../../app/_server/rooms/config';
import { RoomHub } from '../../app/_server/rooms/hub';
import { exerciseScenario } from '../../app/_server/rooms/index';
import { runEntries } from '../../app/_server/rooms/results';
import { runMachine } from '../../app/_server/rooms/runs';
import { openSqliteStore } from '../../app/_server/store/sqlite';
import type { RunRow } from '../../app/_server/store/types';
import { candidatesFor, revealedClaims } from '../../machines/exercise-machine';
import { kB, median, ms, percentile } from './format';
import { cleanups, startServer } from './process';
import { check, type Table } from './report';
import { BUDGET, RESULTS, RESULTS_DIR, SCENARIO } from './settings';
import { seededRandom } from '../lib/synthetic';

export interface ResultsFigures {
  readonly runs: number;
  readonly learners: number;
  /** Storing the class (joins and runs), in ms; informational. */
  readonly seedMs: number;
  readonly storeBytes: number;
  /** The results page: time to the last byte, each request, in ms. */
  readonly pageMs: readonly number[];
  readonly pageBytes: number;
  readonly pageGzipBytes: number;
  readonly csvMs: readonly number[];
  readonly csvBytes: number;
  readonly csvRows: number;
  /** Counting the class in process (buildClassResults over every run), median ms. */
  readonly aggregateMs: number;
}

const KINDS = ['conditional', 'predictive', 'normative', 'descriptive'] as const;

/** One learner's events: random choices and predictions, stopping partway with `stopChance`. */
function walk(
  random: () => number,
  machine: ReturnType<typeof runMachine>,
  from: number,
  stopChance: number,
): TimedEvent[] {
  const scenario = exerciseScenario(SCENARIO)!;
  const any = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const events: TimedEvent[] = [{ at: from, event: { type: 'exercise.start' } }];
  let at = from;
  let snapshot = replayRun(machine, events)!.snapshot;
  const push = (event: RunEvent) => {
    at += 2000 + Math.floor(random() * 90_000);
    events.push({ at, event });
    snapshot = replayRun(machine, events)!.snapshot;
  };
  while (snapshot.value !== 'debrief') {
    if (random() < stopChance) break;
    if (snapshot.value === 'choosing') {
      const node = Object.values(scenario.nodes).find(
        (n) =>
          n.kind === 'decision' &&
          n.options.some((o) => snapshot.can({ type: 'exercise.choose', optionId: o.id })),
      );
      if (node?.kind !== 'decision') break;
      const options = node.options.filter((o) =>
        snapshot.can({ type: 'exercise.choose', optionId: o.id }),
      );
      push({ type: 'exercise.choose', optionId: any(options).id });
    } else if (snapshot.value === 'predicting') {
      const pending = snapshot.context.pending!;
      push({
        type: 'exercise.predict',
        prediction:
          random() < 0.25
            ? { kind: 'text', text: `In my own words, learner ${from % 9973}: ${at}` }
            : {
                kind: 'candidate',
                claimId: any(candidatesFor(scenario, pending.nodeId, pending.optionId)),
              },
      });
      push({ type: 'exercise.reveal' });
    } else if (snapshot.value === 'revealed') {
      const last = snapshot.context.records.at(-1)!;
      for (const claimId of revealedClaims(scenario, last.nodeId, last.optionId)) {
        const event = { type: 'exercise.guessKind', claimId, kind: any(KINDS) } as const;
        if (random() < 0.8 && snapshot.can(event)) push(event);
      }
      push({ type: 'exercise.next' });
    } else {
      break;
    }
  }
  return events;
}

/**
 * Stores a generated class (by default the bench's: RESULTS.learners learners, RESULTS.runs runs)
 * in a self-paced room in the SQLite file; returns the room's code, the facilitator's cookie and
 * the runs. Also used to seed rooms for screenshots.
 */
export async function seedClass(
  file: string,
  size: { readonly learners: number; readonly runs: number } = RESULTS,
): Promise<{ code: string; cookie: string; runs: RunRow[] }> {
  const store = await openSqliteStore({ file });
  const hub = new RoomHub({
    store,
    limits: roomLimits({ CROSSROADS_ROOM_MAX_PARTICIPANTS: String(size.learners * 2) }),
    scenario: exerciseScenario,
  });
  try {
    const now = Date.now();
    const created = await hub.create({
      scenarioId: SCENARIO,
      mode: 'self-paced',
      expiresAt: now + 14 * 86_400_000,
    });
    if ('full' in created) throw new Error('results bench: no room');
    const room = (await hub.room(created.room.code))!;
    const machine = runMachine(room.scenario);
    const random = seededRandom(20261207);
    const runs: RunRow[] = [];
    for (let start = 0; start < size.learners; start += 200) {
      const batch = Array.from(
        { length: Math.min(200, size.learners - start) },
        (_, i) => start + i,
      );
      await Promise.all(
        batch.map((n) =>
          hub.submit(
            room,
            { role: 'participant', id: `learner-${n}` },
            {
              type: 'room.join',
              participantId: `learner-${n}`,
              nickname: n % 2 === 0 ? `Learner ${n}` : null,
            },
          ),
        ),
      );
    }
    for (let n = 0; runs.length < size.runs; n += 1) {
      const participantId = `learner-${n % size.learners}`;
      const startedOver = random() < 0.05;
      const from = now - Math.floor(random() * 10 * 86_400_000);
      const events = walk(random, machine, from, startedOver ? 0.3 : 0.03);
      const { record } = replayRun(machine, events)!;
      const finished = record.stage === 'debrief';
      const run: RunRow = {
        roomId: room.row.id,
        runId: `run-${runs.length}`,
        participantId,
        nickname: n % 2 === 0 ? `Learner ${n % size.learners}` : null,
        status: startedOver ? 'abandoned' : finished ? 'finished' : 'active',
        startedAt: from,
        updatedAt: events.at(-1)!.at,
        finishedAt: finished ? events.at(-1)!.at : null,
        events,
        record,
      };
      runs.push(await store.saveRun(run, 0));
    }
    const cookie = `${facilitatorCookie(created.room.code)}=${encodeURIComponent(created.secret)}`;
    return { code: created.room.code, cookie, runs };
  } finally {
    await hub.close();
  }
}

async function timedGet(url: string, cookie: string): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie } });
  const body = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`results bench: ${url} answered ${response.status}`);
  return { ms: elapsed, body };
}

export async function measureResults(): Promise<ResultsFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-bench-results-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  cleanups.push(remove);
  try {
    const file = path.join(dir, 'crossroads.sqlite');
    console.log(`bench: results, a self-paced room with ${RESULTS.runs} runs …`);
    const seedStarted = performance.now();
    const { code, cookie, runs } = await seedClass(file);
    const seedMs = performance.now() - seedStarted;
    const storeBytes = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith('crossroads.sqlite'))
      .reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);

    const runtime = getRuntime(SCENARIO)!;
    const entries = runEntries(runs);
    const aggregate: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      buildClassResults(
        runtime.scenario,
        {
          code,
          mode: 'self-paced',
          createdAt: 0,
          expiresAt: Date.now() + 1e9,
          closedAt: null,
          settings: {},
        },
        entries,
        Date.now(),
      );
      aggregate.push(performance.now() - started);
    }

    const server = await startServer({
      env: { CROSSROADS_DATA_DIR: dir },
      logFile: path.join(RESULTS_DIR, 'results-server.log'),
    });
    try {
      const page = `${server.origin}/r/${code}/results`;
      const csv = `${server.origin}/r/${code}/results/export?format=csv`;
      // Warm up: the route's code, the room's log replayed into memory.
      for (let i = 0; i < 3; i += 1) {
        await timedGet(page, cookie);
        await timedGet(csv, cookie);
      }
      const pageRuns: { ms: number; body: string }[] = [];
      for (let i = 0; i < RESULTS.requests; i += 1) pageRuns.push(await timedGet(page, cookie));
      const csvRuns: { ms: number; body: string }[] = [];
      for (let i = 0; i < RESULTS.requests; i += 1) csvRuns.push(await timedGet(csv, cookie));
      const html = pageRuns[0]!.body;
      const csvText = csvRuns[0]!.body;
      return {
        runs: runs.length,
        learners: new Set(runs.map((r) => r.participantId)).size,
        seedMs,
        storeBytes,
        pageMs: pageRuns.map((r) => r.ms),
        pageBytes: Buffer.byteLength(html),
        pageGzipBytes: gzipSync(html).length,
        csvMs: csvRuns.map((r) => r.ms),
        csvBytes: Buffer.byteLength(csvText),
        csvRows: csvText.trimEnd().split('\r\n').length - 1,
        aggregateMs: median(aggregate),
      };
    } finally {
      await server.stop();
    }
  } finally {
    remove();
  }
}

export function resultsTable(r: ResultsFigures): Table {
  const pageMedian = median(r.pageMs);
  return {
    title: `Class results: a self-paced room with ${r.runs.toLocaleString('en-GB')} runs`,
    note: `${r.runs.toLocaleString('en-GB')} runs by ${r.learners.toLocaleString('en-GB')} learners (a generated class: most finish, some stop partway, about 5% start over; a quarter of predictions in their own words), stored as the server stores them in a SQLite file, then read through \`next start\` on 127.0.0.1 by the room's facilitator: ${RESULTS.requests} requests each, after 3 to warm up. Time is from the request to the last byte of the answer (server time; nothing else between them). Storing the class took ${(r.seedMs / 1000).toFixed(1)} s (joins through the room's log, then each run saved whole, one transaction each).`,
    head: ['Figure', 'Value', 'Budget', 'Result'],
    rows: [
      [
        'results page, median',
        ms(pageMedian),
        `< ${BUDGET.resultsPageMs} ms`,
        check(
          `results page at ${r.runs} runs: ${ms(pageMedian)}`,
          pageMedian < BUDGET.resultsPageMs,
        ),
      ],
      [
        'results page, p90 / max',
        `${ms(percentile(r.pageMs, 90))} / ${ms(Math.max(...r.pageMs))}`,
        '—',
        'informational',
      ],
      [
        'results page size (HTML, gzip)',
        `${kB(r.pageBytes)} (${kB(r.pageGzipBytes)})`,
        '—',
        'informational',
      ],
      [
        'CSV export, median / max',
        `${ms(median(r.csvMs))} / ${ms(Math.max(...r.csvMs))}`,
        '—',
        'informational',
      ],
      [
        'CSV export size',
        `${kB(r.csvBytes)}, ${r.csvRows.toLocaleString('en-GB')} rows`,
        '—',
        'informational',
      ],
      ['counting the class in process, median', ms(r.aggregateMs), '—', 'informational'],
      [
        'store on disk, per run',
        `${kB(r.storeBytes / r.runs)} (${kB(r.storeBytes)} in all, joins included)`,
        '—',
        'informational',
      ],
    ],
  };
}
