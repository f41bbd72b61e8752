/** POST /r/CODE/join: a learner joins the room (an optional nickname); sets their cookie. */
import { joinRoom } from '@/app/_server/rooms/routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  return joinRoom(request, (await params).code);
}
