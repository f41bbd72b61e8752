/**
 * The headers every response carries: the fixed ones from next.config.js, and the
 * Content-Security-Policy that proxy.ts builds per response. Read from the real config and the
 * real policy builder, so a change that weakens a header fails here.
 */
import {
  contentSecurityPolicy,
  inlineScriptHashes,
  newNonce,
} from '@/app/_lib/content-security-policy';

type Header = { key: string; value: string };
type Config = {
  poweredByHeader: boolean;
  env: Record<string, string>;
  headers: () => Promise<{ source: string; headers: Header[] }[]>;
};

/** The fixed headers, and the CSP a page with these inline-script sources is sent. */
async function headersWith(
  env: Record<string, string | undefined>,
  inlineScripts: readonly string[] = ["'sha256-ESapStZEV/Mh67VdjqwdhcDWVtVaq8xeH4W9Xm/0p/0='"],
): Promise<Map<string, string>> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    let config: Config | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      config = require('../../next.config.js') as Config;
    });
    const rules = await (config as Config).headers();
    expect(rules[0]?.source).toBe('/:path*');
    const fixed = new Map(rules[0]?.headers.map((h) => [h.key, h.value]));
    // One policy per response, the proxy's: a second one from the config would be enforced too.
    expect(fixed.has('Content-Security-Policy')).toBe(false);
    const csp = contentSecurityPolicy({
      inlineScripts,
      frameAncestors: (config as Config).env.CROSSROADS_FRAME_ANCESTORS_POLICY ?? '',
    });
    return new Map([...fixed, ['Content-Security-Policy', csp]]);
  } finally {
    process.env = saved;
  }
}

const directives = (csp: string) =>
  new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name as string, values];
    }),
  );

describe('security headers', () => {
  it('sends a strict Content-Security-Policy with no third-party origin', async () => {
    const csp = directives(
      (await headersWith({ CROSSROADS_FRAME_ANCESTORS: undefined })).get(
        'Content-Security-Policy',
      ) ?? '',
    );
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual([
      "'self'",
      "'sha256-ESapStZEV/Mh67VdjqwdhcDWVtVaq8xeH4W9Xm/0p/0='",
    ]);
    for (const values of csp.values()) {
      for (const v of values) expect(v).toMatch(/^('[a-z-]+'|'sha256-[A-Za-z0-9+/=]+'|data:)$/);
    }
  });

  it('pins the whole policy of a pre-rendered page', async () => {
    expect(
      (await headersWith({ CROSSROADS_FRAME_ANCESTORS: undefined })).get('Content-Security-Policy'),
    ).toBe(
      "default-src 'self'; script-src 'self' 'sha256-ESapStZEV/Mh67VdjqwdhcDWVtVaq8xeH4W9Xm/0p/0='; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'; " +
        "manifest-src 'self'; worker-src 'self'",
    );
  });

  it('allows a page rendered on request its own scripts by a fresh nonce, never inline scripts at large', async () => {
    const nonces = new Set(Array.from({ length: 20 }, newNonce));
    expect(nonces.size).toBe(20);
    const [nonce] = nonces;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    const csp = directives(
      (await headersWith({}, [`'nonce-${nonce}'`])).get('Content-Security-Policy') ?? '',
    );
    expect(csp.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
  });

  it('hashes exactly the inline scripts of a page, not those with a src', () => {
    const html =
      '<html><head><script src="/_next/static/a.js" async=""></script></head><body>' +
      '<script>self.__ok=1</script><script id="_R_">self.__ok=1</script>' +
      '<script type="module" src="/b.js"></script><script>self.__two=2</script></body></html>';
    expect(inlineScriptHashes(html)).toEqual([
      "'sha256-ESapStZEV/Mh67VdjqwdhcDWVtVaq8xeH4W9Xm/0p/0='",
      "'sha256-qI0AgaIhl3BoYWfhPs3BQ3b8b7SfMSDBh8x+sooJR2E='",
    ]);
  });

  it('sends nosniff, a referrer policy and a permissions policy', async () => {
    const headers = await headersWith({});
    expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(headers.get('Permissions-Policy')).toContain('camera=()');
    expect(headers.get('Permissions-Policy')).toContain('microphone=()');
  });

  it('cuts the room pages off from windows of other origins, and only them', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../../next.config.js') as Config;
    const rules = await config.headers();
    const opener = (source: string) =>
      rules
        .filter((r) => r.source === source)
        .flatMap((r) => r.headers)
        .find((h) => h.key === 'Cross-Origin-Opener-Policy')?.value;
    for (const page of ['/rooms', '/join', '/r/:path*']) expect(opener(page)).toBe('same-origin');
    // Reading pages: the header would cost a phone a new process before the text paints (ADR 004).
    expect(opener('/:path*')).toBeUndefined();
    expect(rules.map((r) => r.source).sort()).toEqual(['/:path*', '/join', '/r/:path*', '/rooms']);
  });

  it('does not announce the framework (no X-Powered-By)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect((require('../../next.config.js') as Config).poweredByHeader).toBe(false);
  });

  it('lets a trainer allow a learning platform to embed Crossroads', async () => {
    const csp = directives(
      (await headersWith({ CROSSROADS_FRAME_ANCESTORS: "'self' https://lms.example.org" })).get(
        'Content-Security-Policy',
      ) ?? '',
    );
    expect(csp.get('frame-ancestors')).toEqual(["'self'", 'https://lms.example.org']);
  });

  it.each(['https://x.org; script-src *', '*', 'javascript:alert(1)', ''])(
    'refuses a frame-ancestors value that is not a list of origins: %p',
    async (value) => {
      await expect(headersWith({ CROSSROADS_FRAME_ANCESTORS: value })).rejects.toThrow(
        /CROSSROADS_FRAME_ANCESTORS: expected/,
      );
    },
  );
});
