/** POST /rooms/new: opens a room for a scenario; the browser that opens it becomes its facilitator. */
import { openRoom } from '@/app/_server/rooms/routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return openRoom(request);
}
