/**
 * Lighthouse: scores for each route, mobile and desktop at Lighthouse's defaults, summarised by the
 * median run, with the audits that lost points; and the runner first-paint.ts uses for the judged
 * (calibrated) and applied-throttling runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import type { Result as LighthouseResult } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { CHROMIUM } from '../lib/chromium';
import { slug } from './format';
import { cleanups, resolve, run } from './process';
import { check, type Table } from './report';
import {
  CATEGORIES,
  CHROMIUM_FLAGS,
  FORM_FACTORS,
  LIGHTHOUSE_ATTEMPTS,
  LIGHTHOUSE_RUNS,
  RESULTS_DIR,
  scoreBudget,
  type Category,
  type FormFactor,
  type Route,
} from './settings';

const lighthouseCli = path.join(
  path.dirname(resolve('lighthouse/package.json')),
  'cli',
  'index.js',
);

interface LostPoints {
  readonly category: Category;
  readonly audit: string;
  readonly title: string;
  readonly score: number;
  readonly weight: number;
  readonly displayValue?: string;
}

export interface LighthouseFigures {
  /** The scores of the median run (Lighthouse's computeMedianRun: nearest the median FCP and TTI). */
  readonly scores: Record<Category, number | null>;
  /** The performance score of every run, in the order they ran. */
  readonly performanceRuns: readonly (number | null)[];
  readonly lost: LostPoints[];
  readonly warnings: readonly string[];
  /** Lighthouse's measure of the host CPU during the median run (higher is faster). */
  readonly benchmarkIndex: number;
  /** The median run's first contentful paint and largest contentful paint, in ms. */
  readonly fcpMs: number | null;
  readonly lcpMs: number | null;
}

/** How a run differs from Lighthouse's mobile or desktop defaults. */
export interface RunOptions {
  readonly cpuSlowdown?: number;
  /** `devtools`: throttling applied to the page as it loads, instead of simulated afterwards. */
  readonly throttlingMethod?: 'devtools';
}

/** A table cell listing every run's performance score. */
export function runsCell(figures: LighthouseFigures | undefined): string {
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
  options: RunOptions = {},
): Promise<LighthouseResult> {
  const all = options.cpuSlowdown === undefined && options.throttlingMethod === undefined;
  await run(
    process.execPath,
    [
      lighthouseCli,
      url,
      `--port=${port}`,
      `--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`,
      `--only-categories=${all ? CATEGORIES.join(',') : 'performance'}`,
      '--output=json',
      `--output-path=${file}`,
      '--quiet',
      ...(formFactor === 'desktop' ? ['--preset=desktop'] : []),
      ...(options.cpuSlowdown === undefined
        ? []
        : [`--throttling.cpuSlowdownMultiplier=${options.cpuSlowdown}`]),
      ...(options.throttlingMethod === undefined
        ? []
        : [`--throttling-method=${options.throttlingMethod}`]),
    ],
    { ...process.env, CHROME_PATH: CHROMIUM },
  );
  const lhr = JSON.parse(fs.readFileSync(file, 'utf8')) as LighthouseResult;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
  return lhr;
}

