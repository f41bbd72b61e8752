/**
 * The live-room routes against a real SQLite file: opening a room, joining, voting, predicting,
 * the facilitator's commands and the event streams; every refusal a clear 4xx that stores
 * nothing and leaves the room as it was; and a room rebuilt from its log after a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getHub } from '@/app/_server/rooms/index';
import {
  facilitatorCommand,
  facilitatorEvents,
  joinRoom,
  openRoom,
  participantEvents,
  predict,
  vote,
} from '@/app/_server/rooms/routes';
import { openSqliteStore } from '@/app/_server/store/sqlite';
import { cookieOf, request } from './room-requests';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-rooms-'));

beforeAll(() => {
  process.env.CROSSROADS_DATA_DIR = dataDir;
  process.env.CROSSROADS_UNKNOWN_CODES_PER_MINUTE = '20';
  process.env.CROSSROADS_ROOM_MAX_PARTICIPANTS = '5';
});

afterAll(async () => {
  await (await getHub()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function open(): Promise<{ code: string; facilitator: string }> {
  const res = await openRoom(
    request({ path: '/rooms/new', body: { scenarioId: 'kabul-crossroads' } }),
  );
  expect(res.status).toBe(201);
  const { code } = (await res.json()) as { code: string };
  return { code, facilitator: cookieOf(res) };
}

async function join(code: string, nickname?: string, address?: string) {
  const res = await joinRoom(
    request({ path: `/r/${code}/join`, body: nickname ? { nickname } : {}, address }),
    code,
  );
  return { res, cookie: cookieOf(res) };
}

async function command(code: string, facilitator: string, body: Record<string, unknown>) {
  return facilitatorCommand(
    request({ path: `/r/${code}/facilitate/command`, body, cookies: [facilitator] }),
    code,
  );
}

/** How many events the room's log holds, read straight from the SQLite file. */
async function logLength(code: string): Promise<number> {
  const hub = await getHub();
  const room = await hub.room(code);
  return (await hub.store.events(room!.row.id)).length;
}

/** The first view a stream sends. */
async function firstView(res: Response): Promise<{ id: number; data: Record<string, unknown> }> {
  const reader = res.body!.getReader();
  let text = '';
  for (;;) {
    const { value } = await reader.read();
    text += new TextDecoder().decode(value);
    const match = /id: (\d+)\nevent: view\ndata: (.*)\n\n/.exec(text);
    if (match) {
      await reader.cancel();
      return { id: Number(match[1]), data: JSON.parse(match[2]!) };
    }
  }
}

