/**
 * npm run bench [-- [--no-build] [--only rooms|results|scale|lighthouse]]
 *
 * Builds the production site into its own directory (.next-bench), serves it on a free port of
 * 127.0.0.1 and measures, against the budgets in settings.ts:
 *   - what a first visit transfers (JavaScript and in all), in Chromium, compressed as served;
 *   - Lighthouse scores, mobile and desktop, for each route at Lighthouse's defaults; mobile
 *     performance judged at the CPU slowdown calibrated to this host, with the simulated LCP, and
 *     a step's time to readable text under applied throttling against the same step as static
 *     HTML (first-paint.ts);
 *   - the content pipeline (parse and validate, build the machine, list every step), in process;
 *   - throughput and errors under load (autocannon) on a decision step;
 *   - the live rooms, on a server of their own (rooms.ts): 300 participants voting in one room,
 *     1,000 participants' streams held open across 20 rooms, and kill -9 of the server mid-burst;
 *   - the class's results of a self-paced room with 2,000 runs (results.ts): the page's and the
 *     CSV's time and size, and the store's size per run.
 *   - beyond one machine (scale.ts): the rooms' loads on SQLite, on PostgreSQL and on two instances
 *     behind nginx, one instance killed and PostgreSQL restarted mid-vote (needs PostgreSQL).
 * `--only rooms`, `--only results`, `--only scale` or `--only lighthouse` (the first-paint tables)
 * measures that section alone (with a fresh build unless --no-build) and writes its tables to
 * bench-results/BENCHMARKS.<section>.md, leaving the whole run's BENCHMARKS.md as it is.
 * Prints a table and writes the same to BENCHMARKS.md; raw reports go to bench-results/.
 * It is a benchmark, not a test: it exits 0 when figures are short of budget, and non-zero only
 * when it could not measure (build failed, server did not answer).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appliedTable, judgedTable, measureFirstPaint } from './first-paint';
import { lighthouseTable, lostTable, runLighthouseAudits } from './lighthouse';
import { loadTable, measureLoad } from './load';
import { measurePipeline, pipelineTable } from './pipeline';
import { build, cleanup, serve } from './process';
import { check, loadAverage, writeReport, type Table } from './report';
import { measureResults, resultsTable } from './results';
import { measureRooms, roomTables } from './rooms';
import { measureScale, scaleTables } from './scale';
import { DIST_DIR, LOAD_ROUTE, RESULTS_DIR, ROOT, ROUTES, type Route } from './settings';
import {
  breakdownTable,
  issuesTable,
  measureFirstVisits,
  scriptsTable,
  transferTable,
} from './transfer';

async function main() {
  const { values } = parseArgs({
    options: {
      'no-build': { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  });
  const only = values.only;
  if (
    only !== undefined &&
    only !== 'rooms' &&
    only !== 'results' &&
    only !== 'scale' &&
    only !== 'lighthouse'
  ) {
    throw new Error(
      `--only: the sections that run alone are "rooms", "results", "scale" and "lighthouse"; got "${only}"`,
    );
  }
  const began = performance.now();
  const loadBefore = loadAverage();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });

  if (only === 'rooms') {
    const buildSeconds = await buildUnless(values['no-build']);
    const rooms = await measureRooms();
    await writeReport({
      tables: roomTables(rooms),
      began,
      loadBefore,
      buildSeconds,
      only,
      rooms,
    });
    return;
  }
  if (only === 'scale') {
    const buildSeconds = await buildUnless(values['no-build']);
    const scale = await measureScale();
    const tables = scaleTables(scale);
    await writeReport({ tables, began, loadBefore, buildSeconds, only, scale });
    return;
  }
  if (only === 'results') {
    const buildSeconds = await buildUnless(values['no-build']);
    const results = await measureResults();
    await writeReport({
      tables: [resultsTable(results)],
      began,
      loadBefore,
      buildSeconds,
      only,
      results,
    });
    return;
  }

  if (only === 'lighthouse') {
    const buildSeconds = await buildUnless(values['no-build']);
    const origin = await serve();
    const firstPaint = await measureFirstPaint(origin, ROUTES);
    await writeReport({
      tables: [judgedTable(firstPaint), appliedTable(firstPaint)],
      began,
      loadBefore,
      buildSeconds,
      only,
      firstPaint,
    });
    return;
  }

  const pipeline = measurePipeline();
  const buildSeconds = await buildUnless(values['no-build']);
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

  // Lighthouse: the judged first-paint series, then every category at the defaults.
  const firstPaint = await measureFirstPaint(origin, routes);
  const audits = await runLighthouseAudits(origin, routes);

  // Load.
  const load = await measureLoad(`${origin}${LOAD_ROUTE}`);

  // Live rooms and the class's results (servers of their own).
  const rooms = await measureRooms();
  const results = await measureResults();
  const scale = await measureScale();

  // Tables (budgeted figures are checked as they are built, in this order), then the report.
  const tables: Table[] = [
    judgedTable(firstPaint),
    appliedTable(firstPaint),
    lighthouseTable(routes, audits),
    transferTable(routes, transfers),
    breakdownTable(routes, transfers),
    await scriptsTable(origin, routes, transfers),
    loadTable(load),
    ...roomTables(rooms),
    resultsTable(results),
    ...scaleTables(scale),
    pipelineTable(pipeline),
    lostTable(routes, audits),
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
    audits,
    firstPaint,
    load,
    rooms,
    results,
    scale,
  });
}

/** Builds into DIST_DIR (returning the seconds it took), or checks there is a build to serve. */
async function buildUnless(noBuild: boolean | undefined): Promise<number | undefined> {
  if (noBuild) {
    if (!fs.existsSync(path.join(ROOT, DIST_DIR, 'BUILD_ID'))) {
      throw new Error(`--no-build: no build in ${DIST_DIR}/; run without --no-build first`);
    }
    return undefined;
  }
  const seconds = await build();
  console.log(`bench: built in ${seconds.toFixed(1)} s`);
  return seconds;
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