/** The report file of one run: `<route>.<label>.<n>.json` under bench-results/lighthouse/. */
export function reportFile(url: string, label: string, n: number | undefined): string {
  const dir = path.join(RESULTS_DIR, 'lighthouse');
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${slug(new URL(url).pathname)}.${label}`);
  return n === undefined ? `${base}.json` : `${base}.${n}.json`;
}

const metric = (lhr: LighthouseResult, id: string): number | null =>
  lhr.audits[id]?.numericValue ?? null;

/**
 * A series of runs of one target, summarised by the median run (Lighthouse's computeMedianRun);
 * its report is also kept as `<route>.<label>.json`.
 */
export function summarise(
  runs: readonly LighthouseResult[],
  url: string,
  label: string,
): LighthouseFigures {
  const lhr = computeMedianRun([...runs]);
  fs.copyFileSync(reportFile(url, label, runs.indexOf(lhr) + 1), reportFile(url, label, undefined));
  return {
    scores: scoresOf(lhr),
    performanceRuns: runs.map((r) => scoresOf(r).performance),
    lost: lostPoints(lhr),
    warnings: lhr.runWarnings,
    benchmarkIndex: lhr.environment.benchmarkIndex,
    fcpMs: metric(lhr, 'first-contentful-paint'),
    lcpMs: metric(lhr, 'largest-contentful-paint'),
  };
}

/** Several runs of one route and form factor in a row, summarised by the median run. */
async function measureLighthouse(
  runOnce: (file: string) => Promise<LighthouseResult>,
  url: string,
  /** Names the report files: the form factor. */
  label: string,
  count: number,
): Promise<LighthouseFigures> {
  const runs: LighthouseResult[] = [];
  for (let i = 1; i <= count; i += 1) {
    runs.push(await runOnce(reportFile(url, label, i)));
  }
  return summarise(runs, url, label);
}

/** One Chromium for Lighthouse, and runs in it that are retried in a fresh one when they fail. */
export interface LighthouseRunner {
  run(
    url: string,
    formFactor: FormFactor,
    file: string,
    options?: RunOptions,
  ): Promise<LighthouseResult>;
  close(): Promise<void>;
}

export async function lighthouseRunner(): Promise<LighthouseRunner> {
  const launchChrome = () =>
    chromeLauncher.launch({
      chromePath: CHROMIUM,
      chromeFlags: CHROMIUM_FLAGS,
      handleSIGINT: false,
      logLevel: 'silent',
    });
  let chrome = await launchChrome();
  cleanups.push(() => chrome.kill());
  return {
    // Lighthouse sometimes fails to record a trace (NO_NAVSTART), now and then twice running: up
    // to LIGHTHOUSE_ATTEMPTS tries, each retry in a fresh browser, before the bench gives up.
    async run(url, formFactor, file, options) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await runLighthouse(chrome.port, url, formFactor, file, options);
        } catch (error) {
          if (attempt >= LIGHTHOUSE_ATTEMPTS) throw error;
          const reason = error instanceof Error ? error.message.split('\n')[1] : String(error);
          console.log(`  ${new URL(url).pathname} ${formFactor}: failed (${reason}); retrying`);
          await chrome.kill();
          chrome = await launchChrome();
        }
      }
    },
    async close() {
      await chrome.kill();
    },
  };
}

/** Every route's Lighthouse figures at Lighthouse's defaults, by `<route path> <form factor>`. */
export async function runLighthouseAudits(
  origin: string,
  routes: readonly Route[],
): Promise<Map<string, LighthouseFigures>> {
  const lighthouseRuns = routes.length * FORM_FACTORS.reduce((n, f) => n + LIGHTHOUSE_RUNS[f], 0);
  console.log(`bench: Lighthouse, ${lighthouseRuns} runs …`);
  const runner = await lighthouseRunner();
  const audits = new Map<string, LighthouseFigures>();
  for (const route of routes) {
    for (const formFactor of FORM_FACTORS) {
      const t = performance.now();
      const url = `${origin}${route.path}`;
      const runOnce = (file: string) => runner.run(url, formFactor, file);
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
  await runner.close();
  return audits;
}

export function lighthouseTable(
  routes: readonly Route[],
  audits: ReadonlyMap<string, LighthouseFigures>,
): Table {
  return {
    title: 'Lighthouse 12.2.3',
    note:
      `Mobile: the default emulated phone with simulated throttling, ${LIGHTHOUSE_RUNS.mobile} ` +
      `run${LIGHTHOUSE_RUNS.mobile === 1 ? '' : 's'} per route; desktop: the desktop preset, ` +
      `${LIGHTHOUSE_RUNS.desktop} run${LIGHTHOUSE_RUNS.desktop === 1 ? '' : 's'}. Scores are ` +
      "those of the median run (Lighthouse's `computeMedianRun`: the run nearest the median " +
      'first contentful paint and time to interactive, as Lighthouse recommends for variable ' +
      'hosts); "runs" lists every run\'s performance score. Budgets: accessibility, best ' +
      'practices and SEO = 100 in both form factors; performance here is informational (mobile ' +
      'performance is judged at the calibrated CPU slowdown, in the table above). CPU index: ' +
      "Lighthouse's `benchmarkIndex` for the median run (higher is " +
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
          const budget = scoreBudget(category);
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
}

export function lostTable(
  routes: readonly Route[],
  audits: ReadonlyMap<string, LighthouseFigures>,
): Table {
  const lostRows: string[][] = [];
  for (const route of routes) {
    for (const formFactor of FORM_FACTORS) {
      for (const lost of audits.get(`${route.path} ${formFactor}`)?.lost ?? []) {
        // Performance metrics below full marks are normal; list them only where the
        // category missed its budget.
        const figures = audits.get(`${route.path} ${formFactor}`);
        const budget = scoreBudget(lost.category);
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
  return {
    title: 'Where Lighthouse points were lost',
    note:
      lostRows.length > 0
        ? 'Weighted audits below full marks, in every category that missed its budget. Full reports: `bench-results/lighthouse/`.'
        : 'No category missed its budget. Full reports: `bench-results/lighthouse/`.',
    head: ['Route', 'Form factor', 'Category', 'Audit', 'Score', 'Weight', 'Value'],
    rows: lostRows,
  };
}
