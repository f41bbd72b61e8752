// @ts-check
/**
 * Starts a pre-rendered page's scripts after its first frame.
 *
 * Next.js writes the App Router's start-up scripts into every page as `<script src async>`
 * (most in the head, the bundler's bootstrap in the body) with preloads for some of them. An
 * `async` script runs as soon as it has arrived, before the first frame if it arrives early (from
 * the browser's cache, or a fast network), and React's start-up is the page's longest work: the
 * text waits for it on a slow phone. Next offers no setting to hold them back, so after
 * `next build` this rewrites each pre-rendered HTML file: the script tags and the script preloads
 * come out, and one inline script at the end of the body inserts the same scripts, `async`, in the
 * same order, once the first frame has been shown. The page's inline scripts (its data for React)
 * stay where they are; they only queue data for the scripts.
 *
 * The script policy allows a pre-rendered page's inline scripts by their hashes, read from the
 * HTML file as served (app/_lib/prerendered-pages.ts), so the loader is allowed with no change
 * there. Pages rendered on request are not touched. See docs/decisions/004-mobile-performance.md.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A start-up script as Next writes it. */
const STARTUP_SCRIPT = /<script src="(\/_next\/static\/[^"<>]+\.js)" async=""><\/script>/g;
/** A script preload as Next writes it. */
const SCRIPT_PRELOAD = /<link rel="preload" as="script"[^<>]*\/>/g;
/** Marks the loader, so a page is rewritten once. */
const LOADER_ID = 'crossroads-start';

/**
 * The loader. A frame's animation callbacks run before it is painted, and the paint reaches the
 * screen later still, so the scripts are inserted in a task after the second frame's callbacks:
 * by then the first frame, drawn once the whole page was parsed, has been shown. (After one
 * frame, Chromium at times fetched the scripts before the paint it had drawn was shown.) In a
 * hidden tab no frame is drawn and animation frames wait, so there it starts them at once.
 * @param {readonly string[]} sources
 */
export function loaderScript(sources) {
  return (
    `<script id="${LOADER_ID}">(function(){var s=${JSON.stringify(sources)};` +
    'function go(){s.forEach(function(src){var e=document.createElement("script");' +
    'e.src=src;e.async=true;document.head.appendChild(e)})}' +
    'if(document.visibilityState==="hidden")go();' +
    'else requestAnimationFrame(function(){requestAnimationFrame(function(){setTimeout(go,0)})})})()</script>'
  );
}

/**
 * One page's HTML with its start-up scripts started after the first frame. Throws if the page
 * is not as Next writes it (no start-up scripts, or no `</body>`): a build must not ship a page
 * that would never start.
 * @param {string} html
 * @returns {string}
 */
export function startAfterPaint(html) {
  if (html.includes(`<script id="${LOADER_ID}">`)) return html;
  /** @type {string[]} */
  const sources = [];
  let rewritten = html.replace(STARTUP_SCRIPT, (_tag, /** @type {string} */ src) => {
    sources.push(src);
    return '';
  });
  if (sources.length === 0) throw new Error('no start-up scripts (<script src="/_next/…" async>)');
  rewritten = rewritten.replace(SCRIPT_PRELOAD, '');
  const end = rewritten.lastIndexOf('</body>');
  if (end === -1) throw new Error('no </body>');
  return rewritten.slice(0, end) + loaderScript(sources) + rewritten.slice(end);
}

/**
 * @param {string} dir
 * @returns {string[]}
 */
function htmlFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((entry) =>
      entry.isFile() && entry.name.endsWith('.html')
        ? [path.join(entry.parentPath, entry.name)]
        : [],
    );
}

/**
 * Rewrites every pre-rendered page of a build: the App Router's pages (`server/app`), the copies
 * Next keeps of its 404 and 500 pages (`server/pages`), and any page already in Next's route
 * cache (`server/route-cache`, which `next start` fills from `server/app` as it serves, and which
 * a build without a proxy fills itself). Throws, naming the file, if one cannot be rewritten.
 * @param {string} distDir the build directory (absolute, or relative to the working directory)
 * @returns {number} how many pages were rewritten
 */
export function startAfterPaintIn(distDir) {
  const server = path.join(distDir, 'server');
  const appDir = path.join(server, 'app');
  const files = htmlFiles(appDir);
  if (files.length === 0) throw new Error(`start after paint: no pre-rendered pages in ${appDir}`);
  for (const dir of ['pages', 'route-cache']) {
    if (fs.existsSync(path.join(server, dir))) files.push(...htmlFiles(path.join(server, dir)));
  }
  for (const file of files) {
    const html = fs.readFileSync(file, 'utf8');
    let rewritten;
    try {
      rewritten = startAfterPaint(html);
    } catch (error) {
      throw new Error(
        `start after paint: ${file}: ${error instanceof Error ? error.message : error}`,
      );
    }
    if (rewritten !== html) fs.writeFileSync(file, rewritten);
  }
  return files.length;
}
