/**
 * npm run bench [-- --no-build]
 *
 * Builds the production site into its own directory (.next-bench), serves it on a free port of
 * 127.0.0.1 and measures, against the budgets in settings.ts:
 *   - what a first visit transfers (JavaScript and in all), in Chromium, compressed as served;
 *   - Lighthouse scores, mobile and desktop, for each route; and, for information only, mobile
 *     performance at the CPU slowdown Lighthouse's throttling guide gives for this host;
 *   - the content pipeline (parse and validate, build the machine, list every step), in process;
 *   - throughput and errors under load (autocannon) on a decision step.
 * Prints a table and writes the same to BENCHMARKS.md; raw reports go to bench-results/.
 * It is a benchmark, not a test: it exits 0 when figures are short of budget, and non-zero only
 * when it could not measure (build failed, server did not answer).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { calibratedTable, lighthouseTable, lostTable, runLighthouseAudits } from './lighthouse';
import { loadTable, measureLoad } from './load';
import { measurePipeline, pipelineTable } from './pipeline';
import { build, cleanup, serve } from './process';
import { check, loadAverage, writeReport } from './report';
import { DIST_DIR, LOAD_ROUTE, RESULTS_DIR, ROOT, ROUTES, type Route } from './settings';
import {
  breakdownTable,
  issuesTable,
  measureFirstVisits,
  scriptsTable,
  transferTable,
} from './transfer';

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
  const { transfers, browserVersion } = await measureFirstVisits(origin, routes);

  // Lighthouse.
  const lighthouse = await runLighthouseAudits(origin, routes);

  // Load.
  const load = await measureLoad(`${origin}${LOAD_ROUTE}`);

  // Tables (budgeted figures are checked as they are built, in this order), then the report.
  const tables = [
    lighthouseTable(routes, lighthouse.audits),
    calibratedTable(routes, lighthouse),
    transferTable(routes, transfers),
    breakdownTable(routes, transfers),
    await scriptsTable(origin, routes, transfers),
    loadTable(load),
    pipelineTable(pipeline),
    lostTable(routes, lighthouse.audits),
    issuesTable(routes, transfers),
  ];
  await writeReport({
    tables,
    began,
    loadBefore,
    buildSeconds,
    missing,
    browserVersion,
    pipeline,
    transfers,
    audits: lighthouse.audits,
    load,
  });
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
