/** POST /r/CODE/predict: a participant predicts what the text says follows from the room’s choice. */
import { predict } from '@/app/_server/rooms/routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ code: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  return predict(request, (await params).code);
}
