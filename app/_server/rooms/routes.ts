/**
 * The room routes' work, one function per route (the route.ts files only call these): validate
 * with zod, authorise by cookie, hand the command to the hub, answer. Every state-changing route
 * checks the request's origin; participants may only vote and predict for themselves; only the
 * browser holding the facilitator's secret may steer the room.
 */
import { z } from 'zod';
import { MAX_PREDICTION_LENGTH, type Prediction } from '@/machines/exercise-machine';
import type { RoomEvent } from '@/machines/room-machine';
import { buildRoomReport, roomCsv, roomMarkdown } from '@/app/_lib/room-report';
import { participantView, presenterView } from '@/app/_lib/room-views';
import { getRuntime } from '@/app/_lib/runtime';
import { routes } from '@/app/_lib/routes';
import { dateInDays, endOfDate } from '@/app/_lib/room-dates';
import { StoreUnavailableError } from '../store/errors';
import { normaliseCode } from './codes';
import type { RoomLimits } from './config';
import {
  facilitatorCookie,
  participantCookie,
  participantToken,
  readCookie,
  setCookie,
} from './cookies';
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
import type { LiveRoom, Outcome, RoomHub, Sender } from './hub';
import { getHub } from './index';
import { RateLimiter } from './rate-limit';
import { newSecret, participantIdOf, secretMatches } from './secrets';
import { roomStream } from './sse';

interface Limiters {
  readonly joins: RateLimiter;
  readonly unknownCodes: RateLimiter;
  readonly commands: RateLimiter;
}

const limiterHolder = globalThis as { __crossroadsRoomLimiters?: Limiters };

function limiters(limits: RoomLimits): Limiters {
  limiterHolder.__crossroadsRoomLimiters ??= {
    joins: new RateLimiter(limits.joinsPerMinute),
    unknownCodes: new RateLimiter(limits.unknownCodesPerMinute),
    commands: new RateLimiter(limits.commandsPerMinute),
  };
  return limiterHolder.__crossroadsRoomLimiters;
}

const id = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/** The hub, or a 503 the client can retry when the store cannot be opened. */
export async function hub(): Promise<RoomHub> {
  try {
    return await getHub();
  } catch (error) {
    console.error('room store unavailable:', error);
    throw new HttpError(503, 'unavailable', { 'Retry-After': '5' });
  }
}

/**
 * The room a code names. An address that has named too many codes that name no room is refused
 * for the rest of the minute, found or not, so codes cannot be guessed under the limit. Every
 * lookup is one store query, whether the code is known or not.
 */
export async function findRoom(h: RoomHub, rawCode: string, address: string): Promise<LiveRoom> {
  const { unknownCodes } = limiters(h.limits);
  if (!unknownCodes.remaining(address)) {
    throw new HttpError(429, 'too-many-unknown-codes', {
      'Retry-After': String(unknownCodes.retryAfter()),
    });
  }
  const code = normaliseCode(rawCode);
  let room: LiveRoom | undefined;
  try {
    room = await h.room(code ?? '------');
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      throw new HttpError(503, 'unavailable', { 'Retry-After': '5' });
    }
    throw error;
  }
  if (!room) {
    unknownCodes.take(address);
    throw new HttpError(404, 'no-such-room');
  }
  return room;
}

/**
 * Whether a room page's address names a room, for proxy.ts, which answers one that does not with
 * the 404 page before rendering. A miss counts against the address's unknown-code limit; when
 * the store cannot be asked, the page is left to say so.
 */
export async function roomPageExists(rawCode: string, address: string): Promise<boolean> {
  let h: RoomHub;
  try {
    h = await getHub();
  } catch {
    return true;
  }
  const code = normaliseCode(rawCode);
  const row = code ? await h.store.roomByCode(code).catch(() => null) : undefined;
  if (row === null) return true;
  if (row && h.scenarioExists(row.scenarioId)) return true;
  limiters(h.limits).unknownCodes.take(address);
  return false;
}

export function outcomeError(outcome: Extract<Outcome, { ok: false }>): HttpError {
  return new HttpError(
    outcome.status,
    outcome.reason,
    outcome.retryAfter ? { 'Retry-After': String(outcome.retryAfter) } : {},
  );
}

