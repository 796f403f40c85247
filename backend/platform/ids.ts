import { createHash, randomBytes } from 'node:crypto';

/** A stable id from parts: the same parts always give the same id (idempotent writes). */
export function derivedId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

export function randomId(): string {
  return randomBytes(16).toString('hex');
}

/** Invite codes avoid look-alike characters (0/O, 1/I) because people type them. */
export function inviteCode(length = 8): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
