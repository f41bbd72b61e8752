/**
 * The room cookies. The facilitator's secret is httpOnly, SameSite=Strict: only the browser that
 * opened the room sends it, and never on a request another site starts. A participant's token is
 * httpOnly, SameSite=Lax: a phone that scans the room's QR code again is still itself. Both are
 * scoped to the room's path and marked Secure when the site is served over HTTPS.
 */
import { TOKEN } from './secrets';

export const facilitatorCookie = (code: string) => `crossroads-facilitator-${code}`;
export const participantCookie = (code: string) => `crossroads-participant-${code}`;

/** A cookie's value from a request's Cookie header. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** The participant token a request carries for a room, if it is a well-formed one. */
export function participantToken(request: Request, code: string): string | undefined {
  const token = readCookie(request, participantCookie(code));
  return token && TOKEN.test(token) ? token : undefined;
}

function secure(request: Request): boolean {
  const proto = request.headers.get('x-forwarded-proto') ?? new URL(request.url).protocol;
  return proto.replace(/:$/, '') === 'https';
}

export function setCookie(
  request: Request,
  name: string,
  value: string,
  options: { code: string; sameSite: 'Strict' | 'Lax'; maxAgeSeconds: number },
): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=/r/${options.code}`,
    `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    `SameSite=${options.sameSite}`,
    ...(secure(request) ? ['Secure'] : []),
  ].join('; ');
}
