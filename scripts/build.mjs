#!/usr/bin/env node
/**
 * npm run build: the production build. `next build` (content is validated as part of it), then
 * every pre-rendered page is rewritten so its scripts start after its first frame
 * (scripts/lib/start-after-paint.mjs). Every path that builds the site goes through here: npm start,
 * npm test and npm run bench. The build directory is next.config.js's `distDir`. Arguments are
 * passed on to `next build`.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { startAfterPaintIn } from './lib/start-after-paint.mjs';

const require = createRequire(import.meta.url);
const next = require.resolve('next/dist/bin/next');
const env = { NEXT_TELEMETRY_DISABLED: '1', ...process.env };
const build = spawnSync(process.execPath, [next, 'build', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
if (build.status !== 0) process.exit(build.status ?? 1);

/** @type {{ distDir: string }} */
const { distDir } = require('../next.config.js');
try {
  const pages = startAfterPaintIn(distDir);
  console.log(`Crossroads: ${pages} pre-rendered pages start their scripts after the first frame`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
