#!/usr/bin/env node
/**
 * npm run audit: fails on any high or critical advisory for production dependencies.
 * If the registry's advisory service cannot be reached (some networks only mirror package
 * downloads), it says so plainly and exits 0: an unreachable service is not a finding.
 */
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`npm audit: unreadable output\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}

if (report.statusCode !== undefined || (report.error && !report.metadata)) {
  const why = report.message ?? report.error?.summary ?? 'unknown error';
  console.log(`npm audit: advisory service unavailable (${why}); nothing was checked.`);
  process.exit(0);
}

const counts = report.metadata?.vulnerabilities ?? {};
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `npm audit (production dependencies): ${Object.entries(counts)
    .map(([level, n]) => `${level} ${n}`)
    .join(', ')}`,
);
if (serious > 0) {
  spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high'], { stdio: 'inherit' });
  process.exit(1);
}
