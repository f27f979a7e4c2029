/**
 * Ids and join codes. Ids sort by creation time (48-bit milliseconds + 80 random bits, base32,
 * like a ULID), which keeps outbox and audit ordering stable. Join codes avoid look-alike
 * characters (0/O, 1/I/L) because people read them aloud and type them on phones.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { IdSource } from './core/ports.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function timePart(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i += 1) {
    out = (CROCKFORD[ms % 32] as string) + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

export function createIdSource(now: () => number = Date.now): IdSource {
  let lastMs = -1;
  let counter = 0;
  return {
    next() {
      const ms = now();
      // Within one millisecond a counter keeps ids increasing.
      counter = ms === lastMs ? counter + 1 : 0;
      lastMs = ms;
      const random = [...randomBytes(12)].map((b) => CROCKFORD[b % 32]).join('');
      return `${timePart(ms)}${counter.toString(32).padStart(4, '0').toUpperCase()}${random}`.toLowerCase();
    },
    joinCode() {
      return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    },
  };
}
