/** POST /r/CODE/run: a learner's run in a self-paced room: start, a step, or start over. */
import { runCommand } from '@/app/_server/rooms/self-paced-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  return runCommand(request, (await params).code);
}
