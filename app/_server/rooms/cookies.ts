/**
 * The room cookies. The facilitator's secret is httpOnly, SameSite=Strict: only the browser that
 * opened the room sends it, and never on a request another site starts. It is sent site-wide
 * (Path=/), so that the facilitator's rooms page can list every room this browser opened; its
 * name carries the room's code. A participant's token is httpOnly, SameSite=Lax (a phone that
 * scans the room's QR code again is still itself) and scoped to the room's path. Both are marked
 * Secure when the site is served over HTTPS.
 */
import { TOKEN } from './secrets';

export const facilitatorCookie = (code: string) => `crossroads-facilitator-${code}`;
export const participantCookie = (code: string) => `crossroads-participant-${code}`;

/** The codes of the rooms whose facilitator cookies a Cookie header carries. */
export const FACILITATOR_COOKIE = /^crossroads-facilitator-([A-Z0-9]{4,12})$/;

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
  options: { code: string; sameSite: 'Strict' | 'Lax'; maxAgeSeconds: number; path?: string },
): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? `/r/${options.code}`}`,
    `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    `SameSite=${options.sameSite}`,
    ...(secure(request) ? ['Secure'] : []),
  ].join('; ');
}
