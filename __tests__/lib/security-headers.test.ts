/**
 * The headers next.config.js sends with every response. Read from the real config, so a change
 * there that weakens a header fails here.
 */
type Header = { key: string; value: string };
type Config = {
  poweredByHeader: boolean;
  headers: () => Promise<{ source: string; headers: Header[] }[]>;
};

async function headersWith(env: Record<string, string | undefined>): Promise<Map<string, string>> {
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
    expect(rules).toHaveLength(1);
    expect(rules[0]?.source).toBe('/:path*');
    return new Map(rules[0]?.headers.map((h) => [h.key, h.value]));
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
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
    for (const values of csp.values()) {
      for (const v of values) expect(v).toMatch(/^('[a-z-]+'|data:)$/);
    }
  });

  it('sends nosniff, a referrer policy and a permissions policy', async () => {
    const headers = await headersWith({});
    expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(headers.get('Permissions-Policy')).toContain('camera=()');
    expect(headers.get('Permissions-Policy')).toContain('microphone=()');
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
