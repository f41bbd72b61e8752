/**
 * The build step that marks the start-up scripts for eager compilation, run the way `next build`
 * runs it: through next.config.js's `compiler.runAfterProductionCompile`, on a build directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Config = {
  compiler: {
    runAfterProductionCompile: (metadata: { projectDir: string; distDir: string }) => Promise<void>;
  };
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../next.config.js') as Config;
const HINT = '//# allFunctionsCalledOnLoad\n';

let distDir: string;

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(distDir, file)), { recursive: true });
  fs.writeFileSync(path.join(distDir, file), text);
}
const read = (file: string) => fs.readFileSync(path.join(distDir, file), 'utf8');
const runHook = () =>
  config.compiler.runAfterProductionCompile({ projectDir: process.cwd(), distDir });

const framework = '(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push(["react-dom"]);\n';
const runtime = '(()=>{let e;var t,r=globalThis.TURBOPACK;})();\n';
const page = '(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push(["a page"]);\n';

beforeEach(() => {
  distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-hints-'));
  write('static/chunks/framework.js', framework);
  write('static/chunks/turbopack-runtime.js', runtime);
  write('static/chunks/page.js', page);
  write(
    'build-manifest.json',
    JSON.stringify({
      polyfillFiles: ['static/chunks/polyfills.js'],
      rootMainFiles: ['static/chunks/framework.js', 'static/chunks/turbopack-runtime.js'],
    }),
  );
});

afterEach(() => fs.rmSync(distDir, { recursive: true, force: true }));

test('the scripts every page starts with open with the hint; their code is unchanged', async () => {
  await runHook();
  expect(read('static/chunks/framework.js')).toBe(HINT + framework);
  expect(read('static/chunks/turbopack-runtime.js')).toBe(HINT + runtime);
});

test('scripts only some pages load are left to compile lazily', async () => {
  await runHook();
  expect(read('static/chunks/page.js')).toBe(page);
});

test('running it again does not add a second hint', async () => {
  await runHook();
  await runHook();
  expect(read('static/chunks/framework.js')).toBe(HINT + framework);
});

test('a build without its manifest fails, naming the file', async () => {
  fs.rmSync(path.join(distDir, 'build-manifest.json'));
  await expect(runHook()).rejects.toThrow(
    `cannot read ${path.join(distDir, 'build-manifest.json')}`,
  );
});

test('a manifest without the start-up scripts fails, naming file and field', async () => {
  write('build-manifest.json', JSON.stringify({ rootMainFiles: [] }));
  await expect(runHook()).rejects.toThrow(
    `${path.join(distDir, 'build-manifest.json')}: expected "rootMainFiles"`,
  );
  expect(read('static/chunks/framework.js')).toBe(framework);
});
