/** POST /r/CODE/facilitate/command: the facilitator steers the room (needs the facilitator’s cookie). */
import { facilitatorCommand } from '@/app/_server/rooms/routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  return facilitatorCommand(request, (await params).code);
}
