/** POST /r/CODE/vote: a participant votes for an option (a second vote replaces the first). */
import { vote } from '@/app/_server/rooms/routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  return vote(request, (await params).code);
}
