/**
 * Floods: joins from one address beyond the limit, and commands from one phone beyond its limit,
 * are each refused with 429 and a Retry-After, store nothing, and leave the room as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getHub } from '@/app/_server/rooms/index';
import { facilitatorCommand, joinRoom, openRoom, vote } from '@/app/_server/rooms/routes';

const ORIGIN = 'http://127.0.0.1:3000';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-floods-'));

beforeAll(() => {
  process.env.CROSSROADS_DATA_DIR = dataDir;
  process.env.CROSSROADS_JOINS_PER_MINUTE = '5';
  process.env.CROSSROADS_COMMANDS_PER_MINUTE = '4';
});

afterAll(async () => {
  await (await getHub()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function post(url: string, body: unknown, cookie?: string, address = '10.2.2.2'): Request {
  return new Request(`${ORIGIN}${url}`, {
    method: 'POST',
    headers: {
      host: '127.0.0.1:3000',
      origin: ORIGIN,
      accept: 'application/json',
      'content-type': 'application/json',
      'x-forwarded-for': address,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(body),
  });
}

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

async function logLength(code: string): Promise<number> {
  const hub = await getHub();
  return (await hub.store.events((await hub.room(code))!.row.id)).length;
}

it('refuses a flood of joins from one address, storing nothing past the limit', async () => {
  const opened = await openRoom(post('/rooms/new', { scenarioId: 'kabul-crossroads' }));
  const { code } = (await opened.json()) as { code: string };
  const statuses: number[] = [];
  for (let i = 0; i < 12; i += 1) {
    statuses.push((await joinRoom(post(`/r/${code}/join`, {}), code)).status);
  }
  expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
  expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
  const refused = await joinRoom(post(`/r/${code}/join`, {}), code);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await logLength(code)).toBe(5);
  // Another address still gets in.
  expect((await joinRoom(post(`/r/${code}/join`, {}, undefined, '10.3.3.3'), code)).status).toBe(
    200,
  );
});

it('refuses a flood of votes from one phone, and the room keeps its last accepted vote', async () => {
  const opened = await openRoom(
    post('/rooms/new', { scenarioId: 'kabul-crossroads' }, undefined, '10.4.4.4'),
  );
  const facilitator = cookieOf(opened);
  const { code } = (await opened.json()) as { code: string };
  const joined = await joinRoom(post(`/r/${code}/join`, {}, undefined, '10.4.4.4'), code);
  const phone = cookieOf(joined);
  await facilitatorCommand(
    post(`/r/${code}/facilitate/command`, { type: 'start' }, facilitator),
    code,
  );
  const before = await logLength(code);
  const statuses: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const optionId = i % 2 ? 'ttp' : 'pakistan';
    statuses.push((await vote(post(`/r/${code}/vote`, { optionId }, phone), code)).status);
  }
  expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
  expect(new Set(statuses.slice(4))).toEqual(new Set([429]));
  expect(await logLength(code)).toBe(before + 4);
  const hub = await getHub();
  const votes = (await hub.room(code))!.snapshot.context.votes['ttp-or-pakistan'] ?? {};
  expect(Object.values(votes)).toEqual(['ttp']);
});
