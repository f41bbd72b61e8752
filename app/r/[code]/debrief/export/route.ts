/** GET /r/CODE/debrief/export?format=md|csv|json: the room's debrief as a download (facilitator only). */
import { roomExport } from '@/app/_server/rooms/routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  return roomExport(request, (await params).code);
}
