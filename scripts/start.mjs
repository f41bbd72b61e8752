#!/usr/bin/env node
/**
 * npm start [-- -p PORT] [-- -H HOST] [-- --no-build]
 * Builds the production site (scripts/build.mjs: content is validated as part of the build) and
 * serves it.
 * Port: -p/--port, else $PORT, else 3000. Host: -H/--hostname, else $HOST, else 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p' },
    hostname: { type: 'string', short: 'H' },
    'no-build': { type: 'boolean', default: false },
  },
});
const port = values.port ?? process.env.PORT ?? '3000';
const hostname = values.hostname ?? process.env.HOST ?? '127.0.0.1';
if (!/^\d+$/.test(port)) {
  console.error(`npm start: port must be a number, got "${port}"`);
  process.exit(2);
}

const next = createRequire(import.meta.url).resolve('next/dist/bin/next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

if (!values['no-build']) {
  const builder = fileURLToPath(new URL('./build.mjs', import.meta.url));
  const build = spawnSync(process.execPath, [builder], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(`Crossroads: serving the production build on http://${hostname}:${port}/`);
const server = spawn(process.execPath, [next, 'start', '-p', port, '-H', hostname], {
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
