/**
 * The routes of self-paced rooms and of every room's results: a learner's run (start, step,
 * start over), the facilitator's close / reopen / delete, hiding learners' words from the
 * results, and the results' exports. Same rules as the live routes: zod on every input, the
 * request's origin checked, the facilitator known by the secret in their cookie.
 */
import { z } from 'zod';
import { classCsv, classMarkdown } from '@/app/_lib/class-results';
import { getRuntime } from '@/app/_lib/runtime';
import { routes } from '@/app/_lib/routes';
import { runEventSchema } from '@/app/_lib/self-paced';
import { normaliseCode } from './codes';
import { facilitatorCookie, readCookie } from './cookies';
import {
  HttpError,
  answerError,
  assertSameOrigin,
  clientAddress,
  json,
  parse,
  readInput,
  seeOther,
  wantsJson,
} from './http';
import type { LiveRoom, RoomHub } from './hub';
import { hiddenWordsOf, roomResults } from './results';
import {
  facilitatorSetCookie,
  findRoom,
  hub,
  isFacilitator,
  participantOf,
  rateLimit,
  selfPacedEnd,
} from './routes';
import { roomIsOpen, startRun, stepRun } from './runs';

const runSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('start') }),
  z.strictObject({ action: z.literal('over'), runId: z.string().max(40) }),
  z.strictObject({
    action: z.literal('step'),
    runId: z.string().max(40),
    expected: z.int().min(0).max(10_000),
    events: z.array(runEventSchema).min(1).max(4),
  }),
]);

/** POST /r/CODE/run: a learner's run in a self-paced room (JSON, from the run's page). */
export async function runCommand(request: Request, rawCode: string): Promise<Response> {
  try {
    assertSameOrigin(request);
    const h = await hub();
    const room = await findRoom(h, rawCode, clientAddress(request));
    if (room.row.mode !== 'self-paced') throw new HttpError(409, 'not-self-paced');
    const participantId = participantOf(request, room);
    rateLimit(h, participantId);
    const input = parse(runSchema, await readInput(request, h.limits.bodyBytes));
    const participant = {
      id: participantId,
      nickname: room.snapshot.context.participants[participantId]?.nickname ?? null,
    };
    const outcome =
      input.action === 'step'
        ? await stepRun(h.store, room.row, room.scenario, participantId, input)
        : await startRun(h.store, room.row, room.scenario, participant, {
            over: input.action === 'over' ? input.runId : undefined,
          });
    if (outcome.ok) return json({ run: outcome.run });
    return json({ error: outcome.reason, run: outcome.run }, outcome.status);
  } catch (error) {
    return answerError(request, error, routes.room(rawCode));
  }
}

/** The room, for its facilitator only (403 for anyone else). */
async function facilitated(request: Request, h: RoomHub, rawCode: string): Promise<LiveRoom> {
  const room = await findRoom(h, rawCode, clientAddress(request));
  if (!isFacilitator(request, room)) throw new HttpError(403, 'facilitator-only');
  return room;
}

const manageSchema = z.object({
  action: z.enum(['close', 'reopen', 'delete']),
  openUntil: z.union([z.literal(''), z.iso.date()]).optional(),
  /** Delete: the room's code, typed by the facilitator, so a slip cannot delete a room. */
  confirm: z.string().max(20).optional(),
});

/**
 * POST /r/CODE/manage: close a room, reopen a self-paced one until a new date, or delete a room
 * and everything in it from the store (rows gone, not hidden; the form asks for the room's code
 * to be typed). A live room, once closed, stays closed (its walk-through is over; open a new
 * room to run it again).
 */
