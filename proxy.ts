import { NextResponse, type NextRequest } from 'next/server';
import { isKnownDynamicAddress } from '@/app/_lib/dynamic-routes';

/**
 * The comparison and the debrief are rendered on request. A `notFound()` during such a render
 * reaches the browser as an empty document that only JavaScript fills in, so unknown addresses
 * under those routes are answered here, before rendering, with the pre-rendered 404 page (the
 * same page every other unknown address gets) and status 404.
 */
export function proxy(request: NextRequest) {
  if (isKnownDynamicAddress(request.nextUrl.pathname)) return NextResponse.next();
  return NextResponse.rewrite(new URL('/_not-found', request.url), { status: 404 });
}

export const config = {
  matcher: ['/scenarios/:id/compare', '/scenarios/:id/debrief/:path*'],
};
