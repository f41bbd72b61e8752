/**
 * Self-paced rooms through their routes, on a real SQLite file: opening one with an end date,
 * learners' runs stored step by step (refused when stale, out of turn or after the room closed),
 * starting over, the facilitator's close / reopen / delete (every row gone, checked in the store),
 * hiding words, the results' exports, and retention (rooms deleted a week after they end).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { endOfDate, lastDate } from '@/app/_lib/room-dates';
import { getHub } from '@/app/_server/rooms/index';
import { joinRoom, openRoom } from '@/app/_server/rooms/routes';
import {
  hideWords,
  manageRoom,
  resultsExport,
  runCommand,
} from '@/app/_server/rooms/self-paced-routes';
import { cookieOf, request } from './room-requests';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-self-paced-'));
const DAY = 86_400_000;

beforeAll(() => {
  process.env.CROSSROADS_DATA_DIR = dataDir;
  process.env.CROSSROADS_COMMANDS_PER_MINUTE = '1000';
});

afterAll(async () => {
  await (await getHub()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Run = { runId: string; status: string; events: { at: number; event: { type: string } }[] };

async function openSelfPaced(openUntil?: string) {
  const res = await openRoom(
    request({
      path: '/rooms/new',
      body: {
        scenarioId: 'kabul-crossroads',
        mode: 'self-paced',
        ...(openUntil ? { openUntil } : {}),
      },
    }),
  );
  const body = (await res.json()) as { code?: string; facilitate?: string; error?: string };
  return { res, body, code: body.code ?? '', facilitator: cookieOf(res) };
}

async function learner(code: string, nickname?: string) {
  const res = await joinRoom(
    request({ path: `/r/${code}/join`, body: nickname ? { nickname } : {} }),
    code,
  );
  expect(res.status).toBe(200);
  return cookieOf(res);
}

async function run(code: string, cookie: string, body: unknown) {
  const res = await runCommand(request({ path: `/r/${code}/run`, body, cookies: [cookie] }), code);
  return { status: res.status, ...((await res.json()) as { run?: Run; error?: string }) };
}

async function step(code: string, cookie: string, current: Run, ...events: unknown[]) {
  return run(code, cookie, {
    action: 'step',
    runId: current.runId,
    expected: current.events.length,
    events,
  });
}

async function manage(code: string, facilitator: string, body: Record<string, string>) {
  return manageRoom(
    request({ path: `/r/${code}/manage`, body, as: 'form', cookies: [facilitator] }),
    code,
  );
}

async function roomRow(code: string) {
  const hub = await getHub();
  return hub.store.roomByCode(code);
}

describe('opening a self-paced room', () => {
  it('is open for 14 days by default, through the end of the last day everywhere', async () => {
    const { res, body, code } = await openSelfPaced();
    expect(res.status).toBe(201);
    expect(body.facilitate).toBe(`/r/${code}/results`);
    const row = await roomRow(code);
    const today = new Date().toISOString().slice(0, 10);
    const in14 = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10);
    expect(row).toMatchObject({ mode: 'self-paced', expiresAt: endOfDate(in14) });
    expect(lastDate(row!.expiresAt)).toBe(in14);
    expect(in14 > today).toBe(true);
    // The facilitator's key is kept site-wide (for the rooms page) until the room is deleted.
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('Path=/;');
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)?.[1]);
    expect(maxAge * 1000).toBeGreaterThan(row!.expiresAt + 7 * DAY - Date.now() - 5000);
  });

  it('takes a chosen last day, and refuses one in the past or more than 90 days off', async () => {
    const day = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    const { code } = await openSelfPaced(day);
    expect((await roomRow(code))?.expiresAt).toBe(endOfDate(day));
    const past = await openSelfPaced('2020-01-01');
    expect([past.res.status, past.body.error]).toEqual([400, 'open-until-past']);
    const far = new Date(Date.now() + 120 * DAY).toISOString().slice(0, 10);
    const tooFar = await openSelfPaced(far);
    expect([tooFar.res.status, tooFar.body.error]).toEqual([400, 'open-until-too-late']);
  });
});

describe('a learner’s run', () => {
  it('is stored step by step and resumes where it was left', async () => {
    const { code } = await openSelfPaced();
    const me = await learner(code, 'Ayesha');
    const started = await run(code, me, { action: 'start' });
    expect(started.status).toBe(200);
    expect(started.run?.events.map((e) => e.event.type)).toEqual(['exercise.start']);
    // Starting again (a second tab) answers the same run.
    const again = await run(code, me, { action: 'start' });
    expect(again.run?.runId).toBe(started.run?.runId);

    let current = started.run!;
    for (const events of [
      [{ type: 'exercise.choose', optionId: 'pakistan' }],
      [
        { type: 'exercise.predict', prediction: { kind: 'candidate', claimId: null } },
        { type: 'exercise.reveal' },
      ],
      [{ type: 'exercise.next' }],
      [{ type: 'exercise.choose', optionId: 'partnership' }],
      [
        { type: 'exercise.predict', prediction: { kind: 'text', text: 'They make peace' } },
        { type: 'exercise.reveal' },
      ],
      [{ type: 'exercise.next' }],
    ]) {
      const answer = await step(code, me, current, ...events);
      expect([answer.status, answer.error]).toEqual([200, undefined]);
      current = answer.run!;
    }
    expect(current.status).toBe('finished');
    const hub = await getHub();
    const stored = await hub.store.run((await roomRow(code))!.id, current.runId);
    expect(stored?.events).toHaveLength(9);
    expect(stored?.finishedAt).not.toBeNull();
    expect(stored?.nickname).toBe('Ayesha');
    expect(stored?.record).toMatchObject({
      stage: 'debrief',
      path: ['pakistan', 'partnership'],
      decisions: [
        { nodeId: 'ttp-or-pakistan', optionId: 'pakistan', correct: null }, // contested: not scored
        {
          nodeId: 'approach-after-pakistan',
          prediction: { kind: 'text', text: 'They make peace' },
        },
      ],
    });
  });

  it('refuses a stale step with the run as stored, and a step out of turn', async () => {
    const { code } = await openSelfPaced();
    const me = await learner(code);
    const started = (await run(code, me, { action: 'start' })).run!;
    const moved = await step(code, me, started, { type: 'exercise.choose', optionId: 'ttp' });
    expect(moved.status).toBe(200);
    // The same step from a tab that still shows the start: refused, with the run to catch up with.
    const stale = await step(code, me, started, { type: 'exercise.choose', optionId: 'pakistan' });
    expect([stale.status, stale.error, stale.run?.events.length]).toEqual([409, 'stale', 2]);
    // Revealing before predicting: the machine refuses it, nothing is stored.
    const early = await step(code, me, moved.run!, { type: 'exercise.reveal' });
    expect([early.status, early.error]).toEqual([409, 'not-now']);
    // Events a learner never sends (the presenter's tallies) are not even read.
    const tally = await step(code, me, moved.run!, {
      type: 'exercise.tally',
      nodeId: 'ttp-or-pakistan',
      optionId: 'ttp',
      count: 9,
    });
    expect(tally.status).toBe(400);
    const hub = await getHub();
    expect((await hub.store.run((await roomRow(code))!.id, started.runId))?.events).toHaveLength(2);
  });

  it('belongs to its learner: another learner’s steps and unjoined browsers are refused', async () => {
    const { code } = await openSelfPaced();
    const me = await learner(code);
    const other = await learner(code);
    const mine = (await run(code, me, { action: 'start' })).run!;
    const theirs = await step(code, other, mine, { type: 'exercise.choose', optionId: 'ttp' });
    expect([theirs.status, theirs.error]).toEqual([404, 'no-such-run']);
    const stranger = await runCommand(
      request({ path: `/r/${code}/run`, body: { action: 'start' } }),
      code,
    );
    expect(stranger.status).toBe(403);
  });

  it('starting over keeps the old run, marked, and begins a new one', async () => {
    const { code } = await openSelfPaced();
    const me = await learner(code);
    const first = (await run(code, me, { action: 'start' })).run!;
    await step(code, me, first, { type: 'exercise.choose', optionId: 'ttp' });
    const over = await run(code, me, { action: 'over', runId: first.runId });
    expect(over.status).toBe(200);
    expect(over.run?.runId).not.toBe(first.runId);
    const hub = await getHub();
    const row = (await roomRow(code))!;
    const runs = await hub.store.runsOfRoom(row.id);
    expect(runs.map((r) => r.status)).toEqual(['abandoned', 'active']);
    const late = await step(
      code,
      me,
      { ...first, events: [...first.events, first.events[0]!] },
      {
        type: 'exercise.back',
      },
    );
    expect([late.status, late.error]).toEqual([409, 'run-ended']);
  });
});

describe('the facilitator', () => {
  it('closes a room (steps refused), reopens it until a new date (steps taken)', async () => {
    const { code, facilitator } = await openSelfPaced();
    const me = await learner(code);
    const started = (await run(code, me, { action: 'start' })).run!;
    const closed = await manage(code, facilitator, { action: 'close' });
    expect(closed.status).toBe(303);
    expect(closed.headers.get('location')).toBe(`/rooms?done=close&code=${code}`);
    const refused = await step(code, me, started, { type: 'exercise.choose', optionId: 'ttp' });
    expect([refused.status, refused.error]).toEqual([410, 'closed']);
    const day = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
    const reopened = await manage(code, facilitator, { action: 'reopen', openUntil: day });
    expect(reopened.status).toBe(303);
    expect(await roomRow(code)).toMatchObject({ closedAt: null, expiresAt: endOfDate(day) });
    // The key's cookie lives as long as the room now does.
    expect(reopened.headers.get('set-cookie')).toContain(`crossroads-facilitator-${code}=`);
    const taken = await step(code, me, started, { type: 'exercise.choose', optionId: 'ttp' });
    expect(taken.status).toBe(200);
  });

  it('cannot reopen a live room, and only the facilitator can manage a room', async () => {
    const live = await openRoom(
      request({ path: '/rooms/new', body: { scenarioId: 'kabul-crossroads' } }),
    );
    const { code } = (await live.json()) as { code: string };
    const facilitator = cookieOf(live);
    await manage(code, facilitator, { action: 'close' });
    const reopen = await manageRoom(
      request({ path: `/r/${code}/manage`, body: { action: 'reopen' }, cookies: [facilitator] }),
      code,
    );
    expect([reopen.status, ((await reopen.json()) as { error: string }).error]).toEqual([
      409,
      'live-rooms-cannot-reopen',
    ]);
    const self = await openSelfPaced();
    const learnerCookie = await learner(self.code);
    const byLearner = await manageRoom(
      request({
        path: `/r/${self.code}/manage`,
        body: { action: 'close' },
        cookies: [learnerCookie],
      }),
      self.code,
    );
    expect(byLearner.status).toBe(403);
    expect((await roomRow(self.code))?.closedAt).toBeNull();
  });

  it('deletes a room and every row of it, only with the code typed to confirm', async () => {
    const { code, facilitator } = await openSelfPaced();
    const me = await learner(code);
    const started = (await run(code, me, { action: 'start' })).run!;
    await step(code, me, started, { type: 'exercise.choose', optionId: 'ttp' });
    const row = (await roomRow(code))!;
    const hub = await getHub();
    const wrong = await manage(code, facilitator, { action: 'delete', confirm: 'ABCDEF' });
    expect(wrong.headers.get('location')).toBe(`/r/${code}/delete?problem=confirm-code`);
    expect(await hub.store.runsOfRoom(row.id)).toHaveLength(1);

    const deleted = await manage(code, facilitator, {
      action: 'delete',
      confirm: code.toLowerCase(),
    });
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('location')).toBe(`/rooms?done=delete&code=${code}`);
    expect(deleted.headers.get('set-cookie')).toMatch(
      new RegExp(`^crossroads-facilitator-${code}=; Path=/; Max-Age=0`),
    );
    // Gone from the store, not hidden: the room, its log and its runs.
    expect(await hub.store.roomById(row.id)).toBeUndefined();
    expect(await hub.store.events(row.id)).toEqual([]);
    expect(await hub.store.runsOfRoom(row.id)).toEqual([]);
    const after = await run(code, me, { action: 'start' });
    expect(after.status).toBe(404);
  });

  it('hides a learner’s words from the results, and downloads the results', async () => {
    const { code, facilitator } = await openSelfPaced();
    const me = await learner(code, 'Bilal');
    const started = (await run(code, me, { action: 'start' })).run!;
    const chose = (await step(code, me, started, { type: 'exercise.choose', optionId: 'ttp' }))
      .run!;
    await step(
      code,
      me,
      chose,
      { type: 'exercise.predict', prediction: { kind: 'text', text: 'Trade stops' } },
      { type: 'exercise.reveal' },
    );
    const exported = async (format: string) => {
      const res = await resultsExport(
        request({
          method: 'GET',
          path: `/r/${code}/results/export?format=${format}`,
          cookies: [facilitator],
        }),
        code,
      );
      return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
    };
    const before = await exported('md');
    expect(before.text).toContain('Trade stops (Bilal)');
    const key = `${started.runId}:ttp-or-pakistan`;
    const hidden = await hideWords(
      request({
        path: `/r/${code}/results/words`,
        body: { key, hide: '1', at: 'choice-ttp-or-pakistan-ttp' },
        as: 'form',
        cookies: [facilitator],
      }),
      code,
    );
    expect(hidden.headers.get('location')).toBe(`/r/${code}/results#choice-ttp-or-pakistan-ttp`);
    expect((await roomRow(code))?.settings).toEqual({ hiddenWords: [key] });
    expect((await exported('md')).text).not.toContain('Trade stops');
    const csv = await exported('csv');
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\r\n')[1]).toMatch(
      /,Bilal,1,going,yes,1,ttp-or-pakistan,.*Trade stops,,0,0,\d+,yes$/,
    );
    const json = JSON.parse((await exported('json')).text) as { counts: { learners: number } };
    expect(json.counts.learners).toBe(1);
    const byLearner = await resultsExport(
      request({ method: 'GET', path: `/r/${code}/results/export?format=csv`, cookies: [me] }),
      code,
    );
    expect(byLearner.status).toBe(403);
  });
});

describe('retention', () => {
  it('deletes rooms a week after they end (closed or past their date), and keeps the rest', async () => {
    const hub = await getHub();
    const ended = await openSelfPaced();
    const closedRecently = await openSelfPaced();
    const open = await openSelfPaced();
    const me = await learner(ended.code);
    await run(ended.code, me, { action: 'start' });
    const now = Date.now();
    const endedRoom = (await hub.room(ended.code))!;
    const endedRow = endedRoom.row;
    await hub.updateRoom(endedRoom, { expiresAt: now - 7 * DAY - 1000 });
    await manage(closedRecently.code, closedRecently.facilitator, { action: 'close' });
    const swept = await hub.sweep(now);
    expect(swept).toBeGreaterThanOrEqual(1);
    expect(await roomRow(ended.code)).toBeUndefined();
    expect(await hub.store.runsOfRoom(endedRow.id)).toEqual([]);
    expect(await hub.room(ended.code)).toBeUndefined();
    expect(await roomRow(closedRecently.code)).toBeDefined();
    expect(await roomRow(open.code)).toBeDefined();
    // Eight days on, the room closed today has been kept a week: it goes too.
    await hub.sweep(now + 8 * DAY);
    expect(await roomRow(closedRecently.code)).toBeUndefined();
  });
});
