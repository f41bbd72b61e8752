/**
 * The room's two secrets, each 128 random bits, each kept only in an httpOnly cookie:
 * the facilitator's (the store keeps its SHA-256, never the secret), and each participant's
 * token (the log names the participant by a hash of it, so the log and every view hold an id
 * that cannot be replayed as a cookie).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newSecret(): string {
  return randomBytes(16).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Whether a presented secret is the one whose hash is stored (in constant time). */
export function secretMatches(secret: string | undefined, hash: string): boolean {
  if (!secret) return false;
  const a = Buffer.from(hashSecret(secret));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The participant id the log and the views use for a participant's token. */
export function participantIdOf(token: string): string {
  return createHash('sha256').update(`participant:${token}`).digest('base64url').slice(0, 22);
}

/** A token as a cookie may carry it: 22 base64url characters (128 bits). */
export const TOKEN = /^[A-Za-z0-9_-]{22}$/;
