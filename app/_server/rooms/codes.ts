/**
 * Join codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L), so a code
 * read off a projector is typed right. 31 characters, six places: about 887 million codes.
 */
import { randomInt } from 'node:crypto';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 6;

/** A fresh random code (the store refuses one already in use; the caller tries again). */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * A code as typed, made canonical: upper case, spaces and dashes dropped. Undefined if what is
 * left is not six characters of the alphabet.
 */
export function normaliseCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]+/g, '');
  if (code.length !== CODE_LENGTH) return undefined;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return undefined;
  return code;
}
