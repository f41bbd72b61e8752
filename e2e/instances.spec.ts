/**
 * Two production servers (`next start` of the build) on two ports, sharing one PostgreSQL schema,
 * as several instances behind a load balancer are: phones joined and voting on one, the
 * projector's stream on the other; then the faults. An instance is killed (SIGKILL) mid-vote and
 * its phones reconnect to the other with Last-Event-ID; PostgreSQL is stopped while the room runs
 * (commands get 503 with Retry-After, clients retry after it) and started again. Each fault test
 * asserts that every acknowledged vote is in the log and on every screen afterwards.
 *
 * Needs PostgreSQL (CROSSROADS_TEST_DATABASE_URL, default postgres://127.0.0.1:5432/test) and,
 * for the restart, `pg_ctlcluster` and the right to use it; without them these tests are skipped
 * with the reason, or fail when CROSSROADS_REQUIRE_POSTGRES=1 (as CI sets).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { withDefaultUser } from '../app/_server/store/postgres';
import {
  command,
  joinRoom,
  openRoom,
  phoneStream,
  projectorStream,
  vote,
  type Participant,
  type Vote,
} from '../scripts/bench/room-clients';

const DATABASE_URL = withDefaultUser(
  process.env.CROSSROADS_TEST_DATABASE_URL || 'postgres://127.0.0.1:5432/test',
);
const REQUIRED = process.env.CROSSROADS_REQUIRE_POSTGRES === '1';
const BASE_PORT = Number(process.env.E2E_PORT ?? 3210) + 40;
const NEXT = createRequire(__filename).resolve('next/dist/bin/next');
const SCENARIO = 'kabul-crossroads';

/** Why PostgreSQL cannot be used here, or undefined if it can. */
function postgresMissing(): string | undefined {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const c = new (require('pg').Client)({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
       c.connect().then(() => c.end()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });`,
      DATABASE_URL,
    ],
    { encoding: 'utf8', timeout: 8000 },
  );
  return probe.status === 0 ? undefined : `PostgreSQL at ${DATABASE_URL}: ${probe.stderr.trim()}`;
}

/** The local cluster `pg_ctlcluster` manages ("15 main"), if this machine has one. */
function localCluster(): [string, string] | undefined {
  if (spawnSync('pg_ctlcluster', ['--help'], { encoding: 'utf8' }).error) return undefined;
  const versions = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
  return versions.length === 1 ? [versions[0]!, 'main'] : undefined;
}

function pgctl(action: 'stop' | 'start'): void {
  const [version, name] = localCluster()!;
  const done = spawnSync(
    'pg_ctlcluster',
    [
      '--skip-systemctl-redirect',
      version,
      name,
      action,
      ...(action === 'stop' ? ['-m', 'fast'] : []),
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (done.status !== 0) throw new Error(`pg_ctlcluster ${action}: ${done.stderr}`);
}

const missing = postgresMissing();

test.describe('rooms on PostgreSQL, two instances', () => {
  test.skip(
    !REQUIRED && missing !== undefined,
    `${missing}: set CROSSROADS_REQUIRE_POSTGRES=1 to fail instead`,
  );
  test.describe.configure({ timeout: 120_000 });

  const schema = `crossroads_e2e_${randomBytes(4).toString('hex')}`;
  const servers = new Map<number, ChildProcess>();
  const origin = (port: number) => `http://127.0.0.1:${port}`;
  const [A, B] = [BASE_PORT, BASE_PORT + 1];

  async function sql(text: string, params: unknown[] = []) {
    const client = new pg.Client({
      connectionString: DATABASE_URL,
      options: `-c search_path=${schema}`,
    });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }

  /** `next start` of the build on `port`, on the shared schema; resolves once it answers. */
  async function startInstance(port: number): Promise<void> {
    const child = spawn(process.execPath, [NEXT, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        CROSSROADS_DATABASE_URL: DATABASE_URL,
        CROSSROADS_DATABASE_SCHEMA: schema,
        CROSSROADS_ROOM_MAX_PARTICIPANTS: '500',
        CROSSROADS_JOINS_PER_MINUTE: '5000',
        CROSSROADS_COMMANDS_PER_MINUTE: '100000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr!.on(
      'data',
      (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)),
    );
    servers.set(port, child);
    for (const deadline = Date.now() + 60_000; ;) {
      if (child.exitCode !== null) throw new Error(`instance on ${port} exited: ${errors}`);
      const ok = await fetch(`${origin(port)}/`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`instance on ${port} did not answer: ${errors}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  function killInstance(port: number): Promise<void> {
    const child = servers.get(port);
    servers.delete(port);
    if (!child || child.exitCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    return exited;
  }

  test.beforeAll(async () => {
    if (missing) throw new Error(`${missing}, and CROSSROADS_REQUIRE_POSTGRES=1`);
    await startInstance(A);
    await startInstance(B);
  });

  test.afterAll(async () => {
    await Promise.all([...servers.keys()].map(killInstance));
    if (!missing) await sql(`drop schema if exists ${schema} cascade`);
  });

  /** A room opened on `at`, with `count` phones joined, half through each instance. */
  async function roomWith(count: number, at = A) {
    const facilitator = await openRoom(origin(at), SCENARIO);
    const phones: { participant: Participant; port: number }[] = [];
    for (let i = 0; i < count; i += 1) {
      const port = i % 2 === 0 ? A : B;
      phones.push({ participant: await joinRoom(origin(port), facilitator.code, `p${i}`), port });
    }
    const started = await command(origin(at), facilitator, { type: 'start' });
    return { facilitator, phones, options: Object.keys(started.votes) };
  }

  /** The votes the room's log holds, by participant (the last one each cast). */
  async function loggedVotes(code: string): Promise<number> {
    const rows = await sql(
      `select count(distinct e.actor) as n from room_events e join rooms r on r.id = e.room_id
       where r.code = $1 and e.type = 'room.vote'`,
      [code],
    );
    return Number(rows[0]?.n);
  }

  test('a vote on one instance reaches the projector on the other within a second', async () => {
    const { facilitator, phones, options } = await roomWith(6);
    const projector = projectorStream(origin(A), facilitator);
    try {
      await projector.until((frame) => frame.view.status === 'choosing');
      for (const [i, { participant }] of phones.entries()) {
        const sent = performance.now();
        // Every vote goes to B; the projector's stream is held by A.
        const cast = await vote(origin(B), participant, i, options[i % options.length]!);
        expect(cast.answer.status).toBe(200);
        const seen = await projector.until((frame) => frame.view.voted === i + 1, 5_000);
        expect(seen.at - sent).toBeLessThan(1_000);
      }
    } finally {
      projector.close();
    }
  });

  test('an instance killed mid-vote: its phones reconnect to the other and nothing acknowledged is lost', async () => {
    const { facilitator, phones, options } = await roomWith(40, B);
    const projector = projectorStream(origin(B), facilitator);
    const streams = phones.map(({ participant, port }) => phoneStream(origin(port), participant));
    try {
      await Promise.all(streams.map((s) => s.until((frame) => frame.view.seq > 0)));
      // Votes to both instances, A's one after another; A is killed once it has acknowledged a
      // few, with the rest of its votes still to come or in flight.
      let ackedByA = 0;
      let someAcked: () => void = () => undefined;
      const fewAcked = new Promise<void>((resolve) => (someAcked = resolve));
      const onA = phones.flatMap((phone, i) => (phone.port === A ? [i] : []));
      const votesOnA = (async () => {
        const cast: Vote[] = [];
        for (const i of onA) {
          const v = await vote(origin(A), phones[i]!.participant, i, options[i % options.length]!);
          cast.push(v);
          if (v.answer.status === 200 && ++ackedByA === 5) someAcked();
        }
        return cast;
      })();
      const votesOnB = Promise.all(
        phones.flatMap(({ participant, port }, i) =>
          port === B ? [vote(origin(B), participant, i, options[i % options.length]!)] : [],
        ),
      );
      await fewAcked;
      await killInstance(A);
      expect(
        await fetch(`${origin(A)}/`).then(
          () => 'up',
          () => 'down',
        ),
      ).toBe('down');
      const answered = [...(await votesOnA), ...(await votesOnB)];
      expect(answered.filter((v) => v.answer.status === 200).length).toBeLessThan(phones.length);
      const acknowledged = answered.filter((v) => v.answer.status === 200);
      // The phones that were on A reconnect to B (through the balancer) with Last-Event-ID.
      const moved = phones.map(({ participant, port }, i) =>
        port === A
          ? phoneStream(origin(B), participant, { lastEventId: streams[i]!.lastId })
          : streams[i]!,
      );
      // Those whose vote A never answered vote again on B, as the page does on a failed POST.
      const retried = await Promise.all(
        answered
          .filter((v) => v.answer.status !== 200)
          .map((v) =>
            vote(origin(B), phones[v.participant]!.participant, v.participant, v.optionId),
          ),
      );
      expect(retried.every((v) => v.answer.status === 200)).toBe(true);
      const final = await projector.until((frame) => frame.view.voted === phones.length, 10_000);
      expect(await loggedVotes(facilitator.code)).toBe(phones.length);
      expect(Object.values(final.view.votes).reduce((a, b) => a + b, 0)).toBe(phones.length);
      // Every phone, wherever its stream now is, shows its own vote: the acknowledged ones as
      // acknowledged, the retried ones as retried.
      await Promise.all(
        moved.map((s, i) =>
          s.until((frame) => frame.view.vote === options[i % options.length], 10_000),
        ),
      );
      expect(acknowledged.length + retried.length).toBe(phones.length);
      test.info().annotations.push({
        type: 'votes',
        description: `${acknowledged.length} acknowledged, ${retried.length} sent again after the kill`,
      });
      moved.forEach((s) => s.close());
    } finally {
      projector.close();
      streams.forEach((s) => s.close());
      await startInstance(A);
    }
  });

  test('PostgreSQL restarted while the room runs: 503 with Retry-After, then nothing acknowledged lost', async () => {
    test.skip(!localCluster() && !REQUIRED, 'no pg_ctlcluster here to restart PostgreSQL with');
    const { facilitator, phones, options } = await roomWith(20);
    const projector = projectorStream(origin(A), facilitator);
    try {
      await projector.until((frame) => frame.view.status === 'choosing');
      const first = phones.slice(0, 10);
      for (const [i, { participant, port }] of first.entries()) {
        expect((await vote(origin(port), participant, i, options[0]!)).answer.status).toBe(200);
      }
      pgctl('stop');
      let refused: Response;
      try {
        refused = await fetch(`${origin(B)}/r/${facilitator.code}/vote`, {
          method: 'POST',
          headers: {
            Origin: origin(B),
            'Content-Type': 'application/json',
            Cookie: phones[10]!.participant.cookie,
          },
          body: JSON.stringify({ optionId: options[0] }),
        });
      } finally {
        pgctl('start');
      }
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // The clients wait as told, then send again: every vote lands once the database is back.
      const rest = phones.slice(10);
      for (const [j, { participant, port }] of rest.entries()) {
        let cast = await vote(origin(port), participant, 10 + j, options[1]!);
        for (let tries = 0; cast.answer.status === 503 && tries < 30; tries += 1) {
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          cast = await vote(origin(port), participant, 10 + j, options[1]!);
        }
        expect(cast.answer.status).toBe(200);
      }
      // The projector on A hears B's votes again: its instance listens again by itself.
      await projector.until((frame) => frame.view.voted === phones.length, 15_000);
      expect(await loggedVotes(facilitator.code)).toBe(phones.length);
    } finally {
      projector.close();
    }
  });
});
