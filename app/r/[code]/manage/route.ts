/** POST /r/CODE/manage: the facilitator closes, reopens or deletes the room. */
import { manageRoom } from '@/app/_server/rooms/self-paced-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  return manageRoom(request, (await params).code);
}
