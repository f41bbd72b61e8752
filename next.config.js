// @ts-check

/**
 * Security headers for every response (docs/decisions/003-security-headers.md). The
 * Content-Security-Policy is not among them: proxy.ts builds it per response, with the hashes of a
 * pre-rendered page's inline scripts or a nonce (app/_lib/content-security-policy.ts); only its
 * frame-ancestors sources are read and checked here, when the site is built.
 */

/** A CSP source list: keywords and origins only, so the value can never inject a directive. */
const SOURCE =
  /^('self'|'none'|https:\/\/[a-z0-9.-]+(:\d+)?|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?)$/i;

/**
 * frame-ancestors: 'self' by default; trainers who embed Crossroads in a learning platform set
 * CROSSROADS_FRAME_ANCESTORS at build time, e.g. "'self' https://lms.example.org".
 */
function frameAncestors() {
  const raw = (process.env.CROSSROADS_FRAME_ANCESTORS ?? "'self'").trim();
  const sources = raw.split(/\s+/).filter(Boolean);
  const bad = sources.filter((s) => !SOURCE.test(s));
  if (sources.length === 0 || bad.length > 0) {
    throw new Error(
      `CROSSROADS_FRAME_ANCESTORS: expected 'self', 'none' or https:// origins separated by spaces; got ${JSON.stringify(raw)}`,
    );
  }
  return sources.join(' ');
}

function securityHeaders() {
  return [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    {
      key: 'Permissions-Policy',
      value:
        'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), browsing-topics=(), interest-cohort=()',
    },
    { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  ];
}

/**
 * The room pages, where a facilitator's session and learners' own words are, are cut off from
 * every window of another origin (Cross-Origin-Opener-Policy). The reading pages, public text
 * with nothing to take, are not: on a phone the header costs a new process on a first visit,
 * about 200 ms before the text paints under Lighthouse's slow 4G (ADR 003, ADR 004).
 */
const ROOM_PAGES = ['/rooms', '/join', '/r/:path*'];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Fixed when the site is built, and checked: the proxy puts it into every response's policy.
  env: { CROSSROADS_FRAME_ANCESTORS_POLICY: frameAncestors() },
  // A second build directory lets the benchmark build and serve beside a running site.
  distDir: process.env.CROSSROADS_DIST_DIR || '.next',
  // d3-hierarchy and kysely ship only ES modules; listing them lets next/jest transform them for
  // the tests. (better-sqlite3 and pg, the room store's drivers, are on Next's built-in list of
  // server external packages, so they need no entry here.)
  transpilePackages: ['d3-hierarchy', 'kysely'],
  experimental: {
    // The stylesheet goes into each page's <head> as a <style>: the first paint needs the HTML
    // alone, one round trip (ADR 004).
    inlineCss: true,
  },
  compiler: {
    // Chromium compiles the start-up scripts (React, the router) on a background thread as they
    // stream in, instead of on the main thread while the page hydrates. See ADR 004.
    async runAfterProductionCompile({ distDir }) {
      const { addCompileHints } = await import('./scripts/lib/compile-hints.mjs');
      addCompileHints(distDir);
    },
  },
  // Content is read from content/ at build time; every route is pre-rendered.
  outputFileTracingIncludes: {
    '/**': ['./content/**/*'],
  },
  // Browsers ask for /favicon.ico on their own (e.g. on a 404 shell with no icon link yet): answer
  // with the app icon instead of a 404.
  async rewrites() {
    return [{ source: '/favicon.ico', destination: '/icon.svg' }];
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders() },
      ...ROOM_PAGES.map((source) => ({
        source,
        headers: [{ key: 'Cross-Origin-Opener-Policy', value: 'same-origin' }],
      })),
    ];
  },
};

module.exports = nextConfig;
