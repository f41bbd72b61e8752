/**
 * npm run new-scenario -- <id> <source.txt> [--content DIR]
 * Starts a scenario: copies the source text byte for byte to content/sources/<id>.txt, writes a
 * skeleton content/scenarios/<id>/scenario.json and a SENTENCES.md that lists every sentence with
 * its paragraph, sentence number and anchor, for citing. Never overwrites anything.
 * The skeleton's text fields are empty on purpose: `npm run validate` lists what to fill in.
 * Exits 2 for a bad command line, an id that is taken or not kebab-case, or an unusable source.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { contentDirs } from '../content/load';
import { FORMAT_VERSION, idSchema, type ScenarioInput } from '../content/schema';
import { splitSource, type SourceDocument } from '../content/lib/source-text';

const USAGE = 'usage: npm run new-scenario -- <scenario-id> <source.txt> [--content DIR]';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const shown = (p: string) => path.relative(process.cwd(), p) || p;

/** The smallest complete shape: a briefing, one decision, two options, two outcomes, no claims. */
function skeleton(id: string, sourceFile: string): ScenarioInput {
  const option = (optionId: string, next: string) => ({
    id: optionId,
    label: '',
    description: '',
    consequences: [],
    next,
  });
  const outcome = {
    kind: 'outcome' as const,
    title: '',
    summary: '',
    consequences: [],
    silences: [],
    prompts: [],
  };
  return {
    formatVersion: FORMAT_VERSION,
    id,
    title: '',
    summary: '',
    source: { file: sourceFile, title: '', voice: '', attribution: '' },
    actors: { decider: { name: '', role: '', claims: [] } },
    start: 'briefing',
    nodes: {
      briefing: {
        kind: 'briefing',
        title: '',
        intro: '',
        context: [],
        next: 'first-decision',
        prompts: [],
      },
      'first-decision': {
        kind: 'decision',
        title: '',
        decider: 'decider',
        question: '',
        framing: [],
        context: [],
        options: [option('option-a', 'outcome-a'), option('option-b', 'outcome-b')],
        prompts: [],
      },
      'outcome-a': { ...outcome },
      'outcome-b': { ...outcome },
    },
    claims: {},
    prompts: [],
  };
}

/** A fence longer than any run of backticks in the text, so the sentences show verbatim. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

function sentencesMarkdown(id: string, doc: SourceDocument, raw: string): string {
  const fence = fenceFor(raw);
  const count = doc.paragraphs.reduce((n, p) => n + p.sentences.length, 0);
  const lines = [
    `# Sentences of ${doc.file}`,
    '',
    `The source of the scenario \`${id}\`, split the way the validator splits it:`,
    `${doc.paragraphs.length} paragraphs, ${count} sentences.`,
    'Cite a sentence in scenario.json as `{ "paragraph": P, "sentence": S, "quote": "…" }`:',
    'the quote is the whole sentence or a run of whole words from it, copied verbatim.',
    'The anchor (e.g. `p1-s1`) is where the source reader shows the sentence.',
    '',
    `Written by \`npm run new-scenario\` from content/sources/${doc.file}, which is never edited.`,
  ];
  for (const p of doc.paragraphs) {
    lines.push('', `## Paragraph ${p.number} (\`${p.id}\`)`, '', `${fence}text`);
    for (const s of p.sentences) lines.push(`${s.id}  sentence ${s.sentence}  ${s.text}`);
    lines.push(fence);
  }
  return `${lines.join('\n')}\n`;
}

function readArgs() {
  try {
    return parseArgs({ options: { content: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

const args = readArgs();
const [id, sourcePath, ...extra] = args.positionals;
if (id === undefined || sourcePath === undefined || extra.length > 0) fail(USAGE);

const validId = idSchema.safeParse(id);
if (!validId.success)
  fail(`scenario id "${id}" ${validId.error.issues[0]?.message ?? 'is invalid'}`);

const dirs = contentDirs(args.values.content ? path.resolve(args.values.content) : undefined);
const folder = path.join(dirs.scenarios, id);
const sourceFile = `${id}.txt`;
const sourceTarget = path.join(dirs.sources, sourceFile);
if (fs.existsSync(folder)) fail(`${shown(folder)} already exists; choose another id`);
if (fs.existsSync(sourceTarget)) fail(`${shown(sourceTarget)} already exists; choose another id`);

let bytes: Buffer;
try {
  bytes = fs.readFileSync(sourcePath);
} catch (error) {
  fail(`cannot read ${sourcePath}: ${error instanceof Error ? error.message : String(error)}`);
}
let text: string;
try {
  text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
} catch {
  fail(`${sourcePath} is not UTF-8 text`);
}
const doc = splitSource(sourceFile, text);
if (doc.paragraphs.length === 0) fail(`${sourcePath} has no text`);

fs.mkdirSync(dirs.sources, { recursive: true });
fs.mkdirSync(dirs.scenarios, { recursive: true });
fs.copyFileSync(sourcePath, sourceTarget, fs.constants.COPYFILE_EXCL);
fs.mkdirSync(folder);
const scenarioFile = path.join(folder, 'scenario.json');
const sentencesFile = path.join(folder, 'SENTENCES.md');
fs.writeFileSync(scenarioFile, `${JSON.stringify(skeleton(id, sourceFile), null, 2)}\n`, {
  flag: 'wx',
});
fs.writeFileSync(sentencesFile, sentencesMarkdown(id, doc, text), { flag: 'wx' });

const sentences = doc.paragraphs.reduce((n, p) => n + p.sentences.length, 0);
const formatDoc = ['docs/content-format.md', 'content/schema.ts'].filter((f) => fs.existsSync(f));
console.log(`Created:
  ${shown(sourceTarget)}  (the source, byte for byte: ${doc.paragraphs.length} paragraphs, ${sentences} sentences)
  ${shown(scenarioFile)}  (a skeleton that does not validate yet)
  ${shown(sentencesFile)}  (every sentence with its paragraph, sentence and anchor)

Next steps:
  1. In scenario.json, fill in every empty string: title, summary, and source title, voice and attribution.
  2. Add claims: for each thing the text says that the scenario uses, a label, a kind, a kindReason
     and citations { paragraph, sentence, quote } copied verbatim from SENTENCES.md.
  3. Name the actors (rename "decider") and list the claims in which the text speaks of each.
  4. Write the briefing, the decision and its options, and the outcomes; point context and framing
     at claim ids. Give each option its consequences as { "claim", "tie" } (the text's own tying
     words, or our reading), or a silence where the text assigns it nothing: docs/authoring.md,
     "Where does this claim go?". Add decisions and outcomes as the text frames them.
  5. npm run validate${args.values.content ? ` -- --content ${args.values.content}` : ''}   (it names file and field for everything still missing)
  6. npm run coverage -- ${id}${args.values.content ? ` --content ${args.values.content}` : ''}   (which sentences no claim cites yet)
${formatDoc.length > 0 ? `\nThe format is described in ${formatDoc.join(' and ')}.` : ''}`);
