/**
 * Requests as a browser sends them to the room routes (a page of this site, behind the proxy
 * that sets X-Forwarded-For), for the route tests; and the cookie a response sets.
 */
export const ORIGIN = 'http://127.0.0.1:3000';

export interface Call {
  readonly method?: string;
  readonly path: string;
  readonly body?: unknown;
  /** 'json' (default), 'form', or a raw string. */
  readonly as?: 'json' | 'form';
  readonly cookies?: readonly string[];
  readonly origin?: string | null;
  readonly address?: string;
}

export function request(call: Call): Request {
  const headers = new Headers({
    host: '127.0.0.1:3000',
    'x-forwarded-for': call.address ?? '10.0.0.1',
  });
  if (call.origin !== null) headers.set('origin', call.origin ?? ORIGIN);
  if (call.cookies?.length) headers.set('cookie', call.cookies.join('; '));
  let body: string | undefined;
  if (call.body !== undefined) {
    if (call.as === 'form') {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(call.body as Record<string, string>).toString();
    } else if (typeof call.body === 'string') {
      headers.set('content-type', 'application/json');
      body = call.body;
    } else {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(call.body);
    }
  }
  if (call.as !== 'form') headers.set('accept', 'application/json');
  return new Request(`${ORIGIN}${call.path}`, { method: call.method ?? 'POST', headers, body });
}

/** The name=value part of a Set-Cookie header. */
export const cookieOf = (res: Response) =>
  (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
