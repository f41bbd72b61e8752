import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/** Development-only tools must never reach what a browser downloads from the production build. */
test('production bundles contain no machine inspector', () => {
  const dir = path.join(process.cwd(), process.env.CROSSROADS_DIST_DIR ?? '.next', 'static');
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
