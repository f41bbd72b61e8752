/**
 * The build step that starts a pre-rendered page's scripts after its first frame
 * (scripts/lib/start-after-paint.mjs, run by `npm run build` after `next build`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { inlineScriptHashes } from '@/app/_lib/content-security-policy';
import {
  loaderScript,
  startAfterPaint,
  startAfterPaintIn,
} from '../../scripts/lib/start-after-paint.mjs';

/** A page in the shape `next build` writes it (Next 16, Turbopack), cut down. */
const PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><style>body{margin:0}</style>' +
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/boot.js"/>' +
  '<script src="/_next/static/chunks/react-dom.js" async=""></script>' +
  '<script src="/_next/static/chunks/router.js" async=""></script>' +
  '<script src="/_next/static/chunks/polyfills.js" noModule=""></script>' +
  '</head><body><main><h1>The TTP or Pakistan</h1><p>What the text says.</p></main>' +
  '<script id="_R_">(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push({"otherChunks":[]});</script>' +
  '<script src="/_next/static/chunks/boot.js" async=""></script>' +
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script>' +
  '<script>self.__next_f.push([1,"page data"])</script>' +
  '</body></html>';

const SOURCES = [
  '/_next/static/chunks/react-dom.js',
  '/_next/static/chunks/router.js',
  '/_next/static/chunks/boot.js',
];

const inlineScripts = (html: string) =>
  [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

describe('startAfterPaint', () => {
  const rewritten = startAfterPaint(PAGE);

  it('takes every start-up script tag and script preload out of the page', () => {
    expect(rewritten).not.toMatch(/<script[^>]*\basync=/);
    expect(rewritten).not.toMatch(/<link[^>]*as="script"/);
  });

  it('leaves the text, the styles, the page data and the legacy-browser script as they were', () => {
    expect(rewritten).toContain('<style>body{margin:0}</style>');
    expect(rewritten).toContain('<h1>The TTP or Pakistan</h1><p>What the text says.</p>');
    expect(rewritten).toContain(
      '<script src="/_next/static/chunks/polyfills.js" noModule=""></script>',
    );
    expect(inlineScripts(rewritten).slice(0, 3)).toEqual(inlineScripts(PAGE));
  });

  it('starts the same scripts, in page order, from one inline script at the end of the body', () => {
    expect(rewritten.endsWith(`${loaderScript(SOURCES)}</body></html>`)).toBe(true);
    expect(inlineScripts(rewritten)).toHaveLength(inlineScripts(PAGE).length + 1);
  });

  it('rewrites a page once: a second run changes nothing', () => {
    expect(startAfterPaint(rewritten)).toBe(rewritten);
  });

  it("puts the loader among the page's inline scripts that the script policy allows by hash", () => {
    const loader = inlineScripts(rewritten).at(-1)!;
    const hashes = inlineScriptHashes(rewritten);
    expect(hashes).toHaveLength(inlineScriptHashes(PAGE).length + 1);
    expect(hashes).toContain(inlineScriptHashes(`<script>${loader}</script>`)[0]);
  });

  it('refuses a page it does not recognise instead of shipping one that never starts', () => {
    expect(() => startAfterPaint('<html><body><p>No scripts</p></body></html>')).toThrow(
      /no start-up scripts/,
    );
    expect(() =>
      startAfterPaint('<script src="/_next/static/chunks/a.js" async=""></script>'),
    ).toThrow(/no <\/body>/);
  });
});

describe('the loader in the browser', () => {
  interface Inserted {
    src: string;
    async: boolean;
  }

  /** Runs the loader against a stand-in document; frames and tasks run when the test says. */
  function load(visibilityState: 'visible' | 'hidden') {
    const inserted: Inserted[] = [];
    const frames: (() => void)[] = [];
    const tasks: (() => void)[] = [];
    const document = {
      visibilityState,
      createElement: () => ({ src: '', async: false }),
      head: { appendChild: (element: Inserted) => inserted.push({ ...element }) },
    };
    const code = inlineScripts(loaderScript(SOURCES))[0]!;
    vm.runInNewContext(code, {
      document,
      requestAnimationFrame: (f: () => void) => frames.push(f),
      setTimeout: (f: () => void) => tasks.push(f),
    });
    const run = (queue: (() => void)[]) => queue.splice(0).forEach((f) => f());
    return { inserted, frame: () => run(frames), task: () => run(tasks) };
  }

  it('inserts nothing until the first frame has been shown, then the scripts in a task', () => {
    const page = load('visible');
    expect(page.inserted).toEqual([]);
    page.frame();
    page.task();
    expect(page.inserted).toEqual([]);
    page.frame();
    expect(page.inserted).toEqual([]);
    page.task();
    expect(page.inserted).toEqual(SOURCES.map((src) => ({ src, async: true })));
  });

  it('in a hidden tab, where no frame comes, starts them at once', () => {
    const page = load('hidden');
    expect(page.inserted.map((s) => s.src)).toEqual(SOURCES);
  });
});

describe('startAfterPaintIn', () => {
  let distDir: string;
  const appFile = (name: string) => path.join(distDir, 'server', 'app', name);

  beforeEach(() => {
    distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-paint-'));
    fs.mkdirSync(appFile('scenarios'), { recursive: true });
    fs.writeFileSync(appFile('index.html'), PAGE);
    fs.writeFileSync(appFile('scenarios/walk.html'), PAGE);
    fs.writeFileSync(appFile('index.rsc'), 'not a page');
  });
  afterEach(() => fs.rmSync(distDir, { recursive: true, force: true }));

  it('rewrites every pre-rendered page of a build, in sub-folders too, and nothing else', () => {
    expect(startAfterPaintIn(distDir)).toBe(2);
    for (const name of ['index.html', 'scenarios/walk.html']) {
      expect(fs.readFileSync(appFile(name), 'utf8')).toBe(startAfterPaint(PAGE));
    }
    expect(fs.readFileSync(appFile('index.rsc'), 'utf8')).toBe('not a page');
  });

  it("rewrites Next's copies of the error pages and its route cache the same way", () => {
    const copies = ['pages/404.html', 'route-cache/APP_PAGE/key/$/index.html'].map((f) =>
      path.join(distDir, 'server', f),
    );
    for (const file of copies) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, PAGE);
    }
    expect(startAfterPaintIn(distDir)).toBe(4);
    for (const file of copies) expect(fs.readFileSync(file, 'utf8')).toBe(startAfterPaint(PAGE));
  });

  it('fails naming the page it cannot rewrite', () => {
    fs.writeFileSync(appFile('scenarios/odd.html'), '<html><body></body></html>');
    expect(() => startAfterPaintIn(distDir)).toThrow(
      new RegExp(
        `${appFile('scenarios/odd.html').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: no start-up scripts`,
      ),
    );
  });

  it('fails when the build has no pre-rendered pages at all', () => {
    fs.rmSync(path.join(distDir, 'server'), { recursive: true });
    fs.mkdirSync(appFile(''), { recursive: true });
    expect(() => startAfterPaintIn(distDir)).toThrow(/no pre-rendered pages/);
  });
});
