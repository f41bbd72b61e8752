/**
 * npm run bench [-- --no-build]
 *
 * Builds the production site into its own directory (.next-bench), serves it on a free port of
 * 127.0.0.1 and measures, against the budgets below:
 *   - what a first visit transfers (JavaScript and in all), in Chromium, compressed as served;
 *   - Lighthouse scores, mobile and desktop, for each route; and, for information only, mobile
 *     performance at the CPU slowdown Lighthouse's throttling guide gives for this host;
 *   - the content pipeline (parse and validate, build the machine, list every step), in process;
 *   - throughput and errors under load (autocannon) on a decision step.
 * Prints a table and writes the same to BENCHMARKS.md; raw reports go to bench-results/.
 * It is a benchmark, not a test: it exits 0 when figures are short of budget, and non-zero only
 * when it could not measure (build failed, server did not answer).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import type { Result as LighthouseResult } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { chromium, type Browser } from 'playwright-core';
import * as prettier from 'prettier';
import { contentDirs, loadScenarioFolder, readSources, scenarioIds } from '@/content/load';
import { parseScenario } from '@/content/parse';
import { listSteps } from '@/machines/paths';
import { buildScenarioMachine } from '@/machines/scenario-machine';
import { CHROMIUM, CHROMIUM_ARGS } from './lib/chromium';
import { generateScenario } from './lib/synthetic';

// ---------------------------------------------------------------------------------------------
// Settings and budgets

const ROOT = process.cwd();
const DIST_DIR = '.next-bench';
const RESULTS_DIR = path.join(ROOT, 'bench-results');
const REPORT_FILE = path.join(ROOT, 'BENCHMARKS.md');
const CHROMIUM_FLAGS = ['--headless', ...CHROMIUM_ARGS];
/** The benchmark measures the first scenario under content/, at steps the machine lists. */
const SCENARIO = scenarioIds(contentDirs())[0] ?? '';
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
const LOAD_ROUTE = SAMPLE.decision;
const LOAD = { connections: 50, seconds: 10 };
const PIPELINE_RUNS = 5;
/**
 * Lighthouse runs per route in each form factor. Lighthouse's own guidance on variability: the
 * median of five runs is about twice as stable as one. Mobile performance carries the budget, so
 * it gets five; desktop performance is informational and its other categories do not vary.
 * BENCH_LIGHTHOUSE_RUNS overrides the mobile count (e.g. 1 for a quick look).
 */
const LIGHTHOUSE_RUNS: Record<FormFactor, number> = {
  mobile: positiveInt(process.env.BENCH_LIGHTHOUSE_RUNS, 5),
  desktop: 1,
};

/** Tries per Lighthouse run before the bench gives up (see runWithRetry). */
const LIGHTHOUSE_ATTEMPTS = 3;

/** Runs per route at the calibrated CPU slowdown (informational; see calibratedSlowdown). */
const CALIBRATED_RUNS = 3;

/**
 * The CPU slowdown Lighthouse's throttling guide (docs/throttling.md, "Calibrating the CPU
 * slowdown") gives for reaching its mid-tier mobile class from a host with this benchmarkIndex.
 * Its default, 4×, assumes a high-end desktop (1,500–2,000); a low-end desktop (1,000–1,500) or a
 * high-end phone (800–1,200) needs 2×, and a mid-tier phone none.
 */
function calibratedSlowdown(benchmarkIndex: number): number {
  if (benchmarkIndex >= 1500) return 4;
  if (benchmarkIndex >= 800) return 2;
  return 1;
}

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

const BUDGET = {
  performance: 95,
  accessibility: 100,
  bestPractices: 100,
  seo: 100,
  /** Everything a first visit to a step transfers, in bytes (kB = 1,000 bytes). */
  stepTransfer: 200_000,
  loadErrors: 0,
  loadNon2xx: 0,
} as const;

interface Route {
  readonly label: string;
  readonly path: string;
  /** A walkthrough step: the transfer budget applies. */
  readonly step: boolean;
  /** Measured only if it answers 200 (the route may not exist yet). */
  readonly optional?: boolean;
}

const ROUTES: readonly Route[] = [
  { label: 'library', path: '/', step: false },
  { label: 'briefing', path: `/scenarios/${SCENARIO}`, step: false },
  { label: 'first decision', path: `/scenarios/${SCENARIO}/walk`, step: true },
  { label: 'decision step', path: SAMPLE.decision, step: true },
  { label: 'outcome', path: SAMPLE.outcome, step: true },
  { label: 'source reader', path: `/scenarios/${SCENARIO}/source`, step: false },
  { label: 'map', path: `/scenarios/${SCENARIO}/map`, step: false },
  { label: 'outline', path: `/scenarios/${SCENARIO}/outline`, step: false },
];

type Category = 'performance' | 'accessibility' | 'best-practices' | 'seo';
const CATEGORIES: readonly Category[] = ['performance', 'accessibility', 'best-practices', 'seo'];
type FormFactor = 'mobile' | 'desktop';
const FORM_FACTORS: readonly FormFactor[] = ['mobile', 'desktop'];

