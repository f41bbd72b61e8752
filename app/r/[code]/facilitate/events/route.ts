/** GET /r/CODE/facilitate/events: the projector’s view of the room, as Server-Sent Events. */
import { facilitatorEvents } from '@/app/_server/rooms/routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  return facilitatorEvents(request, (await params).code);
}
