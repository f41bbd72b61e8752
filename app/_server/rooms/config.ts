/**
 * The limits a server puts on rooms, from the environment, each with a default that suits a
 * school. A value that is not a positive whole number stops the server with a message naming it.
 */
import { z } from 'zod';
import { SELF_PACED_DEFAULT_DAYS, SELF_PACED_MAX_DAYS } from '@/app/_lib/room-dates';

const positive = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a whole number of at least 1, not "${raw}"`,
        });
        return z.NEVER;
      }
      return n;
    });

const DAY = 86_400_000;

const schema = z.object({
  CROSSROADS_ROOM_MAX_PARTICIPANTS: positive(500),
  CROSSROADS_MAX_OPEN_ROOMS: positive(200),
  CROSSROADS_NICKNAME_MAX: positive(24),
  CROSSROADS_ROOM_HOURS: positive(12),
  CROSSROADS_JOINS_PER_MINUTE: positive(600),
  CROSSROADS_UNKNOWN_CODES_PER_MINUTE: positive(20),
  CROSSROADS_COMMANDS_PER_MINUTE: positive(120),
  CROSSROADS_KEEP_DAYS: positive(7),
});

export interface RoomLimits {
  /** Participants one room accepts. */
  readonly maxParticipants: number;
  /** Rooms open at once on this server (or this database, with several instances). */
  readonly maxOpenRooms: number;
  /** Characters a nickname may have, after trimming. */
  readonly nicknameMax: number;
  /** How long a live room lives before it ends. */
  readonly lifetimeMs: number;
  /** How long a room is kept after it ends (closed, or past its end date); then it is deleted. */
  readonly keepMs: number;
  /** A self-paced room's default and longest time open, from when it is opened. */
  readonly selfPacedDefaultMs: number;
  readonly selfPacedMaxMs: number;
  /** Joins per minute from one address (a class behind one school address needs many). */
  readonly joinsPerMinute: number;
  /** Codes that name no room, per minute from one address: what makes guessing codes useless. */
  readonly unknownCodesPerMinute: number;
  /** Votes, predictions and other commands per minute from one participant or facilitator. */
  readonly commandsPerMinute: number;
  /** The largest request body a room route reads, in bytes. */
  readonly bodyBytes: number;
}

export function roomLimits(
  env: Readonly<Record<string, string | undefined>> = process.env,
): RoomLimits {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid room settings in the environment:\n${lines.join('\n')}`);
  }
  const v = parsed.data;
  return {
    maxParticipants: v.CROSSROADS_ROOM_MAX_PARTICIPANTS,
    maxOpenRooms: v.CROSSROADS_MAX_OPEN_ROOMS,
    nicknameMax: v.CROSSROADS_NICKNAME_MAX,
    lifetimeMs: v.CROSSROADS_ROOM_HOURS * 3_600_000,
    keepMs: v.CROSSROADS_KEEP_DAYS * DAY,
    selfPacedDefaultMs: SELF_PACED_DEFAULT_DAYS * DAY,
    selfPacedMaxMs: SELF_PACED_MAX_DAYS * DAY,
    joinsPerMinute: v.CROSSROADS_JOINS_PER_MINUTE,
    unknownCodesPerMinute: v.CROSSROADS_UNKNOWN_CODES_PER_MINUTE,
    commandsPerMinute: v.CROSSROADS_COMMANDS_PER_MINUTE,
    bodyBytes: 8_192,
  };
}
