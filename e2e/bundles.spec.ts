import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { BUILD_DIR } from './helpers';

/** Development-only tools must never reach what a browser downloads from the production build. */
test('production bundles contain no machine inspector', () => {
  const dir = path.join(BUILD_DIR, 'static');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) files.push(full);
    }
  };
  walk(dir);
  expect(files.length).toBeGreaterThan(0);
  const offenders = files.filter((f) =>
    /createBrowserInspector|@statelyai\/inspect/.test(fs.readFileSync(f, 'utf8')),
  );
  expect(offenders).toEqual([]);
});

/**
 * The scripts every page runs at start-up (React, the router, the bundler's runtime) reach the
 * browser with the compile hint as their first line (scripts/lib/compile-hints.mjs), so Chromium
 * compiles them off the main thread.
 */
test('start-up scripts are served marked for eager compilation', async ({ request }) => {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(BUILD_DIR, 'build-manifest.json'), 'utf8'),
  ) as {
    rootMainFiles: string[];
  };
  expect(manifest.rootMainFiles.length).toBeGreaterThan(0);
  const html = await (await request.get('/scenarios/kabul-crossroads/walk/ttp')).text();
  for (const file of manifest.rootMainFiles) {
    const url = `/_next/${file}`;
    // The page starts it: named in its loader (scripts/lib/start-after-paint.mjs).
    expect(html).toMatch(new RegExp(`<script id="crossroads-start">[^<]*"${url}"`));
    const script = await request.get(url);
    expect(script.ok()).toBe(true);
    expect((await script.text()).startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
  }
});
