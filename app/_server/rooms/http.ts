/**
 * What every room route does with a request before the hub sees it: check it comes from this
 * site, read a body no larger than the limit, parse it (JSON from scripts, a form from a phone
 * without JavaScript), and answer in kind: JSON for a script, a redirect back to the page for a
 * form, each refusal with a plain reason.
 */
import { z } from 'zod';
import { StoreUnavailableError } from '../store/errors';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(reason);
  }
}

/**
 * A state-changing request must come from a page of this site: its Origin is this host, or, where
 * a browser sends no Origin, Sec-Fetch-Site says same-origin. Anything else is refused (403).
 */
export function assertSameOrigin(request: Request): void {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  const origin = request.headers.get('origin');
  if (origin !== null) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost && host && originHost === host) return;
    throw new HttpError(403, 'cross-origin');
  }
  if (request.headers.get('sec-fetch-site') === 'same-origin') return;
  throw new HttpError(403, 'cross-origin');
}

/** Reads the body, refusing (413) one larger than `limit` bytes without reading the rest. */
export async function readBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw new HttpError(413, 'too-large');
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new HttpError(413, 'too-large');
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Whether the caller is a script that wants JSON back (else it is a form, and gets a redirect). */
export function wantsJson(request: Request): boolean {
  return (
    (request.headers.get('accept') ?? '').includes('application/json') ||
    (request.headers.get('content-type') ?? '').includes('application/json')
  );
}

/** The body as a plain object: JSON, or an HTML form's fields (the last value of each name). */
export async function readInput(request: Request, limit: number): Promise<Record<string, unknown>> {
  const text = await readBody(request, limit);
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      const value: unknown = JSON.parse(text || '{}');
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        return value as Record<string, unknown>;
      }
    } catch {
      // fall through
    }
    throw new HttpError(400, 'malformed');
  }
  if (type.includes('application/x-www-form-urlencoded') || type === '') {
    return Object.fromEntries(new URLSearchParams(text));
  }
  throw new HttpError(415, 'unsupported-type');
}

/** Parses input with a zod schema; any mismatch is a 400 naming the first field. */
export function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HttpError(400, `invalid ${issue?.path.join('.') || 'body'}`);
  }
  return result.data;
}

/** A JSON answer (no caching: every room answer is about now). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  });
}

/** A redirect after a form post (303: the browser follows it with a GET). */
export function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...headers } });
}

/** The address a request comes from, as the proxy in front (or Next) reports it. */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for');
  return forwarded?.split(',')[0]?.trim() || request.headers.get('x-real-ip') || 'unknown';
}

/**
 * Turns a thrown HttpError (or anything else) into an answer of the right kind. The store being
 * unreachable, wherever it is met, is a 503 the client may retry after `Retry-After`.
 */
export function answerError(request: Request, error: unknown, back: string): Response {
  if (error instanceof StoreUnavailableError) {
    error = new HttpError(503, 'unavailable', { 'Retry-After': String(error.retryAfterSeconds) });
  } else if (!(error instanceof HttpError)) {
    console.error('room route failed:', error);
    error = new HttpError(500, 'internal');
  }
  const { status, reason, headers } = error as HttpError;
  if (wantsJson(request) || request.method === 'GET') {
    return json({ error: reason }, status, headers);
  }
  if (status === 403 || status === 413 || status === 415) {
    return new Response(reason, { status, headers: { 'Content-Type': 'text/plain', ...headers } });
  }
  return seeOther(`${back}?problem=${encodeURIComponent(reason)}`, headers);
}
