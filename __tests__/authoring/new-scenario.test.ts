import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { formatIssue, parseScenario } from '@/content/parse';
import type { ScenarioInput } from '@/content/schema';
import { RIVER_TOWN_FILE } from '../fixtures/river-town';
import { removeTempDirs, runScript, tempDir, type ScriptRun } from './run-script';

const FIXTURE_SOURCE = path.join('__tests__/fixtures', RIVER_TOWN_FILE);

afterAll(removeTempDirs);

/** Runs new-scenario into a fresh content folder; returns the folder and the run. */
function create(id: string, sourcePath: string = FIXTURE_SOURCE) {
  const dir = tempDir();
  return { dir, run: runScript('new-scenario', [id, sourcePath, '--content', dir]) };
}

/** Every empty string in the skeleton, replaced with words (what the author fills in). */
function fillIn(value: unknown): unknown {
  if (value === '') return 'Filled in.';
  if (Array.isArray(value)) return value.map(fillIn);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillIn(v)]));
  }
  return value;
}

describe('npm run new-scenario', () => {
  let dir = '';
  let run: ScriptRun;
  let folder = '';
  beforeAll(() => {
    ({ dir, run } = create('river-crossing'));
    folder = path.join(dir, 'scenarios', 'river-crossing');
  }, 30_000);
  const skeleton = (): ScenarioInput =>
    JSON.parse(fs.readFileSync(path.join(folder, 'scenario.json'), 'utf8'));

  it('succeeds and prints the files and the next steps', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'river-crossing.txt  (the source, byte for byte: 3 paragraphs, 5 sentences)',
    );
    expect(run.stdout).toContain('Next steps:');
    expect(run.stdout).toContain(`npm run validate -- --content ${dir}`);
    expect(run.stdout).toContain(`npm run coverage -- river-crossing --content ${dir}`);
  });

  it('copies the source byte for byte under the scenario id', () => {
    const copied = fs.readFileSync(path.join(dir, 'sources', 'river-crossing.txt'));
    expect(copied.equals(fs.readFileSync(FIXTURE_SOURCE))).toBe(true);
  });

  it('writes a skeleton: format version, id, empty text, a briefing, one decision, two outcomes, no claims', () => {
    const s = skeleton();
    expect(s).toMatchObject({
      formatVersion: 2,
      id: 'river-crossing',
      title: '',
      summary: '',
      source: { file: 'river-crossing.txt', title: '', voice: '', attribution: '' },
      start: 'briefing',
      claims: {},
    });
    expect(Object.entries(s.nodes).map(([id, n]) => [id, n.kind])).toEqual([
      ['briefing', 'briefing'],
      ['first-decision', 'decision'],
      ['outcome-a', 'outcome'],
      ['outcome-b', 'outcome'],
    ]);
    const decision = s.nodes['first-decision'];
    expect(decision?.kind === 'decision' && decision.options.map((o) => o.next)).toEqual([
      'outcome-a',
      'outcome-b',
    ]);
  });

  it('lists every paragraph and sentence with its anchor and numbers in SENTENCES.md', () => {
    const md = fs.readFileSync(path.join(folder, 'SENTENCES.md'), 'utf8');
    expect(md).toContain('# Sentences of river-crossing.txt');
    expect(md).toContain(
      [
        '## Paragraph 2 (`p2`)',
        '',
        '```text',
        'p2-s1  sentence 1  If the bridge is repaired, the market stays open through the winter.',
        'p2-s2  sentence 2  A new bridge would take two years to build.',
        '```',
      ].join('\n'),
    );
    expect(md.match(/^p\d+-s\d+ {2}sentence \d+ {2}/gm)).toHaveLength(5);
  });

  it('writes files the format check (prettier) accepts as they are, for any source', () => {
    const kabul = create('kabul-copy', 'content/sources/pakistan-on-afghanistan.txt');
    expect(kabul.run.code).toBe(0);
    const files = [folder, path.join(kabul.dir, 'scenarios', 'kabul-copy')].flatMap((f) =>
      ['scenario.json', 'SENTENCES.md'].map((name) => path.join(f, name)),
    );
    const check = spawnSync(
      process.execPath,
      [
        'node_modules/prettier/bin/prettier.cjs',
        '--config',
        '.prettierrc.json',
        '--check',
        ...files,
      ],
      { encoding: 'utf8' },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 30_000);

  it('writes a skeleton that fails validation naming file and field', () => {
    const result = parseScenario(skeleton(), {
      file: 'scenario.json',
      sources: { 'river-crossing.txt': fs.readFileSync(FIXTURE_SOURCE, 'utf8') },
      expectedId: 'river-crossing',
    });
    const lines = result.ok ? [] : result.issues.map(formatIssue);
    expect(lines.slice(0, 3)).toEqual([
      'scenario.json: title: must not be empty',
      'scenario.json: summary: must not be empty',
      'scenario.json: source.title: must not be empty',
    ]);
    expect(lines).toContain(
      'scenario.json: actors.decider.claims: needs at least one claim from the text',
    );
    expect(lines).toContain(
      'scenario.json: nodes.briefing.context: needs at least one claim that sets the scene',
    );
    expect(lines).toContain(
      'scenario.json: nodes.first-decision.options.1.label: must not be empty',
    );
  });

  /** The skeleton with its text filled in and one claim, cited and used by the actor. */
  const withOneClaim = (): ScenarioInput => {
    const filled = fillIn(skeleton()) as ScenarioInput;
    filled.claims = {
      'one-bridge': {
        label: 'One bridge',
        kind: 'descriptive',
        kindReason: 'States a fact.',
        citations: [{ paragraph: 1, sentence: 1, quote: 'The river town has one old bridge.' }],
      },
    };
    filled.actors.decider!.claims = ['one-bridge'];
    return filled;
  };

  it('tells the author, once the text is filled in, that each option needs consequences or a silence', () => {
    const filled = withOneClaim();
    for (const node of Object.values(filled.nodes)) {
      if (node.kind === 'briefing') node.context = ['one-bridge'];
      if (node.kind === 'outcome') node.silences = [{ about: 'x', parts: ['one-bridge'] }];
    }
    const result = parseScenario(filled, {
      file: 'scenario.json',
      sources: { 'river-crossing.txt': fs.readFileSync(FIXTURE_SOURCE, 'utf8') },
      expectedId: 'river-crossing',
    });
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'scenario.json: nodes.first-decision.options.0: says nothing of what follows: give its consequences, or a silence saying the text assigns it none',
      'scenario.json: nodes.first-decision.options.1: says nothing of what follows: give its consequences, or a silence saying the text assigns it none',
    ]);
  });

  it('is rejected by npm run validate, which names the file', () => {
    const validate = runScript('validate', ['--content', dir]);
    expect(validate.code).toBe(1);
    const first = validate.stderr.split('\n')[0];
    expect(first).toMatch(/scenarios\/river-crossing\/scenario\.json: title: must not be empty$/);
    expect(validate.stderr).toContain('1 scenario failed validation.');
  }, 30_000);

  it('validates once the author fills in the text and cites a sentence', () => {
    const filled = withOneClaim();
    for (const node of Object.values(filled.nodes)) {
      if (node.kind === 'briefing') node.context = ['one-bridge'];
      if (node.kind === 'decision') {
        for (const option of node.options) {
          option.silence = { about: 'what follows from this choice', parts: ['one-bridge'] };
        }
      }
      if (node.kind === 'outcome') {
        node.consequences = [
          { claim: 'one-bridge', tie: { kind: 'inferred', reading: 'Our reading.' } },
        ];
      }
    }
    const result = parseScenario(filled, {
      file: 'scenario.json',
      sources: { 'river-crossing.txt': fs.readFileSync(FIXTURE_SOURCE, 'utf8') },
      expectedId: 'river-crossing',
    });
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
  });
});

