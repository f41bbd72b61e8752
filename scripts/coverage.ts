/**
 * npm run coverage -- <id> [--content DIR]
 * Prints every sentence of a scenario's source with the claims that cite it and where each claim
 * is used, then the sentences no claim cites. Exits 2 for a bad command line or unknown id, 1 if
 * the scenario does not validate.
 */
import { contentDirsFrom, fail, loadScenarioOrExit, readArgs } from './lib/cli';
import { formatClaimUse, sentenceCoverage, type SentenceCoverage } from '../content/lib/coverage';

const USAGE = 'usage: npm run coverage -- <scenario-id> [--content DIR]';
const PREVIEW = 60;

function preview(text: string): string {
  const chars = [...text];
  return chars.length > PREVIEW ? `${chars.slice(0, PREVIEW).join('')}…` : text;
}

function line(s: SentenceCoverage, anchorWidth: number): string {
  const citers =
    s.citedBy.length === 0
      ? '(uncited)'
      : s.citedBy
          .map((c) => {
            const users = [...new Set(c.usedBy.map(formatClaimUse))];
            return `${c.claimId} (${users.join(', ') || 'unused'})`;
          })
          .join(', ');
  return `${s.anchor.padEnd(anchorWidth)}  ${preview(s.text).padEnd(PREVIEW + 1)}  ← ${citers}`;
}

const args = readArgs(USAGE, {} as const);
const [id, ...extra] = args.positionals;
if (id === undefined || extra.length > 0) fail(USAGE, 2);
const scenario = loadScenarioOrExit(contentDirsFrom(args.values.content), id);

const coverage = sentenceCoverage(scenario);
const width = Math.max(...coverage.map((s) => s.anchor.length));
console.log(`${id}: ${scenario.source.file}, ${coverage.length} sentences\n`);
for (const s of coverage) console.log(line(s, width));

const uncited = coverage.filter((s) => s.citedBy.length === 0);
console.log('');
if (uncited.length === 0) {
  console.log('every sentence is cited');
} else {
  console.log(`${uncited.length} uncited sentence${uncited.length > 1 ? 's' : ''}:`);
  for (const s of uncited) console.log(`  ${s.anchor}  ${s.text}`);
}
