import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from '@/app/_lib/content-security-policy';
import { isKnownDynamicAddress } from '@/app/_lib/dynamic-routes';
import { prerenderedScriptHashes } from '@/app/_lib/prerendered-pages';
import { roomPageExists } from '@/app/_server/rooms/routes';

/** A room's pages: /r/CODE, and its facilitate, debrief, results and delete pages. */
const ROOM_PAGE = /^\/r\/([^/]+)(?:\/(?:facilitate|debrief|results|delete))?\/?$/;

/** The other pages rendered on request whose unknown addresses are answered with the 404 page. */
const CHECKED_PAGE = /^\/scenarios\/[^/]+\/(?:compare|debrief(?:\/.*)?)\/?$/;

const NOT_FOUND = '/_not-found';

/**
 * Every response's Content-Security-Policy, and real 404s for the pages rendered on request.
 *
 * The policy (app/_lib/content-security-policy.ts) allows a page's own inline scripts only: a
 * pre-rendered page by the hashes of the scripts in its HTML, so it stays static; a page rendered
 * on request by a fresh nonce, which Next.js reads from the request's policy and puts on the
 * scripts it writes. Both are allowed where the answer may be the pre-rendered 404 page.
 *
 * The comparison, the debrief and a live room's pages are rendered on request. A `notFound()`
 * during such a render reaches the browser as an empty document that only JavaScript fills in,
 * so unknown addresses under those routes are answered here, before rendering, with the
 * pre-rendered 404 page (the same page every other unknown address gets) and status 404. A
 * room's pages are known when the store has a room with that code.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const room = ROOM_PAGE.exec(pathname);
  let known = true;
  if (room) {
    const address = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
    known = await roomPageExists(decodeURIComponent(room[1] ?? ''), address);
  } else if (CHECKED_PAGE.test(pathname)) {
    known = isKnownDynamicAddress(pathname);
  }
  if (!known) {
    const policy = policyFor(prerenderedScriptHashes(NOT_FOUND) ?? []);
    const response = NextResponse.rewrite(new URL(NOT_FOUND, request.url), { status: 404 });
    response.headers.set('Content-Security-Policy', policy);
    return response;
  }

  const hashes = prerenderedScriptHashes(pathname);
  if (hashes) {
    const response = NextResponse.next();
    response.headers.set('Content-Security-Policy', policyFor(hashes));
    return response;
  }
  const nonce = `'nonce-${newNonce()}'`;
  const policy = policyFor([nonce, ...(prerenderedScriptHashes(NOT_FOUND) ?? [])]);
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

function policyFor(inlineScripts: readonly string[]): string {
  return contentSecurityPolicy({
    inlineScripts,
    // Validated and fixed when the site is built (next.config.js).
    frameAncestors: process.env.CROSSROADS_FRAME_ANCESTORS_POLICY ?? "'self'",
    dev: process.env.NODE_ENV === 'development',
  });
}

export const config = {
  // Every address but the build's own files (scripts, styles, fonts) and the icon.
  matcher: ['/((?!_next/static|_next/image|icon\\.svg|favicon\\.ico).*)'],
};
