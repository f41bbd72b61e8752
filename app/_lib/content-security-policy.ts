/**
 * The Content-Security-Policy, built per response by `proxy.ts` (see
 * docs/decisions/003-security-headers.md). Its `script-src` allows this site's files and, of the
 * inline scripts, only those of the page being sent: on a pre-rendered page the SHA-256 hashes of
 * the inline scripts in its HTML (fixed at build time), on a page rendered on request a nonce
 * that Next.js puts on the scripts it writes. Never `'unsafe-inline'`.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Every `<script>` without a `src`: its attributes and its text. */
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** The CSP hash sources (`'sha256-…'`) of a page's inline scripts, in page order, each once. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes = '', text = ''] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes) || text.length === 0) continue;
    hashes.add(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface PolicyOptions {
  /** Hash or nonce sources that allow this page's own inline scripts. */
  readonly inlineScripts: readonly string[];
  /** The frame-ancestors sources, validated when the site was built (next.config.js). */
  readonly frameAncestors: string;
  /** `next dev`: React's dev tooling needs eval, and the dev server a websocket. */
  readonly dev?: boolean;
}

export function contentSecurityPolicy({
  inlineScripts,
  frameAncestors,
  dev = false,
}: PolicyOptions): string {
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    // This site's script files, and the inline scripts of this page only (hashes or a nonce).
    'script-src': ["'self'", ...inlineScripts, ...(dev ? ["'unsafe-eval'"] : [])],
    // 'unsafe-inline': Next injects inline style attributes for its route announcer.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(dev ? ['ws:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': [frameAncestors],
    'manifest-src': ["'self'"],
    'worker-src': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
