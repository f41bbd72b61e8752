/**
 * The pre-rendered HTML of a page, as `next start` serves it, for the script policy's hashes.
 * Read from the build folder once per page and kept; pages rendered on request have none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inlineScriptHashes } from './content-security-policy';

const appDir = path.join(
  process.cwd(),
  process.env.CROSSROADS_DIST_DIR || '.next',
  'server',
  'app',
);
const found = new Map<string, readonly string[]>();

/** The HTML file of a pathname, if the build pre-rendered one (never outside the build folder). */
function htmlFileOf(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.split('/').some((s) => s === '..' || s === '.'))
    return undefined;
  const file = path.join(appDir, `${decoded === '/' ? '/index' : decoded.replace(/\/$/, '')}.html`);
  return file.startsWith(appDir + path.sep) ? file : undefined;
}

/** The hash sources of a pre-rendered page's inline scripts, or undefined if it has no HTML file. */
export function prerenderedScriptHashes(pathname: string): readonly string[] | undefined {
  const cached = found.get(pathname);
  if (cached) return cached;
  const file = htmlFileOf(pathname);
  if (!file) return undefined;
  let html: string;
  try {
    html = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const hashes = inlineScriptHashes(html);
  found.set(pathname, hashes);
  return hashes;
}
