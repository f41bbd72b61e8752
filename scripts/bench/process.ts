/**
 * The processes the bench starts: running a command to completion, building the site into its own
 * dist dir, serving it on a free port (or a given one, with its own environment: the live rooms
 * start, kill -9 and restart their own server), other long-running children in a process group of
 * their own (nginx), and stopping whatever was started, on success, error or signal (the cleanups
 * list is kept here; other modules push onto it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { DIST_DIR, ROOT } from './settings';

// ---------------------------------------------------------------------------------------------
// Cleanup: whatever was started is stopped, on success, error or signal.

export const cleanups: (() => Promise<void> | void)[] = [];
const servers = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // A server runs in its own process group: this reaches it and anything it started.
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function cleanup() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    try {
      await step?.();
    } catch (error) {
      console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

process.on('exit', () => {
  for (const child of servers) killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\nbench: ${signal}, stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Commands

export const resolve = createRequire(import.meta.url).resolve;
const nextBin = resolve('next/dist/bin/next');
const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  CROSSROADS_DIST_DIR: DIST_DIR,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_ENV: 'production',
};

export const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/** A port of 127.0.0.1 nothing listens on: `port` if it is free, any when 0; rejects if taken. */
function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(port, '127.0.0.1', () => {
      const address = probe.address();
      const found = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(found));
    });
  });
}

/** The first port from `from` to `to` that is free and not in `taken`. */
export async function freePortIn(from: number, to: number, taken: readonly number[] = []) {
  for (let port = from; port <= to; port += 1) {
    if (taken.includes(port)) continue;
    try {
      return await freePort(port);
    } catch {
      // In use: try the next.
    }
  }
  throw new Error(`bench: no free port of 127.0.0.1 from ${from} to ${to}`);
}

/** Runs a command to completion, keeping its output; rejects on a non-zero exit. */
export function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}\n${output}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Build and serve

/**
 * `next build` adds its dist dir's type globs to tsconfig.json and points next-env.d.ts at them.
 * A benchmark build must not leave that behind: put back exactly what was there, unless the file
 * was changed in some other way meanwhile.
 */
function guardGeneratedConfig(): () => void {
  const tsconfigFile = path.join(ROOT, 'tsconfig.json');
  const envFile = path.join(ROOT, 'next-env.d.ts');
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
  const tsconfigBefore = read(tsconfigFile);
  const envBefore = read(envFile);
  return () => {
    const tsconfigAfter = read(tsconfigFile);
    if (tsconfigBefore !== undefined && tsconfigAfter !== undefined) {
      if (tsconfigAfter !== tsconfigBefore) {
        const parse = (text: string): { include?: string[] } | undefined => {
          try {
            return JSON.parse(text) as { include?: string[] };
          } catch {
            return undefined; // JSON with comments: compare nothing, touch nothing.
          }
        };
        const before = parse(tsconfigBefore);
        const after = parse(tsconfigAfter);
        if (after) after.include = after.include?.filter((g) => !g.startsWith(`${DIST_DIR}/`));
        if (before && after && JSON.stringify(after) === JSON.stringify(before)) {
          fs.writeFileSync(tsconfigFile, tsconfigBefore);
        } else {
          console.warn('bench: tsconfig.json changed during the build; left as it is');
        }
      }
    }
    // If it names the bench build, this build wrote it last: put back what was there. If not,
    // another build rewrote it meanwhile, and theirs stands.
    const envAfter = read(envFile);
    const mine = (text: string) => text.includes(`./${DIST_DIR}/`);
    if (envBefore !== undefined && envAfter !== undefined && mine(envAfter) && !mine(envBefore)) {
      fs.writeFileSync(envFile, envBefore);
    }
  };
}

export async function build(): Promise<number> {
  console.log(`bench: npm run build into ${DIST_DIR}/ …`);
  const restore = guardGeneratedConfig();
  const started = performance.now();
  try {
    await run(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], serverEnv);
  } finally {
    restore();
  }
  return (performance.now() - started) / 1000;
}

/** A `next start` the bench started: the server process itself, not a wrapper. */
export interface Server {
  readonly origin: string;
  readonly port: number;
  readonly pid: number;
  /** Resolves once the process has exited (for whatever reason). */
  readonly exited: Promise<void>;
  /** Sends a signal to the server's process group (e.g. SIGKILL, with no chance to flush). */
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if it is still there after 5 s. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** The port to listen on (default: a free one). */
  readonly port?: number;
  /** Added to the environment the bench serves with. */
  readonly env?: Readonly<Record<string, string>>;
  /** Where the server's output goes (default: kept in memory, shown if it fails to start). */
  readonly logFile?: string;
}

/** A process the bench started in a group of its own (a server, nginx), stopped at cleanup. */
export interface Child {
  readonly pid: number;
  /** Resolves once the process has exited (for whatever reason). */
  readonly exited: Promise<void>;
  /** Whether it has exited. */
  readonly gone: () => boolean;
  /** The last 20,000 characters it wrote (stdout and stderr). */
  readonly output: () => string;
  /** Sends a signal to the process group. */
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if it is still there after 5 s. */
  stop(): Promise<void>;
}

/**
 * Spawns a command in a process group of its own (a signal reaches it and anything it starts),
 * keeping the tail of its output (and appending it to `logFile`); it is stopped at cleanup, and
 * killed if the bench exits first.
 */
export function spawnGroup(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  logFile?: string,
): Child {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  servers.add(child);
  let output = '';
  const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    log?.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      servers.delete(child);
      log?.end();
      resolve();
    }),
  );
  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!stopped) killGroup(child, 'SIGKILL');
  };
  cleanups.push(stop);
  return {
    pid: child.pid as number,
    exited,
    gone: () => child.exitCode !== null || child.signalCode !== null,
    output: () => output,
    kill: (signal) => killGroup(child, signal),
    stop,
  };
}

/**
 * Starts `node node_modules/next/dist/bin/next start` on 127.0.0.1 serving the bench build, and
 * resolves once `/` answers 200. The node process is the server (a signal reaches it directly).
 */
export async function startServer(options: ServerOptions = {}): Promise<Server> {
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const child = spawnGroup(
    process.execPath,
    [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
    { ...serverEnv, ...options.env },
    options.logFile,
  );

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.gone()) throw new Error(`next start exited early\n${child.output()}`);
    try {
      const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.ok) {
        const { pid, exited, kill, stop } = child;
        return { origin, port, pid, exited, kill, stop };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`next start did not answer on ${origin} within 60 s\n${child.output()}`);
}

/** Serves the bench build on a free port for the site's measurements; returns its origin. */
export async function serve(): Promise<string> {
  const { origin } = await startServer();
  console.log(`bench: serving ${DIST_DIR}/ on ${origin}`);
  return origin;
}

/** A process's resident set size in bytes (Linux: /proc), or undefined where it cannot be read. */
export function rssBytes(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * How long a process's main thread has been on a CPU, and waiting in the run queue for one (ready
 * to run, but the CPUs busy with other work), in ms (Linux: /proc/PID/schedstat); undefined where
 * it cannot be read. The difference of two readings says where a stretch of wall time went.
 */
export function cpuTimes(pid: number): { runMs: number; waitMs: number } | undefined {
  try {
    const [run, wait] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/);
    return { runMs: Number(run) / 1e6, waitMs: Number(wait) / 1e6 };
  } catch {
    return undefined;
  }
}
