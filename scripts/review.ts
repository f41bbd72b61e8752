/**
 * npm run review -- <id> [--content DIR] [--out FILE]
 * Prints the placement review of a scenario (content/lib/review.ts): every path, every
 * consequence with its tie and kind, as Markdown a second reader can sign off. Exits 2 for a bad
 * command line or unknown id, 1 if the scenario does not validate.
 */
import fs from 'node:fs';
import { placementReview } from '../content/lib/review';
import { listSteps } from '../machines/paths';
import { buildScenarioMachine } from '../machines/scenario-machine';
import { contentDirsFrom, fail, loadScenarioOrExit, readArgs } from './lib/cli';

const USAGE = 'usage: npm run review -- <scenario-id> [--content DIR] [--out FILE]';
const args = readArgs(USAGE, { out: { type: 'string' } } as const);
const [id, ...extra] = args.positionals;
if (id === undefined || extra.length > 0) fail(USAGE, 2);
const scenario = loadScenarioOrExit(contentDirsFrom(args.values.content), id);
const markdown = placementReview(scenario, listSteps(scenario, buildScenarioMachine(scenario)));
if (args.values.out) {
  fs.writeFileSync(args.values.out, markdown);
  console.log(`wrote ${args.values.out}`);
} else {
  process.stdout.write(markdown);
}