describe('opening a room', () => {
  it('gives a six-character code without look-alikes and a facilitator cookie only that browser holds', async () => {
    const res = await openRoom(
      request({ path: '/rooms/new', body: { scenarioId: 'kabul-crossroads' } }),
    );
    const { code, facilitate } = (await res.json()) as { code: string; facilitate: string };
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    expect(facilitate).toBe(`/r/${code}/facilitate`);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^crossroads-facilitator-${code}=[A-Za-z0-9_-]{22};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain(`Path=/;`);
  });

  it('answers a form post by sending the browser to the facilitator’s screen', async () => {
    const res = await openRoom(
      request({ path: '/rooms/new', body: { scenarioId: 'kabul-crossroads' }, as: 'form' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/r\/[A-Z0-9]{6}\/facilitate$/);
  });

  it('refuses an unknown scenario, and a request from another site', async () => {
    expect(
      (await openRoom(request({ path: '/rooms/new', body: { scenarioId: 'nope' } }))).status,
    ).toBe(404);
    const res = await openRoom(
      request({
        path: '/rooms/new',
        body: { scenarioId: 'kabul-crossroads' },
        origin: 'https://evil.example',
      }),
    );
    expect(res.status).toBe(403);
  });
});

describe('a room, end to end through its routes', () => {
  it('runs a decision: joins, votes, the facilitator follows and reveals', async () => {
    const { code, facilitator } = await open();
    const ann = await join(code, '  Ann  ');
    expect(ann.res.status).toBe(200);
    expect(ann.cookie).toMatch(new RegExp(`^crossroads-participant-${code}=`));
    const bob = await join(code);
    // Joining again answers as the first join did, and adds no one.
    expect(
      (await joinRoom(request({ path: `/r/${code}/join`, body: {}, cookies: [bob.cookie] }), code))
        .status,
    ).toBe(200);

    expect((await command(code, facilitator, { type: 'start' })).status).toBe(200);
    const cast = (cookie: string, optionId: string) =>
      vote(request({ path: `/r/${code}/vote`, body: { optionId }, cookies: [cookie] }), code);
    expect((await cast(ann.cookie, 'ttp')).status).toBe(200);
    expect((await cast(bob.cookie, 'pakistan')).status).toBe(200);
    expect((await cast(ann.cookie, 'pakistan')).status).toBe(200);

    const projector = await firstView(
      await facilitatorEvents(
        request({ method: 'GET', path: `/r/${code}/facilitate/events`, cookies: [facilitator] }),
        code,
      ),
    );
    expect(projector.data).toMatchObject({
      status: 'choosing',
      participants: 2,
      votes: { pakistan: 2, ttp: 0 },
      voted: 2,
      majority: 'pakistan',
    });

    const position = projector.data.position as string;
    expect(
      (await command(code, facilitator, { type: 'follow', optionId: 'pakistan', position })).status,
    ).toBe(200);
    const said = await predict(
      request({ path: `/r/${code}/predict`, body: { candidate: '' }, cookies: [ann.cookie] }),
      code,
    );
    expect(said.status).toBe(200);
    expect((await command(code, facilitator, { type: 'reveal' })).status).toBe(200);

    const phone = await firstView(
      await participantEvents(
        request({ method: 'GET', path: `/r/${code}/events`, cookies: [ann.cookie] }),
        code,
      ),
    );
    expect(phone.data).toMatchObject({
      status: 'revealed',
      joined: true,
      nickname: 'Ann',
      vote: 'pakistan',
      prediction: { kind: 'candidate', claimId: null },
      locked: true,
      votes: { pakistan: 2, ttp: 0 },
    });
    expect(phone.id).toBe(await logLength(code));
  });

  it('answers a phone without JavaScript with redirects back to the room', async () => {
    const { code, facilitator } = await open();
    const res = await joinRoom(
      request({ path: `/r/${code}/join`, body: { nickname: 'Cy' }, as: 'form' }),
      code,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/r/${code}`);
    const cookie = cookieOf(res);
    await command(code, facilitator, { type: 'start' });
    const voted = await vote(
      request({
        path: `/r/${code}/vote`,
        body: { optionId: 'ttp' },
        as: 'form',
        cookies: [cookie],
      }),
      code,
    );
    expect(voted.status).toBe(303);
    expect(voted.headers.get('location')).toBe(`/r/${code}`);
    // A refused form post comes back to the page with the reason to show.
    const refused = await predict(
      request({ path: `/r/${code}/predict`, body: { text: 'x' }, as: 'form', cookies: [cookie] }),
      code,
    );
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toBe(`/r/${code}?problem=not-now`);
  });
});

describe('refusals: a clear 4xx, nothing stored, the room as it was', () => {
  let code: string;
  let facilitator: string;
  let ann: string;

  beforeAll(async () => {
    ({ code, facilitator } = await open());
    ann = (await join(code, 'Ann')).cookie;
    await command(code, facilitator, { type: 'start' });
  });

  const cases: [string, () => Promise<Response>, number][] = [
    [
      'a vote without joining',
      () => vote(request({ path: `/r/${code}/vote`, body: { optionId: 'ttp' } }), code),
      403,
    ],
    [
      'a vote for an option the decision does not offer',
      () =>
        vote(
          request({ path: `/r/${code}/vote`, body: { optionId: 'partnership' }, cookies: [ann] }),
          code,
        ),
      409,
    ],
    [
      'a vote with a wrong type',
      () => vote(request({ path: `/r/${code}/vote`, body: { optionId: 7 }, cookies: [ann] }), code),
      400,
    ],
    [
      'a vote from another site',
      () =>
        vote(
          request({
            path: `/r/${code}/vote`,
            body: { optionId: 'ttp' },
            cookies: [ann],
            origin: 'https://evil.example',
          }),
          code,
        ),
      403,
    ],
    [
      'a vote with no origin at all',
      () =>
        vote(
          request({
            path: `/r/${code}/vote`,
            body: { optionId: 'ttp' },
            cookies: [ann],
            origin: null,
          }),
          code,
        ),
      403,
    ],
    [
      'an oversized body',
      () =>
        vote(
          request({
            path: `/r/${code}/vote`,
            body: { optionId: 'x'.repeat(20_000) },
            cookies: [ann],
          }),
          code,
        ),
      413,
    ],
    [
      'a body that is not JSON',
      () => vote(request({ path: `/r/${code}/vote`, body: '{"optionId":', cookies: [ann] }), code),
      400,
    ],
    [
      'a JSON array',
      () => vote(request({ path: `/r/${code}/vote`, body: '["ttp"]', cookies: [ann] }), code),
      400,
    ],
    [
      'a vote at a decision the room has already closed (it has chosen)',
      async () => {
        const { code: other, facilitator: fac } = await open();
        const phone = (await join(other)).cookie;
        await command(other, fac, { type: 'start' });
        await command(other, fac, { type: 'follow', optionId: 'ttp' });
        return vote(
          request({ path: `/r/${other}/vote`, body: { optionId: 'pakistan' }, cookies: [phone] }),
          other,
        );
      },
      409,
    ],
    [
      'a prediction before the room has chosen',
      () =>
        predict(request({ path: `/r/${code}/predict`, body: { text: 'x' }, cookies: [ann] }), code),
      409,
    ],
    [
      'a prediction with an unknown field',
      () =>
        predict(
          request({ path: `/r/${code}/predict`, body: { text: 'x', extra: 1 }, cookies: [ann] }),
          code,
        ),
      400,
    ],
    [
      'a prediction of a claim never offered',
      () =>
        predict(
          request({
            path: `/r/${code}/predict`,
            body: { candidate: 'no-such-claim' },
            cookies: [ann],
          }),
          code,
        ),
      409,
    ],
    [
      'a facilitator command without the secret',
      () =>
        facilitatorCommand(
          request({ path: `/r/${code}/facilitate/command`, body: { type: 'close' } }),
          code,
        ),
      403,
    ],
    [
      'a facilitator command with a participant’s cookie',
      () =>
        facilitatorCommand(
          request({
            path: `/r/${code}/facilitate/command`,
            body: { type: 'close' },
            cookies: [ann],
          }),
          code,
        ),
      403,
    ],
    [
      'a step out of order (reveal before the room has chosen)',
      () => command(code, facilitator, { type: 'reveal' }),
      409,
    ],
    ['an unknown command', () => command(code, facilitator, { type: 'explode' }), 400],
    ['a follow without an option', () => command(code, facilitator, { type: 'follow' }), 400],
    [
      'a replayed command from a position the room has left',
      () => command(code, facilitator, { type: 'start', position: 'lobby::' }),
      409,
    ],
    [
      'a nickname over the limit',
      () =>
        joinRoom(request({ path: `/r/${code}/join`, body: { nickname: 'n'.repeat(200) } }), code),
      400,
    ],
  ];

  it.each(cases)('%s', async (_what, send, status) => {
    const before = await logLength(code);
    const res = await send();
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(/\w/);
    expect(await logLength(code)).toBe(before);
  });

  it('answers a stale facilitator command with the room’s current state', async () => {
    const res = await command(code, facilitator, { type: 'start', position: 'lobby::' });
    const body = (await res.json()) as { error: string; view: { status: string } };
    expect(body).toMatchObject({ error: 'moved-on', view: { status: 'choosing' } });
  });

  it('refuses the participant beyond the room’s limit, and keeps the ones inside it', async () => {
    const { code: small } = await open();
    for (let i = 0; i < 5; i += 1) expect((await join(small)).res.status).toBe(200);
    const sixth = await join(small);
    expect(sixth.res.status).toBe(409);
    expect(((await sixth.res.json()) as { error: string }).error).toBe('full');
  });
});

describe('unknown codes', () => {
  it('are a 404, then refused for the rest of the minute from an address that keeps guessing', async () => {
    const { code } = await open();
    const guess = (c: string) =>
      joinRoom(request({ path: `/r/${c}/join`, body: {}, address: '10.9.9.9' }), c);
    for (let i = 0; i < 20; i += 1)
      expect((await guess(i % 2 ? 'ZZZZZZ' : 'bad!')).status).toBe(404);
    const refused = await guess(code);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await join(code, undefined, '10.1.1.1')).res.status).toBe(200);
  });
});

describe('a restart', () => {
  it('rebuilds every room from its log: nothing acknowledged is lost', async () => {
    const { code, facilitator } = await open();
    const cookies = [];
    for (const name of ['A', 'B', 'C']) cookies.push((await join(code, name)).cookie);
    await command(code, facilitator, { type: 'start' });
    for (const [i, cookie] of cookies.entries()) {
      await vote(
        request({
          path: `/r/${code}/vote`,
          body: { optionId: i ? 'ttp' : 'pakistan' },
          cookies: [cookie],
        }),
        code,
      );
    }
    const hub = await getHub();
    const before = (await hub.room(code))!.snapshot.context;

    // A second store and hub on the same file, as after a restart, replay the log.
    const store = await openSqliteStore({ file: path.join(dataDir, 'crossroads.sqlite') });
    const { RoomHub } = await import('@/app/_server/rooms/hub');
    const { exerciseScenario } = await import('@/app/_server/rooms/index');
    const again = new RoomHub({ store, limits: hub.limits, scenario: exerciseScenario });
    const rebuilt = await again.room(code);
    expect(rebuilt?.snapshot.context).toEqual(before);
    expect(rebuilt?.snapshot.context.votes['ttp-or-pakistan']).toEqual(
      before.votes['ttp-or-pakistan'],
    );
    await again.close();
  });
});
