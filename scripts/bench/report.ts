/**
 * The report: budgeted figures and their verdicts (the checks list is kept here), tables for the
 * console and for Markdown, the machine the bench ran on, and the output: the tables and a summary
 * printed, BENCHMARKS.md (formatted as the repository's Prettier check expects) and
 * bench-results/bench.json written.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { CHROMIUM } from '../lib/chromium';
import { median } from './format';
import type { FirstPaintFigures } from './first-paint';
import type { LighthouseFigures } from './lighthouse';
import type { LoadFigures } from './load';
import type { PipelineFigures } from './pipeline';
import type { ResultsFigures } from './results';
import type { RoomFigures } from './rooms';
import type { ScaleFigures } from './scale';
import { REPORT_FILE, RESULTS_DIR, ROOT, type Route } from './settings';
import type { Transfer } from './transfer';

type Verdict = 'pass' | 'short';
interface Check {
  readonly what: string;
  readonly verdict: Verdict;
}
const checks: Check[] = [];

/** Records a budgeted figure and returns its verdict. */
export function check(what: string, ok: boolean): Verdict {
  const verdict: Verdict = ok ? 'pass' : 'short';
  checks.push({ what, verdict });
  return verdict;
}

export interface Table {
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

export const loadAverage = () =>
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

/** What the report is written from. */
export interface ReportInput {
  readonly tables: readonly Table[];
  /** `performance.now()` when the run began. */
  readonly began: number;
  /** The load average when the run began (loadAverage()). */
  readonly loadBefore: string;
  /** How long the build took; undefined with --no-build. */
  readonly buildSeconds: number | undefined;
  /** Set when one section ran alone (`--only`): the report says so. */
  readonly only?: 'rooms' | 'results' | 'scale' | 'lighthouse';
  // The figures below are absent when their section did not run.
  /** Routes that did not answer 200, with the status they gave. */
  readonly missing?: readonly string[];
  readonly browserVersion?: string;
  readonly pipeline?: readonly PipelineFigures[];
  readonly transfers?: ReadonlyMap<Route, Transfer>;
  readonly audits?: ReadonlyMap<string, LighthouseFigures>;
  readonly load?: LoadFigures;
  readonly rooms?: RoomFigures;
  readonly results?: ResultsFigures;
  readonly scale?: ScaleFigures;
  readonly firstPaint?: FirstPaintFigures;
}

/**
 * Prints the tables and a summary; writes BENCHMARKS.md (for a run of one section,
 * bench-results/BENCHMARKS.<section>.md) and bench-results/bench.json.
 */
export async function writeReport({
  tables,
  began,
  loadBefore,
  buildSeconds,
  only,
  missing = [],
  browserVersion = '',
  pipeline = [],
  transfers = new Map(),
  audits = new Map(),
  load,
  rooms,
  results,
  scale,
  firstPaint,
}: ReportInput): Promise<void> {
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
    `Written by \`npm run bench\` (\`scripts/bench/\`); do not edit by hand. Production build (\`npm run build\`) served by \`next start\` on 127.0.0.1${buildSeconds === undefined ? '' : `; the build took ${buildSeconds.toFixed(1)} s`}; the whole run took ${elapsed.toFixed(0)} s.`,
    '',
    ...(only
      ? [`This run measured the ${only} section only (\`npm run bench -- --only ${only}\`).`, '']
      : []),
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
  // A run of one section leaves the whole run's BENCHMARKS.md as it is and writes its own report
  // beside the raw ones. Formatted as the repository's Prettier check expects, so the gate passes
  // with it committed.
  const reportFile = only ? path.join(RESULTS_DIR, `BENCHMARKS.${only}.md`) : REPORT_FILE;
  const prettierOptions = (await prettier.resolveConfig(REPORT_FILE)) ?? {};
  fs.writeFileSync(
    reportFile,
    await prettier.format(markdown, { ...prettierOptions, filepath: reportFile }),
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
        rooms,
        results,
        scale,
        firstPaint,
        checks,
      },
      null,
      2,
    ),
  );
  console.log(`bench: wrote ${path.relative(ROOT, reportFile)} and bench-results/`);
}