describe('npm run new-scenario refuses', () => {
  it('an id that is not kebab-case', () => {
    const { dir, run } = create('River_Crossing');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'scenario id "River_Crossing" must be kebab-case: a-z, 0-9 and single hyphens',
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('an id that already exists, and leaves its files alone', () => {
    const { dir } = create('river-crossing');
    const file = path.join(dir, 'scenarios', 'river-crossing', 'scenario.json');
    fs.writeFileSync(file, '{"edited": true}\n');
    const again = runScript('new-scenario', ['river-crossing', FIXTURE_SOURCE, '--content', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/scenarios\/river-crossing already exists; choose another id/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"edited": true}\n');
  }, 30_000);

  it('to overwrite a source of the same name', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'sources'));
    fs.writeFileSync(path.join(dir, 'sources', 'river-crossing.txt'), 'Another text.\n');
    const run = runScript('new-scenario', ['river-crossing', FIXTURE_SOURCE, '--content', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/sources\/river-crossing\.txt already exists; choose another id/);
    expect(fs.readFileSync(path.join(dir, 'sources', 'river-crossing.txt'), 'utf8')).toBe(
      'Another text.\n',
    );
    expect(fs.existsSync(path.join(dir, 'scenarios'))).toBe(false);
  }, 30_000);

  it('a source it cannot read', () => {
    const { run } = create('river-crossing', 'no/such/file.txt');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read no/such/file.txt');
  }, 30_000);

  it('a missing argument, with usage', () => {
    const run = runScript('new-scenario', ['river-crossing']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'usage: npm run new-scenario -- <scenario-id> <source.txt> [--content DIR]',
    );
  }, 30_000);
});

describe('npm run new-scenario on a source with Windows line ends and typographic quotes', () => {
  it('keeps the bytes and numbers the sentences as the validator does', () => {
    const src = path.join(tempDir(), 'memo.txt');
    fs.writeFileSync(src, '“Tolls rise in May.” The ferry stops.\r\n\r\nThe quay is shut!\r\n');
    const { dir, run } = create('ferry-memo', src);
    expect(run.code).toBe(0);
    expect(
      fs.readFileSync(path.join(dir, 'sources', 'ferry-memo.txt')).equals(fs.readFileSync(src)),
    ).toBe(true);
    const md = fs.readFileSync(path.join(dir, 'scenarios', 'ferry-memo', 'SENTENCES.md'), 'utf8');
    expect(md.match(/^p\d+-s\d+ .*$/gm)).toEqual([
      'p1-s1  sentence 1  “Tolls rise in May.”',
      'p1-s2  sentence 2  The ferry stops.',
      'p2-s1  sentence 1  The quay is shut!',
    ]);
  }, 30_000);
});