/** The budget for a Lighthouse score; undefined where the figure is informational. */
function scoreBudget(category: Category, formFactor: FormFactor): number | undefined {
  switch (category) {
    case 'performance':
      return formFactor === 'mobile' ? BUDGET.performance : undefined;
    case 'accessibility':
      return BUDGET.accessibility;
    case 'best-practices':
      return BUDGET.bestPractices;
    case 'seo':
      return BUDGET.seo;
  }
}

// ---------------------------------------------------------------------------------------------
// Cleanup: whatever was started is stopped, on success, error or signal.

const cleanups: (() => Promise<void> | void)[] = [];
let server: ChildProcess | undefined;

function killServerNow(signal: NodeJS.Signals) {
  if (server?.pid === undefined || server.exitCode !== null || server.signalCode !== null) return;
  try {
    // The server runs in its own process group: this reaches it and anything it started.
    process.kill(-server.pid, signal);
  } catch {
    // Already gone.
  }
}

async function cleanup() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    try {
      await step?.();
    } catch (error) {
      console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

process.on('exit', () => killServerNow('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\nbench: ${signal}, stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

const resolve = createRequire(import.meta.url).resolve;
const nextBin = resolve('next/dist/bin/next');
const lighthouseCli = path.join(
  path.dirname(resolve('lighthouse/package.json')),
  'cli',
  'index.js',
);
const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  CROSSROADS_DIST_DIR: DIST_DIR,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_ENV: 'production',
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
const slug = (p: string) => (p === '/' ? 'root' : p.replace(/^\//, '').replace(/\//g, '_'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Runs a command to completion, keeping its output; rejects on a non-zero exit. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}\n${output}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Build and serve

/**
 * `next build` adds its dist dir's type globs to tsconfig.json and points next-env.d.ts at them.
 * A benchmark build must not leave that behind: put back exactly what was there, unless the file
 * was changed in some other way meanwhile.
 */
function guardGeneratedConfig(): () => void {
  const tsconfigFile = path.join(ROOT, 'tsconfig.json');
  const envFile = path.join(ROOT, 'next-env.d.ts');
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
  const tsconfigBefore = read(tsconfigFile);
  const envBefore = read(envFile);
  return () => {
    const tsconfigAfter = read(tsconfigFile);
    if (tsconfigBefore !== undefined && tsconfigAfter !== undefined) {
      if (tsconfigAfter !== tsconfigBefore) {
        const parse = (text: string): { include?: string[] } | undefined => {
          try {
            return JSON.parse(text) as { include?: string[] };
          } catch {
            return undefined; // JSON with comments: compare nothing, touch nothing.
          }
        };
        const before = parse(tsconfigBefore);
        const after = parse(tsconfigAfter);
        if (after) after.include = after.include?.filter((g) => !g.startsWith(`${DIST_DIR}/`));
        if (before && after && JSON.stringify(after) === JSON.stringify(before)) {
          fs.writeFileSync(tsconfigFile, tsconfigBefore);
        } else {
          console.warn('bench: tsconfig.json changed during the build; left as it is');
        }
      }
    }
    // If it names the bench build, this build wrote it last: put back what was there. If not,
    // another build rewrote it meanwhile, and theirs stands.
    const envAfter = read(envFile);
    const mine = (text: string) => text.includes(`./${DIST_DIR}/`);
    if (envBefore !== undefined && envAfter !== undefined && mine(envAfter) && !mine(envBefore)) {
      fs.writeFileSync(envFile, envBefore);
    }
  };
}

async function build(): Promise<number> {
  console.log(`bench: next build into ${DIST_DIR}/ …`);
  const restore = guardGeneratedConfig();
  const started = performance.now();
  try {
    await run(process.execPath, [nextBin, 'build'], serverEnv);
  } finally {
    restore();
  }
  return (performance.now() - started) / 1000;
}

async function serve(): Promise<string> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: serverEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server = child;
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    killServerNow('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!stopped) killServerNow('SIGKILL');
  });

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited early\n${output}`);
    try {
      const response = await fetch(`${origin}/`);
      if (response.ok) {
        console.log(`bench: serving ${DIST_DIR}/ on ${origin}`);
        return origin;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`next start did not answer on ${origin} within 60 s\n${output}`);
}

// ---------------------------------------------------------------------------------------------
// Content pipeline (in process, before anything else runs)

interface PipelineFigures {
  readonly name: string;
  readonly nodes: number;
  readonly steps: number;
  readonly parseMs: number;
  readonly machineMs: number;
  readonly listMs: number;
  readonly heapUsed: number;
}

function timePipeline(
  name: string,
  raw: unknown,
  context: Parameters<typeof parseScenario>[1],
): PipelineFigures {
  const parse: number[] = [];
  const machine: number[] = [];
  const list: number[] = [];
  let nodes = 0;
  let steps = 0;
  for (let i = 0; i < PIPELINE_RUNS; i += 1) {
    const input = structuredClone(raw);
    let t = performance.now();
    const result = parseScenario(input, context);
    parse.push(performance.now() - t);
    if (!result.ok) {
      throw new Error(
        `${name}: invalid scenario\n${result.issues.map((x) => x.message).join('\n')}`,
      );
    }
    t = performance.now();
    const built = buildScenarioMachine(result.scenario);
    machine.push(performance.now() - t);
    t = performance.now();
    const all = listSteps(result.scenario, built);
    list.push(performance.now() - t);
    nodes = Object.keys(result.scenario.nodes).length;
    steps = all.length;
  }
  return {
    name,
    nodes,
    steps,
    parseMs: median(parse),
    machineMs: median(machine),
    listMs: median(list),
    heapUsed: process.memoryUsage().heapUsed,
  };
}

function measurePipeline(): PipelineFigures[] {
  console.log(`bench: content pipeline, median of ${PIPELINE_RUNS} runs …`);
  const dirs = contentDirs();
  const sources = readSources(dirs.sources);
  const file = path.join(dirs.scenarios, SCENARIO, 'scenario.json');
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const real = timePipeline(SCENARIO, raw, {
    file: path.relative(ROOT, file),
    sources,
    expectedId: SCENARIO,
  });
  const synthetic = generateScenario({ nodes: 1000, depth: 10 });
  const large = timePipeline('synthetic, 1,000 nodes, depth 10', synthetic.scenario, {
    file: 'synthetic.json',
    sources: { [synthetic.sourceFile]: synthetic.sourceText },
  });
  return [real, large];
}

// ---------------------------------------------------------------------------------------------
// First visit: what Chromium transfers, compressed as served

interface Transfer {
  readonly requests: number;
  readonly failed: number;
  readonly jsBytes: number;
  readonly totalBytes: number;
  /** Responses by content-encoding, e.g. { br: 3, gzip: 2, none: 1 }. */
  readonly encodings: Record<string, number>;
  /** DevTools issues (e.g. CSP violations) and console errors seen during the visit. */
  readonly issues: readonly string[];
  /** Every response: its pathname, resource type and bytes received. */
  readonly resources: readonly Resource[];
}

interface Resource {
  readonly path: string;
  readonly type: string;
  readonly bytes: number;
}

/** Strings that survive minification and say which library a chunk holds. */
const SIGNATURES: readonly (readonly [string, string])[] = [
  ['react-dom', '__reactContainer$'],
  ['zod', '$ZodObject'],
  ['xstate', 'xstate.init'],
  ['@xstate/react', 'useActorRef'],
  ['d3-hierarchy', 'eachBefore'],
  ['next router', 'NEXT_ROUTER_PREFETCH'],
];

function describeIssue(issue: {
  code: string;
  details: {
    contentSecurityPolicyIssueDetails?: {
      violatedDirective: string;
      contentSecurityPolicyViolationType: string;
      blockedURL?: string;
      sourceCodeLocation?: { url: string; lineNumber: number; columnNumber: number };
    };
  };
}): string {
  const csp = issue.details.contentSecurityPolicyIssueDetails;
  if (!csp) return issue.code;
  const where = csp.sourceCodeLocation
    ? ` at ${new URL(csp.sourceCodeLocation.url).pathname}:${csp.sourceCodeLocation.lineNumber + 1}:${csp.sourceCodeLocation.columnNumber + 1}`
    : '';
  const blocked = csp.blockedURL ? ` blocked ${csp.blockedURL}` : '';
  return `CSP ${csp.violatedDirective} (${csp.contentSecurityPolicyViolationType})${blocked}${where}`;
}

async function firstVisit(browser: Browser, url: string): Promise<Transfer> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const types = new Map<string, { type: string; path: string }>();
    const resources: Resource[] = [];
    const encodings: Record<string, number> = {};
    let started = 0;
    let finished = 0;
    let failed = 0;
    let jsBytes = 0;
    let totalBytes = 0;
    cdp.on('Network.requestWillBeSent', () => (started += 1));
    cdp.on('Network.responseReceived', (e) => {
      types.set(e.requestId, { type: e.type, path: new URL(e.response.url).pathname });
      const headers = Object.fromEntries(
        Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const encoding = headers['content-encoding'] ?? 'none';
      encodings[encoding] = (encodings[encoding] ?? 0) + 1;
    });
    cdp.on('Network.loadingFinished', (e) => {
      finished += 1;
      totalBytes += e.encodedDataLength;
      const response = types.get(e.requestId);
      if (response?.type === 'Script') jsBytes += e.encodedDataLength;
      resources.push({
        path: response?.path ?? '?',
        type: response?.type ?? 'Other',
        bytes: e.encodedDataLength,
      });
    });
    cdp.on('Network.loadingFailed', () => (failed += 1));
    const issues: string[] = [];
    cdp.on('Audits.issueAdded', (e) => issues.push(describeIssue(e.issue)));
    page.on('console', (m) => {
      if (m.type() === 'error') issues.push(`console error: ${m.text().slice(0, 200)}`);
    });
    page.on('pageerror', (e) => issues.push(`page error: ${e.message.slice(0, 200)}`));
    await cdp.send('Network.enable');
    await cdp.send('Audits.enable');
    await page.goto(url, { waitUntil: 'networkidle' });
    // Prefetches start after hydration, when links scroll into view: wait until a whole second
    // passes with nothing new requested and nothing in flight (at most 10 s).
    const deadline = Date.now() + 10_000;
    let seen = -1;
    while (Date.now() < deadline && (seen !== started || finished + failed < started)) {
      seen = started;
      await sleep(1000);
    }
    return {
      requests: finished,
      failed,
      jsBytes,
      totalBytes,
      encodings,
      issues: [...new Set(issues)],
      resources,
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Lighthouse

interface LostPoints {
  readonly category: Category;
  readonly audit: string;
  readonly title: string;
  readonly score: number;
  readonly weight: number;
  readonly displayValue?: string;
}

interface LighthouseFigures {
  /** The scores of the median run (Lighthouse's computeMedianRun: nearest the median FCP and TTI). */
  readonly scores: Record<Category, number | null>;
  /** The performance score of every run, in the order they ran. */
  readonly performanceRuns: readonly (number | null)[];
  readonly lost: LostPoints[];
  readonly warnings: readonly string[];
  /** Lighthouse's measure of the host CPU during the median run (higher is faster). */
  readonly benchmarkIndex: number;
}

/** A table cell listing every run's performance score. */
function runsCell(figures: LighthouseFigures | undefined): string {
  return figures ? figures.performanceRuns.map((r) => r ?? '—').join(', ') : '—';
}

function scoresOf(lhr: LighthouseResult): Record<Category, number | null> {
  return Object.fromEntries(
    CATEGORIES.map((c) => {
      const score = lhr.categories[c]?.score;
      return [c, typeof score === 'number' ? Math.round(score * 100) : null];
    }),
  ) as Record<Category, number | null>;
}

/** Audits with weight in a category that did not score full marks. */
function lostPoints(lhr: LighthouseResult): LostPoints[] {
  const lost: LostPoints[] = [];
  for (const category of CATEGORIES) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight <= 0 || audit.score === null || audit.score >= 1) continue;
      lost.push({
        category,
        audit: ref.id,
        title: audit.title,
        score: audit.score,
        weight: ref.weight,
        ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
      });
    }
  }
  return lost;
}

/**
 * One Lighthouse run through its CLI, in a plain Node process: Lighthouse serialises functions
 * into the page, which must not pass through the TypeScript loader this script runs under.
 * It attaches to the Chromium already listening on `port`; the report is kept in `file`.
 */
async function runLighthouse(
  port: number,
  url: string,
  formFactor: FormFactor,
  file: string,
  cpuSlowdown?: number,
): Promise<LighthouseResult> {
  await run(
    process.execPath,
    [
      lighthouseCli,
      url,
      `--port=${port}`,
      `--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`,
      `--only-categories=${cpuSlowdown === undefined ? CATEGORIES.join(',') : 'performance'}`,
      '--output=json',
      `--output-path=${file}`,
      '--quiet',
      ...(formFactor === 'desktop' ? ['--preset=desktop'] : []),
      ...(cpuSlowdown === undefined ? [] : [`--throttling.cpuSlowdownMultiplier=${cpuSlowdown}`]),
    ],
    { ...process.env, CHROME_PATH: CHROMIUM },
  );
  const lhr = JSON.parse(fs.readFileSync(file, 'utf8')) as LighthouseResult;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
  return lhr;
}

/**
 * Several runs of one route and form factor, summarised by the median run. Every report is kept
 * (`<route>.<form factor>.<n>.json`); the median run's is also `<route>.<form factor>.json`.
 */
async function measureLighthouse(
  runOnce: (file: string) => Promise<LighthouseResult>,
  url: string,
  /** Names the report files: the form factor, or e.g. `mobile-calibrated`. */
  label: string,
  count: number,
): Promise<LighthouseFigures> {
  const dir = path.join(RESULTS_DIR, 'lighthouse');
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${slug(new URL(url).pathname)}.${label}`);
  const runs: LighthouseResult[] = [];
  for (let i = 1; i <= count; i += 1) {
    runs.push(await runOnce(`${base}.${i}.json`));
  }
  const lhr = computeMedianRun(runs);
  fs.copyFileSync(`${base}.${runs.indexOf(lhr) + 1}.json`, `${base}.json`);
  return {
    scores: scoresOf(lhr),
    performanceRuns: runs.map((r) => scoresOf(r).performance),
    lost: lostPoints(lhr),
    warnings: lhr.runWarnings,
    benchmarkIndex: lhr.environment.benchmarkIndex,
  };
}

// ---------------------------------------------------------------------------------------------
// Load

interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly p99: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function measureLoad(url: string): Promise<LoadFigures> {
  console.log(`bench: load, ${LOAD.connections} connections for ${LOAD.seconds} s on ${url} …`);
  const bin = resolve('autocannon/autocannon.js');
  const output = await run(
    process.execPath,
    [bin, '-c', String(LOAD.connections), '-d', String(LOAD.seconds), '-j', '-n', url],
    process.env,
  );
  const line = output
    .split('\n')
    .reverse()
    .find((l) => l.trim().startsWith('{'));
  if (!line) throw new Error(`autocannon printed no JSON\n${output}`);
  const json = JSON.parse(line) as AutocannonJson;
  return {
    requestsPerSecond: json.requests.average,
    p99: json.latency.p99,
    requests: json.requests.total,
    non2xx: json.non2xx,
    errors: json.errors,
    timeouts: json.timeouts,
  };
}

// ---------------------------------------------------------------------------------------------
// Report

type Verdict = 'pass' | 'short';
interface Check {
  readonly what: string;
  readonly verdict: Verdict;
}
const checks: Check[] = [];

/** Records a budgeted figure and returns its verdict. */
function check(what: string, ok: boolean): Verdict {
  const verdict: Verdict = ok ? 'pass' : 'short';
  checks.push({ what, verdict });
  return verdict;
}

interface Table {
  readonly title: string;
  readonly note?: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function consoleTable(table: Table): string {
  if (table.rows.length === 0) return `\n${table.title}: none`;
  const widths = table.head.map((h, i) =>
    Math.max(h.length, ...table.rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    `\n${table.title}`,
    line(table.head),
    line(widths.map((w) => '-'.repeat(w))),
    ...table.rows.map(line),
  ].join('\n');
}

function markdownTable(table: Table): string {
  if (table.rows.length === 0) {
    return [`## ${table.title}`, '', ...(table.note ? [table.note, ''] : []), 'None.', ''].join(
      '\n',
    );
  }
  const escape = (c: string) => c.replace(/\|/g, '\\|');
  const line = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`;
  return [
    `## ${table.title}`,
    '',
    ...(table.note ? [table.note, ''] : []),
    line(table.head),
    line(table.head.map(() => '---')),
    ...table.rows.map(line),
    '',
  ].join('\n');
}

function chromiumVersion(): string {
  const result = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' });
  return result.stdout.trim() || 'unknown';
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

function machineRows(browserVersion: string, loadBefore: string): [string, string][] {
  const cpus = os.cpus();
  return [
    ['OS', `${os.type()} ${os.release()} (${os.arch()})`],
    ['CPU', cpus[0]?.model.trim() ?? 'unknown'],
    ['Cores', String(cpus.length)],
    ['Memory', `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ['Node', process.version],
    ['Chromium', browserVersion],
    ['Load average (1 / 5 / 15 min)', `${loadBefore} at the start, ${loadAverage()} at the end`],
    ['Date', new Date().toISOString()],
  ];
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const { values } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false } } });
  const began = performance.now();
  const loadBefore = loadAverage();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });

  const pipeline = measurePipeline();

  let buildSeconds: number | undefined;
  if (values['no-build']) {
    if (!fs.existsSync(path.join(ROOT, DIST_DIR, 'BUILD_ID'))) {
      throw new Error(`--no-build: no build in ${DIST_DIR}/; run without --no-build first`);
    }
  } else {
    buildSeconds = await build();
    console.log(`bench: built in ${buildSeconds.toFixed(1)} s`);
  }
  const origin = await serve();

  // Which routes answer (and warm the server up before anything is timed).
  const routes: Route[] = [];
  const missing: string[] = [];
  for (const route of ROUTES) {
    const response = await fetch(`${origin}${route.path}`);
    await response.arrayBuffer();
    if (response.status === 200) routes.push(route);
    else if (route.optional) {
      console.log(`bench: ${route.path} answers ${response.status}; not measured`);
    } else {
      missing.push(`${route.path} (${response.status})`);
      check(`${route.label} ${route.path} answers 200`, false);
    }
  }

  // First visits.
  console.log('bench: first visits in Chromium …');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  cleanups.push(() => browser.close());
  const browserVersion = browser.version();
  const transfers = new Map<Route, Transfer>();
  for (const route of routes) {
    transfers.set(route, await firstVisit(browser, `${origin}${route.path}`));
  }
  await browser.close();

  // Lighthouse: one Chromium; several runs per route on mobile, summarised by the median run.
  const lighthouseRuns = routes.length * FORM_FACTORS.reduce((n, f) => n + LIGHTHOUSE_RUNS[f], 0);
  console.log(`bench: Lighthouse, ${lighthouseRuns} runs …`);
  const launchChrome = () =>
    chromeLauncher.launch({
      chromePath: CHROMIUM,
      chromeFlags: CHROMIUM_FLAGS,
      handleSIGINT: false,
      logLevel: 'silent',
    });
  let chrome = await launchChrome();
  cleanups.push(() => chrome.kill());
  // Lighthouse sometimes fails to record a trace (NO_NAVSTART), now and then twice running: up to
  // LIGHTHOUSE_ATTEMPTS tries, each retry in a fresh browser, before the bench gives up.
  const runWithRetry = async (
    url: string,
    formFactor: FormFactor,
    file: string,
    cpuSlowdown?: number,
  ): Promise<LighthouseResult> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await runLighthouse(chrome.port, url, formFactor, file, cpuSlowdown);
      } catch (error) {
        if (attempt >= LIGHTHOUSE_ATTEMPTS) throw error;
        const reason = error instanceof Error ? error.message.split('\n')[1] : String(error);
        console.log(`  ${new URL(url).pathname} ${formFactor}: failed (${reason}); retrying`);
        await chrome.kill();
        chrome = await launchChrome();
      }
    }
  };
  const audits = new Map<string, LighthouseFigures>();
  for (const route of routes) {
    for (const formFactor of FORM_FACTORS) {
      const t = performance.now();
      const url = `${origin}${route.path}`;
      const runOnce = (file: string) => runWithRetry(url, formFactor, file);
      const figures = await measureLighthouse(
        runOnce,
        url,
        formFactor,
        LIGHTHOUSE_RUNS[formFactor],
      );
      audits.set(`${route.path} ${formFactor}`, figures);
      const scores = CATEGORIES.map((c) => `${c} ${figures.scores[c] ?? '—'}`).join(', ');
      const runs =
        figures.performanceRuns.length > 1 ? ` [performance per run: ${runsCell(figures)}]` : '';
      console.log(
        `  ${route.path} ${formFactor}: ${scores}${runs} (${((performance.now() - t) / 1000).toFixed(0)} s)`,
      );
    }
  }
  // Informational: mobile performance at the CPU slowdown Lighthouse's guide gives for this host.
  const mobileIndex = median(
    routes.map((route) => audits.get(`${route.path} mobile`)?.benchmarkIndex ?? 0),
  );
  const slowdown = calibratedSlowdown(mobileIndex);
  const calibrated = new Map<string, LighthouseFigures>();
  if (slowdown !== 4) {
    console.log(
      `bench: Lighthouse mobile at ${slowdown}× CPU (calibrated to this host), ` +
        `${routes.length * CALIBRATED_RUNS} runs …`,
    );
    for (const route of routes) {
      const url = `${origin}${route.path}`;
      const runOnce = (file: string) => runWithRetry(url, 'mobile', file, slowdown);
      const figures = await measureLighthouse(runOnce, url, 'mobile-calibrated', CALIBRATED_RUNS);
      calibrated.set(route.path, figures);
      console.log(
        `  ${route.path}: performance ${figures.scores.performance ?? '—'} [${runsCell(figures)}]`,
      );
    }
  }
  await chrome.kill();

  // Load.
  const load = await measureLoad(`${origin}${LOAD_ROUTE}`);

  // -------------------------------------------------------------------------------------------
  // Tables

  const lighthouseTable: Table = {
    title: 'Lighthouse 12.2.3',
    note:
      `Mobile: the default emulated phone with simulated throttling, ${LIGHTHOUSE_RUNS.mobile} ` +
      `run${LIGHTHOUSE_RUNS.mobile === 1 ? '' : 's'} per route; desktop: the desktop preset, ` +
      `${LIGHTHOUSE_RUNS.desktop} run${LIGHTHOUSE_RUNS.desktop === 1 ? '' : 's'}. Scores are ` +
      "those of the median run (Lighthouse's `computeMedianRun`: the run nearest the median " +
      'first contentful paint and time to interactive, as Lighthouse recommends for variable ' +
      'hosts); "runs" lists every run\'s performance score. Budgets: mobile performance ≥ 95; ' +
      'accessibility, best practices and SEO = 100 in both form factors; desktop performance is ' +
      "informational. CPU index: Lighthouse's `benchmarkIndex` for the median run (higher is " +
      'faster); where it is far below 1,000 the host was busy or slow, and the performance score ' +
      'reads low (total blocking time is scaled from the observed main-thread time).',
    head: [
      'Route',
      'Form factor',
      'Performance',
      'Runs',
      'Accessibility',
      'Best practices',
      'SEO',
      'CPU index',
    ],
    rows: routes.flatMap((route) =>
      FORM_FACTORS.map((formFactor) => {
        const figures = audits.get(`${route.path} ${formFactor}`);
        const cells = CATEGORIES.map((category) => {
          const score = figures?.scores[category] ?? null;
          const budget = scoreBudget(category, formFactor);
          if (budget === undefined) return `${score ?? '—'} (no budget)`;
          const sign = budget === 100 ? '=' : '≥';
          const verdict = check(
            `Lighthouse ${formFactor} ${category} on ${route.path}: ${score ?? '—'}`,
            score !== null && score >= budget,
          );
          return `${score ?? '—'} (${sign} ${budget}) ${verdict}`;
        });
        return [
          route.path,
          formFactor,
          cells[0] ?? '—',
          runsCell(figures),
          ...cells.slice(1),
          figures ? figures.benchmarkIndex.toFixed(0) : '—',
        ];
      }),
    ),
  };

  const calibratedTable: Table = {
    title: 'Lighthouse mobile performance, CPU slowdown calibrated to this host (informational)',
    note:
      slowdown === 4
        ? `This host's median CPU index (${mobileIndex.toFixed(0)}) is in the high-end desktop ` +
          "class that Lighthouse's default 4× slowdown assumes: the table above is already " +
          'calibrated.'
        : `Lighthouse's default 4× CPU slowdown assumes a high-end desktop (CPU index ` +
          `1,500–2,000) and turns it into a mid-tier phone. This host's median CPU index was ` +
          `${mobileIndex.toFixed(0)}; for that, Lighthouse's throttling guide (\`docs/throttling.md\`, ` +
          `"Calibrating the CPU slowdown") gives ${slowdown}×. ${CALIBRATED_RUNS} runs per route ` +
          'at that slowdown, score of the median run. Informational only: the budget above is ' +
          'judged at the default 4×.',
    head: ['Route', 'CPU slowdown', 'Performance', 'Runs'],
    rows:
      slowdown === 4
        ? []
        : routes.map((route) => {
            const figures = calibrated.get(route.path);
            return [
              route.path,
              `${slowdown}×`,
              `${figures?.scores.performance ?? '—'}`,
              runsCell(figures),
            ];
          }),
  };

  const transferTable: Table = {
    title: 'First visit: bytes transferred',
    note:
      'Fresh browser context (1280×720), waiting for the network to go idle so link prefetches ' +
      'count. Bytes as received (response headers plus compressed bodies, CDP ' +
      '`encodedDataLength`); kB = 1,000 bytes. Budget: a step transfers ≤ 200 kB in all; other ' +
      'pages are informational.',
    head: ['Route', 'Requests', 'JavaScript', 'Total', 'Budget', 'Result', 'Encodings'],
    rows: routes.map((route) => {
      const t = transfers.get(route);
      if (!t) return [route.path, '—', '—', '—', '—', '—', '—'];
      const budget = route.step ? `≤ ${kB(BUDGET.stepTransfer)}` : '—';
      const verdict = route.step
        ? check(
            `first visit to ${route.path} transfers ${kB(t.totalBytes)}`,
            t.totalBytes <= BUDGET.stepTransfer,
          )
        : 'informational';
      const encodings = Object.entries(t.encodings)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      return [
        route.path,
        `${t.requests}${t.failed > 0 ? ` (+${t.failed} failed)` : ''}`,
        kB(t.jsBytes),
        kB(t.totalBytes),
        budget,
        verdict,
        encodings,
      ];
    }),
  };

  const kinds: readonly (readonly [string, (type: string) => boolean])[] = [
    ['HTML', (t) => t === 'Document'],
    ['JavaScript', (t) => t === 'Script'],
    ['RSC / fetch (prefetches)', (t) => t === 'Fetch' || t === 'XHR'],
    ['CSS', (t) => t === 'Stylesheet'],
    ['Other', (t) => !['Document', 'Script', 'Fetch', 'XHR', 'Stylesheet'].includes(t)],
  ];
  const breakdownTable: Table = {
    title: 'First visit: where the bytes go',
    note: 'The totals above by kind of response (requests, kB as transferred).',
    head: ['Route', ...kinds.map(([k]) => k)],
    rows: routes.map((route) => [
      route.path,
      ...kinds.map(([, test]) => {
        const of = (transfers.get(route)?.resources ?? []).filter((r) => test(r.type));
        return `${of.length} · ${kB(of.reduce((sum, r) => sum + r.bytes, 0))}`;
      }),
    ]),
  };

  const scripts = new Map<string, { bytes: number; routes: number }>();
  for (const t of transfers.values()) {
    for (const r of t.resources.filter((x) => x.type === 'Script')) {
      const seen = scripts.get(r.path);
      scripts.set(r.path, {
        bytes: Math.max(seen?.bytes ?? 0, r.bytes),
        routes: (seen?.routes ?? 0) + 1,
      });
    }
  }
  const largest = [...scripts].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 8);
  const contents = new Map<string, string>();
  for (const [script] of largest) {
    const text = await fetch(`${origin}${script}`)
      .then((r) => r.text())
      .catch(() => '');
    contents.set(
      script,
      SIGNATURES.filter(([, mark]) => text.includes(mark))
        .map(([name]) => name)
        .join(', '),
    );
  }
  const scriptsTable: Table = {
    title: 'Largest scripts',
    note: `The ${largest.length} largest scripts over all first visits, as transferred (compressed), with the libraries recognised in them.`,
    head: ['Script', 'Transferred', 'Loaded on', 'Contains'],
    rows: largest.map(([script, { bytes, routes: count }]) => [
      script,
      kB(bytes),
      `${count} of ${routes.length} routes`,
      contents.get(script) || '—',
    ]),
  };

  const loadTable: Table = {
    title: 'Load',
    note: `autocannon, ${LOAD.connections} connections for ${LOAD.seconds} s on \`${LOAD_ROUTE}\` (\`next start\`, same machine).`,
    head: ['Figure', 'Value', 'Budget', 'Result'],
    rows: [
      ['requests/s (average)', load.requestsPerSecond.toFixed(0), '—', 'informational'],
      ['latency p99', `${load.p99} ms`, '—', 'informational'],
      ['requests in all', String(load.requests), '—', 'informational'],
      [
        'errors (incl. timeouts)',
        `${load.errors} (${load.timeouts} timeouts)`,
        `= ${BUDGET.loadErrors}`,
        check(`errors under load: ${load.errors}`, load.errors <= BUDGET.loadErrors),
      ],
      [
        'non-2xx responses',
        String(load.non2xx),
        `= ${BUDGET.loadNon2xx}`,
        check(`non-2xx under load: ${load.non2xx}`, load.non2xx <= BUDGET.loadNon2xx),
      ],
    ],
  };

  const pipelineTable: Table = {
    title: 'Content pipeline (informational)',
    note: `In process, median of ${PIPELINE_RUNS} runs each: \`parseScenario\` (schema, cross-checks, quotes), \`buildScenarioMachine\`, \`listSteps\` (every path, \`xstate/graph\`). Heap is \`process.memoryUsage().heapUsed\` after the runs.`,
    head: [
      'Scenario',
      'Nodes',
      'Steps',
      'Parse + validate',
      'Build machine',
      'List steps',
      'Total',
      'Heap used after',
    ],
    rows: pipeline.map((p) => [
      p.name,
      String(p.nodes),
      String(p.steps),
      ms(p.parseMs),
      ms(p.machineMs),
      ms(p.listMs),
      ms(p.parseMs + p.machineMs + p.listMs),
      mb(p.heapUsed),
    ]),
  };

  const lostRows: string[][] = [];
  for (const route of routes) {
    for (const formFactor of FORM_FACTORS) {
      for (const lost of audits.get(`${route.path} ${formFactor}`)?.lost ?? []) {
        // Performance metrics below full marks are normal; list them only where the
        // category missed its budget.
        const figures = audits.get(`${route.path} ${formFactor}`);
        const budget = scoreBudget(lost.category, formFactor);
        const score = figures?.scores[lost.category] ?? null;
        if (budget === undefined || (score !== null && score >= budget)) continue;
        lostRows.push([
          route.path,
          formFactor,
          lost.category,
          `${lost.title} (\`${lost.audit}\`)`,
          lost.score.toFixed(2),
          String(lost.weight),
          lost.displayValue ?? '',
        ]);
      }
    }
  }
  const lostTable: Table = {
    title: 'Where Lighthouse points were lost',
    note:
      lostRows.length > 0
        ? 'Weighted audits below full marks, in every category that missed its budget. Full reports: `bench-results/lighthouse/`.'
        : 'No category missed its budget. Full reports: `bench-results/lighthouse/`.',
    head: ['Route', 'Form factor', 'Category', 'Audit', 'Score', 'Weight', 'Value'],
    rows: lostRows,
  };

  const issuesTable: Table = {
    title: 'Browser issues on a first visit',
    note: 'DevTools issues (the source of a Lighthouse `inspector-issues` failure), console errors and page errors seen while measuring the first visits.',
    head: ['Route', 'Issue'],
    rows: routes.flatMap((route) =>
      (transfers.get(route)?.issues ?? []).map((issue) => [route.path, issue]),
    ),
  };

  const tables = [
    lighthouseTable,
    calibratedTable,
    transferTable,
    breakdownTable,
    scriptsTable,
    loadTable,
    pipelineTable,
    lostTable,
    issuesTable,
  ];
  const short = checks.filter((c) => c.verdict === 'short');
  const indices = [...audits.values()].map((a) => a.benchmarkIndex);
  const cpuIndex = indices.length > 0 ? median(indices) : undefined;
  const busy =
    cpuIndex !== undefined && cpuIndex < 1000
      ? `Caution: the median Lighthouse CPU index was ${cpuIndex.toFixed(0)} (range ${Math.min(...indices).toFixed(0)}–${Math.max(...indices).toFixed(0)}; load average ${loadBefore} at the start): the host was busy or slow, so performance scores and load figures read low. Rerun on a quiet machine before acting on them.`
      : undefined;
  const runWarnings = [...new Set([...audits.values()].flatMap((a) => a.warnings))];
  const summary = `${checks.length} budgeted figures: ${checks.length - short.length} pass, ${short.length} short.`;
  const elapsed = (performance.now() - began) / 1000;

  for (const table of tables) console.log(consoleTable(table));
  console.log('');
  for (const s of short) console.log(`short: ${s.what}`);
  if (missing.length > 0) console.log(`not measured (no 200): ${missing.join(', ')}`);
  if (busy) console.log(`\n${busy}`);
  console.log(`\nbench: ${summary} (${elapsed.toFixed(0)} s)`);

  const machine = machineRows(browserVersion || chromiumVersion(), loadBefore);
  const markdown = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (\`scripts/bench.ts\`); do not edit by hand. Production build (\`next build\`) served by \`next start\` on 127.0.0.1${buildSeconds === undefined ? '' : `; the build took ${buildSeconds.toFixed(1)} s`}; the whole run took ${elapsed.toFixed(0)} s.`,
    '',
    '| Machine | |',
    '| --- | --- |',
    ...machine.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    `**Summary: ${summary}**`,
    '',
    ...(short.length > 0 ? [...short.map((s) => `- short: ${s.what}`), ''] : []),
    ...(missing.length > 0 ? [`Not measured (no 200): ${missing.join(', ')}.`, ''] : []),
    ...(busy ? [`> ${busy}`, ''] : []),
    ...(runWarnings.length > 0
      ? ['Lighthouse warnings:', '', ...runWarnings.map((w) => `- ${w.replace(/\s+/g, ' ')}`), '']
      : []),
    ...tables.map(markdownTable),
  ].join('\n');
  // Formatted as the repository's Prettier check expects, so the gate passes with it committed.
  const prettierOptions = (await prettier.resolveConfig(REPORT_FILE)) ?? {};
  fs.writeFileSync(
    REPORT_FILE,
    await prettier.format(markdown, { ...prettierOptions, filepath: REPORT_FILE }),
  );
  fs.writeFileSync(
    path.join(RESULTS_DIR, 'bench.json'),
    JSON.stringify(
      {
        machine: Object.fromEntries(machine),
        buildSeconds,
        pipeline,
        transfers: Object.fromEntries([...transfers].map(([r, t]) => [r.path, t])),
        lighthouse: Object.fromEntries(audits),
        load,
        checks,
      },
      null,
      2,
    ),
  );
  console.log(`bench: wrote ${path.relative(ROOT, REPORT_FILE)} and bench-results/`);
}

main().then(
  async () => {
    await cleanup();
    process.exit(0);
  },
  async (error: unknown) => {
    console.error(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    await cleanup();
    process.exit(1);
  },
);
