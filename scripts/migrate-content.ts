/**
 * npm run migrate-content -- <id> [--content DIR]
 * Rewrites a scenario file in the current format (content/migrate.ts), then validates it and
 * lists what the author still has to supply: a migration never invents a tie. Exits 0 when the
 * migrated file validates, 1 when it still needs work, 2 for a bad command line or file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadScenarioFolder, readSources, scenarioIds } from '../content/load';
import { migrateScenario } from '../content/migrate';
import { formatIssue } from '../content/parse';
import * as prettier from 'prettier';
import { contentDirsFrom, fail, readArgs } from './lib/cli';

const USAGE = 'usage: npm run migrate-content -- <id> [--content DIR]';
const args = readArgs(USAGE, {});
const [given, ...extra] = args.positionals;
if (!given || extra.length > 0) fail(USAGE, 2);
const id: string = given;
const dirs = contentDirsFrom(args.values.content);
if (!scenarioIds(dirs).includes(id)) fail(`no scenario "${id}" in ${dirs.scenarios}`, 2);

const file = path.join(dirs.scenarios, id, 'scenario.json');
const shown = path.relative(process.cwd(), file) || file;
let raw: unknown;
try {
  raw = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  fail(`${shown}: cannot be read as JSON: ${error instanceof Error ? error.message : error}`, 2);
}
const migration = migrateScenario(raw);
if ('error' in migration) fail(`${shown}: ${migration.error}`, 2);

async function main(data: Record<string, unknown>, changes: readonly string[], from: number) {
  if (data === raw) {
    console.log(`${shown}: already in the current format`);
  } else {
    const json = await prettier.format(JSON.stringify(data), {
      ...(await prettier.resolveConfig(file)),
      filepath: file,
    });
    fs.writeFileSync(file, json);
    console.log(`${shown}: migrated from format ${from}`);
    for (const change of changes) console.log(`  ${change}`);
  }
  report();
}

function report() {
  const result = loadScenarioFolder(dirs, id, readSources(dirs.sources));
  if (result.ok) {
    console.log(`ok ${id}`);
  } else {
    console.error(`\nStill to do (docs/authoring.md, "Where does this claim go?"):`);
    for (const issue of result.issues) console.error(formatIssue(issue));
    process.exit(1);
  }
}

void main(migration.data, migration.changes, migration.from);
