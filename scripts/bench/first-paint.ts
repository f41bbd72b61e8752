/**
 * The first paint, judged as issue 21 decided:
 *   - mobile performance at the CPU slowdown calibrated to this host (settings.calibratedSlowdown:
 *     4 × benchmark index / 1,750, clamped to 1–8), median of FIRST_PAINT.runs per route ≥ 95,
 *     with the default 4× beside it for information and a bare page in the same interleaved run;
 *   - Lighthouse's simulated Largest Contentful Paint per route (median run) ≤ 1.5 s;
 *   - under applied slow-4G throttling (`--throttling-method=devtools`), the time until a step's
 *     text can be read, against the same step as static HTML that this module writes from our
 *     page (same words and styles, no scripts), interleaved; ratio of the medians ≤ 1.15.
 * The bare page and the static step are served by a small server of the bench's own, compressed as
 * `next start` compresses (gzip).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import type { Result as LighthouseResult } from 'lighthouse';
import { median } from './format';
import {
  lighthouseRunner,
  reportFile,
  runsCell,
  summarise,
  type LighthouseFigures,
  type RunOptions,
} from './lighthouse';
import { cleanups } from './process';
import { check, type Table } from './report';
import { BUDGET, FIRST_PAINT, calibratedSlowdown, type Route } from './settings';

/** A page with one heading and one paragraph: the floor a route is measured beside. */
const BARE_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1">' +
  '<meta name="description" content="A bare page."><title>Bare page</title></head>' +
  '<body><main><h1>Bare page</h1><p>One paragraph of text.</p></main></body></html>';

/** Our page without its scripts: the same HTML, inline styles and words, nothing to run. */
export function staticRendering(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<link\b[^>]*\bas="script"[^>]*>/gi, '');
}

