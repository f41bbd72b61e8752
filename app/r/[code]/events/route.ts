/** GET /r/CODE/events: the participant’s view of the room, as Server-Sent Events. */
import { participantEvents } from '@/app/_server/rooms/routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  return participantEvents(request, (await params).code);
}
