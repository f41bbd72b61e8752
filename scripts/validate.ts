/**
 * npm run validate [-- --content DIR]
 * Checks every scenario under content/scenarios/ against its source; prints each problem as
 * `file: path.to.field: message` and exits non-zero if there is any.
 */
import path from 'node:path';
import { contentDirs, loadScenarioFolder, readSources, scenarioIds } from '../content/load';
import { formatIssue } from '../content/parse';
import { buildScenarioMachine } from '../machines/scenario-machine';
import { listSteps } from '../machines/paths';

const flag = process.argv.indexOf('--content');
const dirs = contentDirs(flag >= 0 ? path.resolve(process.argv[flag + 1] ?? '') : undefined);
const sources = readSources(dirs.sources);
let failed = 0;

for (const id of scenarioIds(dirs)) {
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

if (failed > 0) {
  console.error(`\n${failed} scenario${failed > 1 ? 's' : ''} failed validation.`);
  process.exit(1);
}
