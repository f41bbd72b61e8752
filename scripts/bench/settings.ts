/**
 * Settings and budgets: where the bench writes, which scenario and routes it measures, how many
 * runs of each measurement, and the figures each is judged against.
 */
import path from 'node:path';
import { contentDirs, loadScenarioFolder, scenarioIds } from '@/content/load';
import { listSteps } from '@/machines/paths';
import { buildScenarioMachine } from '@/machines/scenario-machine';
import { CHROMIUM_ARGS } from '../lib/chromium';

export const ROOT = process.cwd();
export const DIST_DIR = '.next-bench';
export const RESULTS_DIR = path.join(ROOT, 'bench-results');
export const REPORT_FILE = path.join(ROOT, 'BENCHMARKS.md');
export const CHROMIUM_FLAGS = ['--headless', ...CHROMIUM_ARGS];
/** The benchmark measures the first scenario under content/, at steps the machine lists. */
export const SCENARIO = scenarioIds(contentDirs())[0] ?? '';
const SAMPLE = (() => {
  const loaded = loadScenarioFolder(contentDirs(), SCENARIO);
  if (!loaded.ok)
    throw new Error(`bench: scenario "${SCENARIO}" does not validate (npm run validate)`);
  const { scenario } = loaded;
  const steps = listSteps(scenario, buildScenarioMachine(scenario));
  const kindOf = (nodeId: string) => scenario.nodes[nodeId]?.kind;
  const later = steps.find((st) => st.path.length > 0 && kindOf(st.nodeId) === 'decision');
  const outcome = steps.find((st) => kindOf(st.nodeId) === 'outcome');
  const url = (p: readonly string[] = []) =>
    `/scenarios/${SCENARIO}/walk${p.map((x) => `/${x}`).join('')}`;
  return { decision: url(later?.path), outcome: url(outcome?.path) };
})();
export const LOAD_ROUTE = SAMPLE.decision;
export const LOAD = { connections: 50, seconds: 10 };
export const PIPELINE_RUNS = 5;
/**
 * Lighthouse runs per route in each form factor. Lighthouse's own guidance on variability: the
 * median of five runs is about twice as stable as one. Mobile performance carries the budget, so
 * it gets five; desktop performance is informational and its other categories do not vary.
 * BENCH_LIGHTHOUSE_RUNS overrides the mobile count (e.g. 1 for a quick look).
 */
export const LIGHTHOUSE_RUNS: Record<FormFactor, number> = {
  mobile: positiveInt(process.env.BENCH_LIGHTHOUSE_RUNS, 5),
  desktop: 1,
};

/** Tries per Lighthouse run before the bench gives up (see runWithRetry). */
export const LIGHTHOUSE_ATTEMPTS = 3;

/**
 * The CPU slowdown that keeps Lighthouse's emulated phone the same phone on any host (its
 * throttling guide, docs/throttling.md, "Calibrating the CPU slowdown": the default 4× turns a
 * high-end desktop, benchmark index 1,500–2,000, into a mid-tier phone). Proportional form, as
 * issue 21 decided: 4 × index / 1,750, clamped to 1–8, to two decimals. The judged mobile scores
 * are taken at this slowdown (first-paint.ts).
 */
export function calibratedSlowdown(benchmarkIndex: number): number {
  const raw = (4 * benchmarkIndex) / 1750;
  return Math.round(Math.min(8, Math.max(1, raw)) * 100) / 100;
}

/**
 * The first paint (first-paint.ts): runs per target in each interleaved series, the step measured
 * under applied throttling (the step after the first choice, as LOAD_ROUTE), and the bare page.
 */
export const FIRST_PAINT = {
  runs: LIGHTHOUSE_RUNS.mobile,
  appliedRoute: SAMPLE.decision,
} as const;

function positiveInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(
      `BENCH_LIGHTHOUSE_RUNS: expected a whole number ≥ 1; got ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

/**
 * The live rooms (rooms.ts): a server of their own on a fresh data dir, with the limits meant
 * for one school raised so that one client address can join and vote this much.
 */
export const ROOMS = {
  /** Added to the rooms server's environment (and named in the report). */
  env: {
    CROSSROADS_JOINS_PER_MINUTE: '100000',
    CROSSROADS_COMMANDS_PER_MINUTE: '100000',
    CROSSROADS_ROOM_MAX_PARTICIPANTS: '1000',
  },
  /** One room: participants join, the room starts, each votes once within the window. */
  burst: { participants: 300, windowMs: 5_000 },
  /** Many rooms, every participant's stream held open while a few votes happen. */
  connections: { rooms: 20, perRoom: 50, holdMs: 10_000, votesPerRoom: 5 },
  /** kill -9 once this share of the votes is acknowledged; votes sent this many at a time. */
  fault: { participants: 400, concurrency: 32, killAfterShare: 0.5 },
  /** Joins and stream openings in flight at once while a room fills. */
  joinConcurrency: 16,
  /** Longest wait for any answer, stream frame or restart before the bench gives up on it. */
  timeoutMs: 30_000,
  /** A stream that drops is reopened after this many ms (a browser waits the server's retry). */
  reconnectMs: 100,
} as const;

/**
 * Beyond one machine (scale.ts): the rooms' loads on SQLite, on PostgreSQL, and on two instances
 * sharing PostgreSQL behind nginx, then an instance killed and PostgreSQL restarted. Ports are
 * taken from these ranges (the first free ones); the database is BENCH_DATABASE_URL's.
 */
export const SCALE = {
  databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://127.0.0.1:5432/test',
  /** `pg_ctlcluster` version and name of the cluster restarted in the database fault. */
  cluster: (process.env.BENCH_PG_CLUSTER || '15 main').split(' '),
  instancePorts: [3500, 3579],
  nginxPorts: [3580, 3599],
  /** Votes of the fault runs: spread over this window; the outage starts this far into it. */
  fault: { participants: 400, windowMs: 10_000, outageAtMs: 2_000, outageMs: 2_000 },
} as const;

export const BUDGET = {
  performance: 95,
  accessibility: 100,
  bestPractices: 100,
  seo: 100,
  /** Everything a first visit to a step transfers, in bytes (kB = 1,000 bytes). */
  stepTransfer: 200_000,
  loadErrors: 0,
  loadNon2xx: 0,
  /** A vote's POST start to the projector's stream showing it, 99th percentile, in ms. */
  roomVoteP99Ms: 500,
  /** The same, from a vote on one instance to the projector's stream on another (scale.ts). */
  scaleVoteP99Ms: 750,
  /** Votes acknowledged and then missing from the room (in the burst and after kill -9). */
  roomVotesLost: 0,
  /** Non-2xx answers and network errors while votes are sent (not counting the kill). */
  roomErrors: 0,
  /** The class's results page of a self-paced room with RESULTS.runs runs, median, in ms. */
  resultsPageMs: 300,
  /** Lighthouse's simulated Largest Contentful Paint, mobile, per route (median run), in ms. */
  simulatedLcpMs: 1500,
  /** Time to readable text under applied slow-4G throttling, ours ÷ the same step as static HTML. */
  appliedTextRatio: 1.15,
} as const;

/** The class's results at scale: one self-paced room. */
export const RESULTS = {
  runs: 2_000,
  /** Learners (some have two runs: they started over). */
  learners: 1_900,
  /** Timed requests of the page and of the CSV, each. */
  requests: 10,
} as const;

export interface Route {
  readonly label: string;
  readonly path: string;
  /** A walkthrough step: the transfer budget applies. */
  readonly step: boolean;
  /** Measured only if it answers 200 (the route may not exist yet). */
  readonly optional?: boolean;
}

export const ROUTES: readonly Route[] = [
  { label: 'library', path: '/', step: false },
  { label: 'briefing', path: `/scenarios/${SCENARIO}`, step: false },
  { label: 'first decision', path: `/scenarios/${SCENARIO}/walk`, step: true },
  { label: 'decision step', path: SAMPLE.decision, step: true },
  { label: 'outcome', path: SAMPLE.outcome, step: true },
  { label: 'source reader', path: `/scenarios/${SCENARIO}/source`, step: false },
  { label: 'map', path: `/scenarios/${SCENARIO}/map`, step: false },
  { label: 'outline', path: `/scenarios/${SCENARIO}/outline`, step: false },
];

export type Category = 'performance' | 'accessibility' | 'best-practices' | 'seo';
export const CATEGORIES: readonly Category[] = [
  'performance',
  'accessibility',
  'best-practices',
  'seo',
];
export type FormFactor = 'mobile' | 'desktop';
export const FORM_FACTORS: readonly FormFactor[] = ['mobile', 'desktop'];

/** The budget for a Lighthouse score; undefined where the figure is informational. */
export function scoreBudget(category: Category): number | undefined {
  switch (category) {
    case 'performance':
      // Mobile performance is judged at the calibrated slowdown (first-paint.ts); at the default
      // 4× and on desktop it is informational.
      return undefined;
    case 'accessibility':
      return BUDGET.accessibility;
    case 'best-practices':
      return BUDGET.bestPractices;
    case 'seo':
      return BUDGET.seo;
  }
}
