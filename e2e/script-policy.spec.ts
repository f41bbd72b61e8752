/**
 * The script policy (docs/decisions/003-security-headers.md): every page's `script-src` allows
 * this site's files and the page's own inline scripts only (hashes when pre-rendered, a nonce when
 * rendered on request), so an inline script put into a page does not run, while every page
 * hydrates with no policy violation (the console guard of every browser test fails on one).
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as unguarded, type Page } from '@playwright/test';
import { BUILD_DIR, cases, expect, scenarioPages, test, urls, waitForHydration } from './helpers';

const c = cases[0]!;

function scriptSrc(policy: string | undefined): string[] {
  const directive = (policy ?? '').split(';').find((d) => d.trim().startsWith('script-src '));
  return directive ? directive.trim().split(/\s+/).slice(1) : [];
}

/** Puts an inline script into the page as an attacker's markup would, and says whether it ran. */
async function injectedScriptRan(page: Page): Promise<{ ran: boolean; blocked: string[] }> {
  return page.evaluate(async () => {
    const blocked: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      blocked.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    // A violation report is dispatched asynchronously: give it a frame or two.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { ran: (window as { __injected?: boolean }).__injected === true, blocked };
  });
}

for (const [name, url] of [
  ['a pre-rendered step', urls.step(c.scenario.id, [])],
  ['a page rendered on request (compare)', urls.compare(c.scenario.id)],
] as const) {
  unguarded(`an inline script injected into ${name} does not run`, async ({ page }) => {
    const response = await page.goto(url);
    const sources = scriptSrc(response?.headers()['content-security-policy']);
    expect(sources).toContain("'self'");
    expect(sources).not.toContain("'unsafe-inline'");
    expect(sources.some((s) => /^'(sha256|nonce)-/.test(s))).toBe(true);
    await waitForHydration(page);
    expect(await injectedScriptRan(page)).toEqual({
      ran: false,
      blocked: ['script-src-elem inline'],
    });
  });
}

test('a page rendered on request gets a fresh nonce on every response', async ({ request }) => {
  const nonces = await Promise.all(
    [1, 2].map(async () => {
      const response = await request.get(urls.compare(c.scenario.id));
      return scriptSrc(response.headers()['content-security-policy']).find((s) =>
        s.startsWith("'nonce-"),
      );
    }),
  );
  expect(nonces[0]).toBeDefined();
  expect(nonces[0]).not.toBe(nonces[1]);
});

test('only the room pages are cut off from windows of other origins', async ({ request }) => {
  const opener = async (url: string) =>
    (await request.get(url)).headers()['cross-origin-opener-policy'];
  for (const url of ['/join', '/rooms']) expect(await opener(url)).toBe('same-origin');
  // A reading page: the header would cost a phone a new process before the text paints (ADR 004).
  expect(await opener(urls.step(c.scenario.id, []))).toBeUndefined();
});

for (const { name, url } of scenarioPages(c)) {
  test(`${name}: hydrates under the policy with no violation`, async ({ page }) => {
    const response = await page.goto(url);
    expect(scriptSrc(response?.headers()['content-security-policy'])).not.toContain(
      "'unsafe-inline'",
    );
    await waitForHydration(page);
  });
}

/** The addresses of the pages the build pre-rendered, from its HTML files. */
function prerenderedAddresses(): string[] {
  const app = path.join(BUILD_DIR, 'server', 'app');
  return fs
    .readdirSync(app, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html') && !path.basename(f).startsWith('_'))
    .map((f) => `/${f.replace(/\\/g, '/').replace(/\.html$/, '')}`.replace(/^\/index$/, '/'));
}

test('every pre-rendered page, and the 404 page, starts its scripts after its first frame', async ({
  request,
}) => {
  const addresses = prerenderedAddresses();
  expect(addresses).toContain(urls.step(c.scenario.id, []));
  for (const address of [...addresses, '/no-such-page']) {
    const html = await (await request.get(address)).text();
    // Set by `npm run build` (scripts/lib/start-after-paint.mjs): no script of Next's own in the
    // page's markup, where it could run before the text is painted; one loader at the end instead.
    const found = {
      startUpScripts: /<script[^>]*\basync=/.test(html),
      scriptPreloads: /<link[^>]*as="script"/.test(html),
      loaderEndsTheBody: /<script id="crossroads-start">[^<]*<\/script><\/body>/.test(html),
    };
    expect(found, address).toEqual({
      startUpScripts: false,
      scriptPreloads: false,
      loaderEndsTheBody: true,
    });
  }
});
