/**
 * What a room page needs before it renders: the room a code names, looked up under the same
 * unknown-code limit as the routes, and who is asking (the facilitator, a participant, or a
 * visitor). Server components only: reads the request's headers and cookies.
 */
import { cookies, headers } from 'next/headers';
import type { LiveRoom, RoomHub } from './hub';
import { FACILITATOR_COOKIE, facilitatorCookie, participantCookie } from './cookies';
import { HttpError } from './http';
import { getHub } from './index';
import { findRoom } from './routes';
import { participantIdOf, secretMatches, TOKEN } from './secrets';

export type RoomPage =
  | {
      readonly kind: 'room';
      readonly hub: RoomHub;
      readonly room: LiveRoom;
      readonly facilitator: boolean;
      /** The participant this browser is in this room, if it has joined. */
      readonly participantId: string | undefined;
    }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'too-many'; readonly retryAfter: number }
  | { readonly kind: 'unavailable' };

export async function loadRoomPage(code: string): Promise<RoomPage> {
  let hub: RoomHub;
  try {
    hub = await getHub();
  } catch {
    return { kind: 'unavailable' };
  }
  const h = await headers();
  const address = h.get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
  let room: LiveRoom;
  try {
    room = await findRoom(hub, code, address);
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return { kind: 'not-found' };
    if (error instanceof HttpError && error.status === 429) {
      return { kind: 'too-many', retryAfter: Number(error.headers['Retry-After'] ?? 60) };
    }
    return { kind: 'unavailable' };
  }
  const jar = await cookies();
  const secret = jar.get(facilitatorCookie(room.row.code))?.value;
  const token = jar.get(participantCookie(room.row.code))?.value;
  const participantId = token && TOKEN.test(token) ? participantIdOf(token) : undefined;
  return {
    kind: 'room',
    hub,
    room,
    facilitator: secretMatches(secret, room.row.facilitatorHash),
    participantId,
  };
}

/** A room this browser opened, as the facilitator's rooms page lists it. */
export interface MyRoom {
  readonly room: LiveRoom;
  /** Learners who have joined. */
  readonly joined: number;
}

/**
 * The rooms whose facilitator cookies this browser holds, each checked against the stored hash
 * (a cookie for a deleted room, or a forged one, is left out), newest first.
 */
export async function loadMyRooms(): Promise<
  { kind: 'rooms'; rooms: MyRoom[]; hub: RoomHub; now: number } | { kind: 'unavailable' }
> {
  let hub: RoomHub;
  try {
    hub = await getHub();
  } catch {
    return { kind: 'unavailable' };
  }
  const jar = await cookies();
  const rooms: MyRoom[] = [];
  try {
    for (const cookie of jar.getAll()) {
      const code = FACILITATOR_COOKIE.exec(cookie.name)?.[1];
      if (!code) continue;
      const room = await hub.room(code);
      if (!room || !secretMatches(cookie.value, room.row.facilitatorHash)) continue;
      rooms.push({ room, joined: Object.keys(room.snapshot.context.participants).length });
    }
  } catch {
    return { kind: 'unavailable' };
  }
  rooms.sort((a, b) => b.room.row.createdAt - a.room.row.createdAt);
  return { kind: 'rooms', rooms, hub, now: Date.now() };
}