/** Serves the bare page at /bare and the static step at /step, gzip-compressed. */
async function serveStatic(step: string): Promise<string> {
  const pages = new Map([
    ['/bare', zlib.gzipSync(BARE_HTML)],
    ['/step', zlib.gzipSync(step)],
  ]);
  const server = http.createServer((request, response) => {
    const body = pages.get(request.url ?? '');
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-encoding': 'gzip',
        'content-length': body.length,
      })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Target {
  readonly label: string;
  readonly url: string;
}

export interface JudgedFigures {
  readonly label: string;
  readonly path: string;
  readonly calibrated: LighthouseFigures;
  readonly default4x: LighthouseFigures;
}

export interface AppliedFigures {
  readonly ours: { readonly fcpMs: number[]; readonly lcpMs: number[] };
  readonly static: { readonly fcpMs: number[]; readonly lcpMs: number[] };
}

export interface FirstPaintFigures {
  /** The benchmark index of the probe run, and the slowdown it gives. */
  readonly probeIndex: number;
  readonly slowdown: number;
  readonly judged: readonly JudgedFigures[];
  readonly applied: AppliedFigures;
  readonly appliedPath: string;
}

const metric = (lhr: LighthouseResult, id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;

export async function measureFirstPaint(
  origin: string,
  routes: readonly Route[],
): Promise<FirstPaintFigures> {
  const stepHtml = await (await fetch(`${origin}${FIRST_PAINT.appliedRoute}`)).text();
  const staticOrigin = await serveStatic(staticRendering(stepHtml));
  const runner = await lighthouseRunner();

  // The host's index, from one run at the defaults, sets the slowdown for the whole series.
  const probe = await runner.run(`${origin}/`, 'mobile', reportFile(`${origin}/`, 'probe', 1), {
    cpuSlowdown: 4,
  });
  const probeIndex = probe.environment.benchmarkIndex;
  const slowdown = calibratedSlowdown(probeIndex);
  console.log(
    `bench: first paint: CPU index ${probeIndex.toFixed(0)} → slowdown ${slowdown}×; ` +
      `${FIRST_PAINT.runs} interleaved rounds …`,
  );

  const targets: Target[] = [
    ...routes.map((r) => ({ label: r.path, url: `${origin}${r.path}` })),
    { label: 'bare page (static HTML)', url: `${staticOrigin}/bare` },
  ];
  const series = (slow: number): Map<string, LighthouseResult[]> =>
    new Map(targets.map((t) => [`${t.url} ${slow}`, []]));
  const calibratedRuns = series(slowdown);
  const defaultRuns = series(4);
  const label = (slow: number) => (slow === 4 ? 'mobile-4x' : 'mobile-calibrated');
  for (let round = 1; round <= FIRST_PAINT.runs; round += 1) {
    for (const target of targets) {
      for (const [slow, runs] of [
        [slowdown, calibratedRuns],
        [4, defaultRuns],
      ] as const) {
        const options: RunOptions = { cpuSlowdown: slow };
        const lhr = await runner.run(
          target.url,
          'mobile',
          reportFile(target.url, label(slow), round),
          options,
        );
        runs.get(`${target.url} ${slow}`)?.push(lhr);
      }
    }
    console.log(`  round ${round} of ${FIRST_PAINT.runs} done`);
  }
  const judged = targets.map((target) => ({
    label: target.label,
    path: new URL(target.url).pathname,
    calibrated: summarise(
      calibratedRuns.get(`${target.url} ${slowdown}`) ?? [],
      target.url,
      label(slowdown),
    ),
    default4x: summarise(defaultRuns.get(`${target.url} 4`) ?? [], target.url, label(4)),
  }));

  // Applied throttling: our step and its static rendering, interleaved.
  console.log(`bench: applied slow-4G throttling, ${FIRST_PAINT.runs} rounds …`);
  const applied: AppliedFigures = {
    ours: { fcpMs: [], lcpMs: [] },
    static: { fcpMs: [], lcpMs: [] },
  };
  for (let round = 1; round <= FIRST_PAINT.runs; round += 1) {
    for (const [which, url] of [
      ['ours', `${origin}${FIRST_PAINT.appliedRoute}`],
      ['static', `${staticOrigin}/step`],
    ] as const) {
      const lhr = await runner.run(url, 'mobile', reportFile(url, 'applied', round), {
        throttlingMethod: 'devtools',
      });
      applied[which].fcpMs.push(metric(lhr, 'first-contentful-paint'));
      applied[which].lcpMs.push(metric(lhr, 'largest-contentful-paint'));
    }
  }
  await runner.close();
  return { probeIndex, slowdown, judged, applied, appliedPath: FIRST_PAINT.appliedRoute };
}

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);

export function judgedTable(figures: FirstPaintFigures): Table {
  return {
    title: 'Lighthouse mobile performance at the calibrated CPU slowdown (judged)',
    note:
      `The CPU slowdown that keeps Lighthouse's emulated phone the same on any host: 4 × benchmark ` +
      `index / 1,750, clamped to 1–8 (issue 21; Lighthouse's throttling guide, "Calibrating the ` +
      `CPU slowdown"). This host's index in the probe run was ${figures.probeIndex.toFixed(0)}, so ` +
      `${figures.slowdown}×. ${FIRST_PAINT.runs} rounds, every target at the calibrated slowdown ` +
      'and at the default 4× in each round, interleaved; scores and LCP are those of the median ' +
      'run. Budgets: performance ≥ 95 at the calibrated slowdown, simulated Largest Contentful ' +
      'Paint ≤ 1.5 s; the 4× figures and the bare page are for information.',
    head: [
      'Route',
      'Slowdown',
      'Performance',
      'Runs',
      'Simulated LCP',
      'CPU index',
      'At 4×',
      'Runs at 4×',
      'LCP at 4×',
    ],
    rows: figures.judged.map(({ label, path, calibrated, default4x }) => {
      const bare = label.startsWith('bare');
      const score = calibrated.scores.performance;
      const scoreCell = bare
        ? `${score ?? '—'} (no budget)`
        : `${score ?? '—'} (≥ ${BUDGET.performance}) ${check(
            `Lighthouse mobile performance at ${figures.slowdown}× on ${path}: ${score ?? '—'}`,
            score !== null && score >= BUDGET.performance,
          )}`;
      const lcpCell = bare
        ? seconds(calibrated.lcpMs)
        : `${seconds(calibrated.lcpMs)} (≤ 1.5 s) ${check(
            `simulated LCP at ${figures.slowdown}× on ${path}: ${seconds(calibrated.lcpMs)}`,
            calibrated.lcpMs !== null && calibrated.lcpMs <= BUDGET.simulatedLcpMs,
          )}`;
      return [
        label,
        `${figures.slowdown}×`,
        scoreCell,
        runsCell(calibrated),
        lcpCell,
        calibrated.benchmarkIndex.toFixed(0),
        `${default4x.scores.performance ?? '—'}`,
        runsCell(default4x),
        seconds(default4x.lcpMs),
      ];
    }),
  };
}

export function appliedTable(figures: FirstPaintFigures): Table {
  const { ours, static: plain } = figures.applied;
  const row = (name: string, f: { fcpMs: number[]; lcpMs: number[] }) => [
    name,
    `${median(f.fcpMs).toFixed(0)} ms`,
    `${median(f.lcpMs).toFixed(0)} ms`,
    f.lcpMs.map((v) => v.toFixed(0)).join(', '),
  ];
  const ratio = median(ours.lcpMs) / median(plain.lcpMs);
  const fcpRatio = median(ours.fcpMs) / median(plain.fcpMs);
  const verdict = check(
    `time to readable text under applied throttling on ${figures.appliedPath}: ${ratio.toFixed(2)} × static HTML`,
    Number.isFinite(ratio) && ratio <= BUDGET.appliedTextRatio,
  );
  return {
    title: 'Time to readable text under applied slow-4G throttling (judged)',
    note:
      `Lighthouse mobile with \`--throttling-method=devtools\` (slow 4G and 4× CPU applied while ` +
      `the page loads), ${FIRST_PAINT.runs} interleaved runs each: the step ${figures.appliedPath} ` +
      'as served, and the same step as one static HTML page the bench makes from it (our HTML ' +
      'with its scripts removed: the same words and styles). Medians; the text is readable at the ' +
      'largest contentful paint. Budget: ours ≤ 1.15 × the static page.',
    head: ['Page', 'First contentful paint', 'Largest contentful paint', 'LCP per run (ms)'],
    rows: [
      row(`ours (${figures.appliedPath})`, ours),
      row('static HTML of the same step', plain),
      [
        'ratio, ours ÷ static',
        `${fcpRatio.toFixed(2)}`,
        `${ratio.toFixed(2)} (≤ ${BUDGET.appliedTextRatio}) ${verdict}`,
        '',
      ],
    ],
  };
}
