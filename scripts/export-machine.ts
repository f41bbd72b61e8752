/**
 * npm run export-machine -- <id> [--content DIR] [--code]
 * Prints the scenario machine's config (`machine.config`: the plain data createMachine was given)
 * as JSON: states with their `on` transitions and targets, guards and actions by name with their
 * params, and each state's meta and tags. Implementations stay in setup() and are not exported.
 * With --code the JSON is wrapped as `createMachine({...})`, the form Stately Studio's
 * "Import from code" accepts. Exits 2 for a bad command line or unknown id, 1 for invalid content.
 */
import { contentDirsFrom, fail, loadScenarioOrExit, readArgs } from './lib/cli';
import { buildScenarioMachine } from '../machines/scenario-machine';

const USAGE = 'usage: npm run export-machine -- <scenario-id> [--content DIR] [--code]';

/** JSON.stringify that refuses what JSON cannot carry, instead of silently dropping it. */
function toPlainJson(value: unknown): string {
  return JSON.stringify(
    value,
    function (key, v: unknown) {
      if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') {
        throw new Error(`"${key}" is a ${typeof v}, which plain JSON cannot carry`);
      }
      return v;
    },
    2,
  );
}

const args = readArgs(USAGE, { code: { type: 'boolean' } } as const);
const [id, ...extra] = args.positionals;
if (id === undefined || extra.length > 0) fail(USAGE, 2);
const scenario = loadScenarioOrExit(contentDirsFrom(args.values.content), id);

const json = toPlainJson(buildScenarioMachine(scenario).config);
console.log(args.values.code ? `createMachine(${json});` : json);