export function rateLimit(h: RoomHub, key: string): void {
  const { commands } = limiters(h.limits);
  if (!commands.take(key)) {
    throw new HttpError(429, 'too-many-commands', { 'Retry-After': String(commands.retryAfter()) });
  }
}

// ---------------------------------------------------------------------------------------------
// Opening a room (facilitator)

const openSchema = z.object({
  scenarioId: id,
  mode: z.enum(['live', 'self-paced']).default('live'),
  /** A self-paced room's last day (yyyy-mm-dd, from a date input). */
  openUntil: z.union([z.literal(''), z.iso.date()]).optional(),
});

/**
 * When a room open "until" a date ends: once that date is over in every time zone (12:00 UTC
 * the day after), so no learner finds it shut on its last day. Refused if that is in the past
 * or further off than `maxMs`.
 */
export function endOfDay(date: string, now: number, maxMs: number): number {
  const end = endOfDate(date);
  if (end <= now) throw new HttpError(400, 'open-until-past');
  if (end > now + maxMs + 86_400_000) throw new HttpError(400, 'open-until-too-late');
  return end;
}

/** A self-paced room's end: the date the facilitator chose, or the default days from today. */
export function selfPacedEnd(openUntil: string | undefined, now: number, h: RoomHub): number {
  return openUntil
    ? endOfDay(openUntil, now, h.limits.selfPacedMaxMs)
    : endOfDate(dateInDays(now, h.limits.selfPacedDefaultMs / 86_400_000));
}

/** The facilitator's cookie, kept until the room is deleted (its end plus the keeping time). */
export function facilitatorSetCookie(
  request: Request,
  h: RoomHub,
  room: { code: string; expiresAt: number; closedAt: number | null },
  secret: string,
): string {
  const end = Math.min(room.expiresAt, room.closedAt ?? Infinity) + h.limits.keepMs;
  return setCookie(request, facilitatorCookie(room.code), secret, {
    code: room.code,
    sameSite: 'Strict',
    maxAgeSeconds: Math.max(0, Math.ceil((end - Date.now()) / 1000)),
    path: '/',
  });
}

export async function openRoom(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const h = await hub();
    const input = parse(openSchema, await readInput(request, h.limits.bodyBytes));
    if (!h.scenarioExists(input.scenarioId)) throw new HttpError(404, 'no-such-scenario');
    const now = Date.now();
    const expiresAt = input.mode === 'live' ? undefined : selfPacedEnd(input.openUntil, now, h);
    const created = await h.create({
      scenarioId: input.scenarioId,
      mode: input.mode,
      expiresAt,
      now,
    });
    if ('full' in created) throw new HttpError(503, 'too-many-rooms', { 'Retry-After': '600' });
    const { room, secret } = created;
    const cookie = facilitatorSetCookie(request, h, room, secret);
    const facilitate =
      room.mode === 'live' ? routes.facilitate(room.code) : routes.roomResults(room.code);
    return wantsJson(request)
      ? json({ code: room.code, facilitate }, 201, { 'Set-Cookie': cookie })
      : seeOther(facilitate, { 'Set-Cookie': cookie });
  } catch (error) {
    return answerError(request, error, '/');
  }
}

// ---------------------------------------------------------------------------------------------
// Participants

const joinSchema = z.object({ nickname: z.string().max(1000).optional() });

