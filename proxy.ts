import { NextResponse, type NextRequest } from 'next/server';
import { isKnownDynamicAddress } from '@/app/_lib/dynamic-routes';
import { roomPageExists } from '@/app/_server/rooms/routes';

/** A room's pages: /r/CODE, and its facilitate, debrief, results and delete pages. */
const ROOM_PAGE = /^\/r\/([^/]+)(?:\/(?:facilitate|debrief|results|delete))?\/?$/;

/**
 * The comparison, the debrief and a live room's pages are rendered on request. A `notFound()` during such a render
 * reaches the browser as an empty document that only JavaScript fills in, so unknown addresses
 * under those routes are answered here, before rendering, with the pre-rendered 404 page (the
 * same page every other unknown address gets) and status 404. A room's pages are known when the
 * store has a room with that code.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const room = ROOM_PAGE.exec(pathname);
  if (room) {
    const address = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
    if (await roomPageExists(decodeURIComponent(room[1] ?? ''), address))
      return NextResponse.next();
  } else if (isKnownDynamicAddress(pathname)) {
    return NextResponse.next();
  }
  return NextResponse.rewrite(new URL('/_not-found', request.url), { status: 404 });
}

export const config = {
  matcher: [
    '/scenarios/:id/compare',
    '/scenarios/:id/debrief/:path*',
    '/r/:code',
    '/r/:code/facilitate',
    '/r/:code/debrief',
    '/r/:code/results',
    '/r/:code/delete',
  ],
};
