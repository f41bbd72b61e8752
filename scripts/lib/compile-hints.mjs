// @ts-check
/**
 * Marks the scripts every page runs at start-up for eager compilation.
 *
 * Chromium (V8, since Chrome 136) compiles a script's functions lazily, on the main thread, the
 * first time each is called, unless the file begins with the magic comment below: then it compiles
 * them all while the script streams in, on a background thread. React and the App Router call most
 * of their code while a page hydrates, so for those files the hint moves compilation out of the
 * page's longest task. Other browsers read it as a comment. See docs/decisions/004-mobile-performance.md.
 *
 * Run from next.config.js through `compiler.runAfterProductionCompile`, after the client bundles
 * are written and before pages are generated. The files are the build manifest's `rootMainFiles`:
 * the chunks the App Router loads on every page (its runtime, React DOM, the router).
 */
import fs from 'node:fs';
import path from 'node:path';

const HINT = '//# allFunctionsCalledOnLoad\n';
const MANIFEST = 'build-manifest.json';

/**
 * @param {string} distDir the build directory (absolute, or relative to the working directory)
 */
export function addCompileHints(distDir) {
  const manifestPath = path.join(distDir, MANIFEST);
  /** @type {unknown} */
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new Error(`compile hints: cannot read ${manifestPath}: ${String(error)}`);
  }
  const files =
    manifest && typeof manifest === 'object' && 'rootMainFiles' in manifest
      ? manifest.rootMainFiles
      : undefined;
  if (
    !Array.isArray(files) ||
    files.length === 0 ||
    !files.every((f) => typeof f === 'string' && f.endsWith('.js'))
  ) {
    throw new Error(
      `compile hints: ${manifestPath}: expected "rootMainFiles" to list the start-up scripts, got ${JSON.stringify(files)}`,
    );
  }
  for (const file of files) {
    const filePath = path.join(distDir, file);
    const code = fs.readFileSync(filePath, 'utf8');
    if (!code.startsWith(HINT)) fs.writeFileSync(filePath, HINT + code);
  }
}
