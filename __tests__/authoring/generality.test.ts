/**
 * The engine knows no scenario: names from the real content may appear only in the content
 * itself (content/scenarios, content/sources), docs, tests and README/ARCHITECTURE.
 */
import fs from 'node:fs';
import path from 'node:path';

const SCENARIO_WORDS = /kabul|taliban|pakistan|afghan/i;
const SKIP = new Set(['node_modules', '.next']);

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

const engineFiles = [
  ...['app', 'machines', 'content/lib', 'scripts'].flatMap(filesUnder),
  ...fs
    .readdirSync('content', { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join('content', e.name)),
];

describe('generality', () => {
  it('looks at the engine: machines, content/lib, content/*.ts and scripts exist', () => {
    for (const must of [
      'machines/scenario-machine.ts',
      'content/parse.ts',
      'content/lib/source-text.ts',
      'scripts/validate.ts',
    ]) {
      expect(engineFiles).toContain(must);
    }
  });

  it('names no scenario, actor or place of the real content outside the content', () => {
    const mentions = engineFiles.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          SCENARIO_WORDS.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(mentions).toEqual([]);
  });
});
