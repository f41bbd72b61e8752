/** GET /r/CODE/results/export?format=csv|md|json: the class's results, downloaded. */
import { resultsExport } from '@/app/_server/rooms/self-paced-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  return resultsExport(request, (await params).code);
}
