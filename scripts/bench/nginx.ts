/**
 * nginx in front of several `next start` instances, as docs/deploy.md describes: Debian's package
 * (installed with apt-get if missing), a configuration written into a temporary directory (logs
 * and temporary files there too), run in the foreground as a child of the bench, which stops it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanups, sleep, spawnGroup, type Child } from './process';

export interface Nginx {
  readonly origin: string;
  readonly port: number;
  readonly dir: string;
  readonly config: string;
  readonly process: Child;
}

const NGINX = '/usr/sbin/nginx';

/** nginx's binary, installing Debian's package first if it is missing. */
export function ensureNginx(): string {
  if (fs.existsSync(NGINX)) return NGINX;
  console.log('bench: nginx is missing; apt-get install -y nginx …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], {
      env,
      encoding: 'utf8',
    });
  let result = install();
  if (result.status !== 0) {
    // The package lists may be missing or stale (a fresh container).
    spawnSync('apt-get', ['update'], { env, encoding: 'utf8' });
    result = install();
  }
  if (result.status !== 0 || !fs.existsSync(NGINX)) {
    throw new Error(
      `bench: nginx is not installed and apt-get install -y nginx failed (run it as root)\n${result.stderr ?? ''}`,
    );
  }
  return NGINX;
}

/**
 * The configuration: one upstream of every instance (round-robin, its state shared by nginx's
 * workers, so consecutive requests go to one instance, then the next), kept-alive connections to
 * them, and the event streams passed through unbuffered and held open for an hour.
 */
export function nginxConfig(dir: string, port: number, upstreams: readonly number[]): string {
  return `worker_processes auto;
worker_rlimit_nofile 16384;
error_log ${dir}/error.log warn;

events {
  worker_connections 8192;
}

http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;

  upstream crossroads {
    zone crossroads 64k;
${upstreams.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 64;
    # Shorter than Node's keepAliveTimeout (5 s in next start): nginx must never reuse a
    # connection the instance is closing (a POST sent on it is answered 502, not retried).
    keepalive_timeout 4s;
  }

  server {
    listen 127.0.0.1:${port};

    location / {
      proxy_pass http://crossroads;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # The app compares a POST's Origin with the Host it is sent: keep the port.
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Server-Sent Events: passed on as they come, held open.
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
  }
}
`;
}

/** Starts nginx on 127.0.0.1:`port` in front of the instances' ports; resolves once it answers. */
export async function startNginx(port: number, upstreams: readonly number[]): Promise<Nginx> {
  const binary = ensureNginx();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-bench-nginx-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  // nginx's workers drop root's rights: they must reach their temporary directories.
  fs.chmodSync(dir, 0o755);
  const config = nginxConfig(dir, port, upstreams);
  fs.writeFileSync(path.join(dir, 'nginx.conf'), config);
  const test = spawnSync(
    binary,
    ['-t', '-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`],
    {
      encoding: 'utf8',
    },
  );
  if (test.status !== 0)
    throw new Error(`bench: nginx -t refused the configuration\n${test.stderr}`);
  const child = spawnGroup(
    binary,
    [
      '-p',
      dir,
      '-e',
      `${dir}/error.log`,
      '-c',
      `${dir}/nginx.conf`,
      '-g',
      `daemon off; pid ${dir}/nginx.pid;`,
    ],
    process.env,
  );
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.gone()) throw new Error(`bench: nginx exited early\n${child.output()}`);
    try {
      const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.ok) return { origin, port, dir, config, process: child };
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`bench: nginx did not answer on ${origin} within 10 s\n${child.output()}`);
}
