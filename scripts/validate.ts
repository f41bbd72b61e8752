/**
 * npm run validate [-- --content DIR]
 * Checks every scenario under content/scenarios/ against its source; prints each problem as
 * `file: path.to.field: message` and exits 1 if there is any (2 for a bad command line).
 */
import { loadScenarioFolder, readSources, scenarioIds } from '../content/load';
import { formatIssue } from '../content/parse';
import { buildScenarioMachine } from '../machines/scenario-machine';
import { listSteps } from '../machines/paths';
import { contentDirsFrom, fail, readArgs } from './lib/cli';

const USAGE = 'usage: npm run validate [-- --content DIR]';
const args = readArgs(USAGE, {});
if (args.positionals.length > 0) fail(USAGE, 2);
const dirs = contentDirsFrom(args.values.content);
const sources = readSources(dirs.sources);
const ids = scenarioIds(dirs);
if (ids.length === 0) fail(`no scenarios in ${dirs.scenarios}`, 1);
let failed = 0;

for (const id of ids) {
  const result = loadScenarioFolder(dirs, id, sources);
  if (!result.ok) {
    failed += 1;
    for (const issue of result.issues) console.error(formatIssue(issue));
    continue;
  }
  const s = result.scenario;
  const steps = listSteps(s, buildScenarioMachine(s));
  const citations = Object.values(s.claims).reduce((n, c) => n + c.citations.length, 0);
  const outcomes = steps.filter((st) => s.nodes[st.nodeId]?.kind === 'outcome').length;
  console.log(
    `ok ${id}: ${Object.keys(s.nodes).length} nodes, ${steps.length} steps, ${outcomes} outcome paths, ` +
      `${Object.keys(s.claims).length} claims, ${citations} citations`,
  );
}

if (failed > 0) fail(`\n${failed} scenario${failed > 1 ? 's' : ''} failed validation.`, 1);
