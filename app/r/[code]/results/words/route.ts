/** POST /r/CODE/results/words: the facilitator hides or shows a learner's words. */
import { hideWords } from '@/app/_server/rooms/self-paced-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  return hideWords(request, (await params).code);
}