export async function manageRoom(request: Request, rawCode: string): Promise<Response> {
  const back = routes.myRooms();
  try {
    assertSameOrigin(request);
    const h = await hub();
    const room = await facilitated(request, h, rawCode);
    rateLimit(h, `facilitator:${room.row.code}`);
    const input = parse(manageSchema, await readInput(request, h.limits.bodyBytes));
    if (input.action === 'delete') return await deleted(request, h, room, input.confirm);
    const now = Date.now();
    const headers: Record<string, string> = {};
    if (input.action === 'close') {
      if (room.row.mode === 'live') {
        if (room.row.closedAt === null && room.snapshot.status === 'active') {
          const outcome = await h.submit(room, { role: 'facilitator' }, { type: 'room.close' });
          if (!outcome.ok && outcome.reason !== 'closed' && outcome.reason !== 'expired') {
            throw new HttpError(outcome.status, outcome.reason);
          }
        }
      } else if (roomIsOpen(room.row, now)) {
        await h.updateRoom(room, { closedAt: now });
      }
    } else {
      if (room.row.mode === 'live') throw new HttpError(409, 'live-rooms-cannot-reopen');
      const expiresAt = selfPacedEnd(input.openUntil, now, h);
      const row = await h.updateRoom(room, { closedAt: null, expiresAt });
      const secret = readCookie(request, facilitatorCookie(room.row.code));
      // The cookie lives as long as the room is kept: longer now.
      if (row && secret) headers['Set-Cookie'] = facilitatorSetCookie(request, h, row, secret);
    }
    return wantsJson(request)
      ? json({ ok: true }, 200, headers)
      : seeOther(`${back}?done=${input.action}&code=${room.row.code}`, headers);
  } catch (error) {
    return answerError(request, error, back);
  }
}

/** Deletes the room if `confirm` is its code (else 400, nothing deleted), and clears the cookie. */
async function deleted(
  request: Request,
  h: RoomHub,
  room: LiveRoom,
  confirm: string | undefined,
): Promise<Response> {
  if (normaliseCode(confirm ?? '') !== room.row.code) {
    return answerError(
      request,
      new HttpError(400, 'confirm-code'),
      routes.roomDelete(room.row.code),
    );
  }
  await h.deleteRoom(room);
  const cleared = `${facilitatorCookie(room.row.code)}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`;
  return wantsJson(request)
    ? json({ deleted: room.row.code }, 200, { 'Set-Cookie': cleared })
    : seeOther(`${routes.myRooms()}?done=delete&code=${room.row.code}`, { 'Set-Cookie': cleared });
}

const wordsSchema = z.object({
  key: z.string().max(120),
  hide: z.enum(['1', '0']),
  /** The section to come back to. */
  at: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
});

/** POST /r/CODE/results/words: hides (or shows again) one learner's words on the results. */
export async function hideWords(request: Request, rawCode: string): Promise<Response> {
  const back = routes.roomResults(normaliseCode(rawCode) ?? rawCode);
  try {
    assertSameOrigin(request);
    const h = await hub();
    const room = await facilitated(request, h, rawCode);
    rateLimit(h, `facilitator:${room.row.code}`);
    const input = parse(wordsSchema, await readInput(request, h.limits.bodyBytes));
    const hidden = new Set(hiddenWordsOf(room.row.settings));
    if (input.hide === '1') hidden.add(input.key);
    else hidden.delete(input.key);
    await h.updateRoom(room, { settings: { ...room.row.settings, hiddenWords: [...hidden] } });
    return wantsJson(request)
      ? json({ hidden: [...hidden] })
      : seeOther(input.at ? `${back}#${input.at}` : back);
  } catch (error) {
    return answerError(request, error, back);
  }
}

/** GET /r/CODE/results/export?format=csv|md|json: the class's results, downloaded. */
export async function resultsExport(request: Request, rawCode: string): Promise<Response> {
  try {
    const h = await hub();
    const room = await facilitated(request, h, rawCode);
    const runtime = getRuntime(room.row.scenarioId);
    if (!runtime) throw new HttpError(404, 'no-such-scenario');
    const format = new URL(request.url).searchParams.get('format');
    const { results } = await roomResults(h.store, room, runtime);
    const name = `crossroads-results-${room.row.code}`;
    const download = (body: string, type: string, ext: string) =>
      new Response(body, {
        headers: {
          'Content-Type': `${type}; charset=utf-8`,
          'Content-Disposition': `attachment; filename="${name}.${ext}"`,
          'Cache-Control': 'no-store',
        },
      });
    if (format === 'csv') return download(classCsv(results), 'text/csv', 'csv');
    if (format === 'md') return download(classMarkdown(results), 'text/markdown', 'md');
    if (format === 'json')
      return download(JSON.stringify(results, null, 2), 'application/json', 'json');
    throw new HttpError(400, 'format must be md, csv or json');
  } catch (error) {
    return answerError(request, error, routes.roomResults(rawCode));
  }
}
