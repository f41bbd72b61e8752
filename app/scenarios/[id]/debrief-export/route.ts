/**
 * GET /scenarios/{id}/debrief-export?format=md|json&path=a/b[&d=…]
 * The debrief as a download. Every input is validated; anything wrong is a 400 or 404 with a
 * plain message, never a 500.
 */
import { decodeShared } from '@/app/_lib/debrief';
import { buildDebrief, toMarkdown } from '@/app/_lib/debrief-report';
import { getRuntime } from '@/app/_lib/runtime';

export const dynamic = 'force-dynamic';

const plain = (status: number, message: string) =>
  new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const runtime = getRuntime(id);
  if (!runtime) return plain(404, `No scenario "${id}".`);
  const url = new URL(request.url);
  const format = url.searchParams.get('format') ?? 'md';
  if (format !== 'md' && format !== 'json') return plain(400, 'format must be md or json.');
  const path = (url.searchParams.get('path') ?? '').split('/').filter(Boolean);
  const shared = decodeShared(url.searchParams.get('d') ?? undefined);
  if (!shared.ok) return plain(400, 'The shared predictions could not be read.');
  const report = buildDebrief(runtime, path, shared.shared);
  if (!report) return plain(404, 'That path does not end at an outcome of this scenario.');
  const name = `crossroads-debrief-${id}-${path.join('-')}.${format}`;
  const body =
    format === 'md' ? toMarkdown(report, url.origin) : `${JSON.stringify(report, null, 2)}\n`;
  return new Response(body, {
    headers: {
      'Content-Type':
        format === 'md' ? 'text/markdown; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    },
  });
}