/** A nickname as given: trimmed, control characters removed, empty meaning none. */
export function cleanNickname(raw: string | undefined, max: number): string | null {
  const cleaned = (raw ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  if ([...cleaned].length > max) throw new HttpError(400, 'nickname-too-long');
  return cleaned === '' ? null : cleaned;
}

export async function joinRoom(request: Request, rawCode: string): Promise<Response> {
  const back = routes.room(normaliseCode(rawCode) ?? rawCode);
  try {
    assertSameOrigin(request);
    const h = await hub();
    const address = clientAddress(request);
    if (!limiters(h.limits).joins.take(address)) {
      throw new HttpError(429, 'too-many-joins', {
        'Retry-After': String(limiters(h.limits).joins.retryAfter()),
      });
    }
    const room = await findRoom(h, rawCode, address);
    const input = parse(joinSchema, await readInput(request, h.limits.bodyBytes));
    const nickname = cleanNickname(input.nickname, h.limits.nicknameMax);
    const token = participantToken(request, room.row.code) ?? newSecret();
    const participantId = participantIdOf(token);
    const outcome = await h.submit(
      room,
      { role: 'participant', id: participantId },
      { type: 'room.join', participantId, nickname },
    );
    if (!outcome.ok) throw outcomeError(outcome);
    const cookie = setCookie(request, participantCookie(room.row.code), token, {
      code: room.row.code,
      sameSite: 'Lax',
      maxAgeSeconds: Math.max(60, Math.ceil((room.row.expiresAt - Date.now()) / 1000)),
    });
    return wantsJson(request)
      ? json({ seq: outcome.seq }, 200, { 'Set-Cookie': cookie })
      : seeOther(routes.room(room.row.code), { 'Set-Cookie': cookie });
  } catch (error) {
    return answerError(request, error, back);
  }
}

/** The participant a request speaks for in this room: joined, by its token. */
export function participantOf(request: Request, room: LiveRoom): string {
  const token = participantToken(request, room.row.code);
  const participantId = token && participantIdOf(token);
  if (!participantId || !room.snapshot.context.participants[participantId]) {
    throw new HttpError(403, 'not-joined');
  }
  return participantId;
}

async function participantCommand(
  request: Request,
  rawCode: string,
  eventOf: (input: Record<string, unknown>, participantId: string) => RoomEvent,
): Promise<Response> {
  const back = routes.room(normaliseCode(rawCode) ?? rawCode);
  try {
    assertSameOrigin(request);
    const h = await hub();
    const room = await findRoom(h, rawCode, clientAddress(request));
    const participantId = participantOf(request, room);
    rateLimit(h, participantId);
    const event = eventOf(await readInput(request, h.limits.bodyBytes), participantId);
    const sender: Sender = { role: 'participant', id: participantId };
    const outcome = await h.submit(room, sender, event);
    if (!outcome.ok) throw outcomeError(outcome);
    return wantsJson(request) ? json({ seq: outcome.seq }) : seeOther(back);
  } catch (error) {
    return answerError(request, error, back);
  }
}

const voteSchema = z.object({ optionId: id });

export function vote(request: Request, code: string): Promise<Response> {
  return participantCommand(request, code, (input, participantId) => ({
    type: 'room.vote',
    participantId,
    optionId: parse(voteSchema, input).optionId,
  }));
}

const predictSchema = z
  .object({
    candidate: z
      .union([z.literal(''), id])
      .nullable()
      .optional(),
    text: z.string().max(MAX_PREDICTION_LENGTH).optional(),
  })
  .strict();

/** A prediction from a form or a script: own words win over a picked candidate, as in the exercise. */
export function predictionOf(input: Record<string, unknown>): Prediction {
  const { candidate, text } = parse(predictSchema, input);
  if (text !== undefined && text.trim() !== '') return { kind: 'text', text: text.trim() };
  if (candidate !== undefined) return { kind: 'candidate', claimId: candidate || null };
  throw new HttpError(400, 'invalid prediction');
}

export function predict(request: Request, code: string): Promise<Response> {
  return participantCommand(request, code, (input, participantId) => ({
    type: 'room.predict',
    participantId,
    prediction: predictionOf(input),
  }));
}

export async function participantEvents(request: Request, rawCode: string): Promise<Response> {
  try {
    const h = await hub();
    const room = await findRoom(h, rawCode, clientAddress(request));
    const token = participantToken(request, room.row.code);
    const participantId = token ? participantIdOf(token) : undefined;
    return roomStream(request, h, room, {
      view: (r) => participantView(r.scenario, r.machines, r.snapshot, r.seq, participantId),
      onOpen: () => h.phoneConnected(room, 1),
      onClose: () => h.phoneConnected(room, -1),
    });
  } catch (error) {
    return answerError(request, error, routes.room(rawCode));
  }
}

// ---------------------------------------------------------------------------------------------
// The facilitator

/** Whether a request carries this room's facilitator secret. */
export function isFacilitator(request: Request, room: LiveRoom): boolean {
  return secretMatches(
    readCookie(request, facilitatorCookie(room.row.code)),
    room.row.facilitatorHash,
  );
}

const commandSchema = z.object({
  type: z.enum(['start', 'follow', 'reveal', 'next', 'back', 'close']),
  optionId: id.optional(),
  position: z.string().max(2000).optional(),
});

export async function facilitatorCommand(request: Request, rawCode: string): Promise<Response> {
  const back = routes.facilitate(normaliseCode(rawCode) ?? rawCode);
  try {
    assertSameOrigin(request);
    const h = await hub();
    const room = await findRoom(h, rawCode, clientAddress(request));
    if (!isFacilitator(request, room)) throw new HttpError(403, 'facilitator-only');
    rateLimit(h, `facilitator:${room.row.code}`);
    const input = parse(commandSchema, await readInput(request, h.limits.bodyBytes));
    let event: RoomEvent;
    if (input.type === 'follow') {
      if (!input.optionId) throw new HttpError(400, 'invalid optionId');
      event = { type: 'room.follow', optionId: input.optionId };
    } else {
      event = { type: `room.${input.type}` } as RoomEvent;
    }
    const outcome = await h.submit(room, { role: 'facilitator' }, event, input.position);
    if (!outcome.ok) {
      // Told the new state rather than left guessing: the answer carries the view.
      if (outcome.reason === 'moved-on' && wantsJson(request)) {
        return json(
          {
            error: 'moved-on',
            view: presenterView(room.scenario, room.machines, room.snapshot, room.seq),
          },
          409,
        );
      }
      throw outcomeError(outcome);
    }
    // The projector is shown its new state at once, without waiting for its stream.
    return wantsJson(request)
      ? json({
          seq: outcome.seq,
          view: {
            ...presenterView(room.scenario, room.machines, room.snapshot, room.seq),
            connected: room.connectedNow,
          },
        })
      : seeOther(back);
  } catch (error) {
    return answerError(request, error, back);
  }
}

export async function facilitatorEvents(request: Request, rawCode: string): Promise<Response> {
  try {
    const h = await hub();
    const room = await findRoom(h, rawCode, clientAddress(request));
    if (!isFacilitator(request, room)) throw new HttpError(403, 'facilitator-only');
    return roomStream(request, h, room, {
      view: (r) => ({
        ...presenterView(r.scenario, r.machines, r.snapshot, r.seq),
        connected: r.connectedNow,
      }),
      minIntervalMs: 100,
      presence: true,
    });
  } catch (error) {
    return answerError(request, error, routes.facilitate(rawCode));
  }
}

// ---------------------------------------------------------------------------------------------
// The room's debrief, downloaded

export async function roomExport(request: Request, rawCode: string): Promise<Response> {
  try {
    const h = await hub();
    const room = await findRoom(h, rawCode, clientAddress(request));
    if (!isFacilitator(request, room)) throw new HttpError(403, 'facilitator-only');
    const format = new URL(request.url).searchParams.get('format');
    const runtime = getRuntime(room.row.scenarioId);
    if (!runtime) throw new HttpError(404, 'no-such-scenario');
    const report = buildRoomReport(runtime, room.row, room.snapshot, room.seq);
    const name = `crossroads-room-${room.row.code}`;
    const download = (body: string, type: string, ext: string) =>
      new Response(body, {
        headers: {
          'Content-Type': `${type}; charset=utf-8`,
          'Content-Disposition': `attachment; filename="${name}.${ext}"`,
          'Cache-Control': 'no-store',
        },
      });
    if (format === 'md')
      return download(roomMarkdown(report, new URL(request.url).origin), 'text/markdown', 'md');
    if (format === 'csv') return download(roomCsv(report), 'text/csv', 'csv');
    if (format === 'json')
      return download(JSON.stringify(report, null, 2), 'application/json', 'json');
    throw new HttpError(400, 'format must be md, csv or json');
  } catch (error) {
    return answerError(request, error, routes.roomDebrief(rawCode));
  }
}
