/**
 * What a room page needs before it renders: the room a code names, looked up under the same
 * unknown-code limit as the routes, and who is asking (the facilitator, a participant, or a
 * visitor). Server components only: reads the request's headers and cookies.
 */
import { cookies, headers } from 'next/headers';
import type { LiveRoom, RoomHub } from './hub';
import { facilitatorCookie, participantCookie } from './cookies';
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
