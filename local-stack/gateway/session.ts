import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SESSION_COOKIE = 'fq_session';
/** A local sign-in lasts a week; after that the sign-in page is one click away. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

/**
 * The HMAC key for session cookies, one per data dir (created on first use, readable only by its owner),
 * so a cookie from another checkout or a wiped data dir is simply not signed in.
 */
export function loadSessionSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, 'gateway-session.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  } catch {
    const key = randomBytes(32);
    try {
      fs.writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
      return key;
    } catch {
      // Another process created it between our read and write: use theirs.
      return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    }
  }
}

interface SessionPayload {
  openid: string;
  /** Issued at, seconds. */
  iat: number;
}

function mac(secret: Buffer, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export function signSession(secret: Buffer, openid: string, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const body = Buffer.from(JSON.stringify({ openid, iat: nowSeconds } satisfies SessionPayload)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** The openid of a valid, unexpired cookie value, else null. */
export function verifySession(secret: Buffer, value: string | undefined, nowSeconds = Math.floor(Date.now() / 1000)): string | null {
  if (!value) return null;
  const [body, sig, extra] = value.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<SessionPayload>;
    if (typeof payload.openid !== 'string' || typeof payload.iat !== 'number') return null;
    if (nowSeconds - payload.iat > SESSION_MAX_AGE_SECONDS || payload.iat > nowSeconds + 60) return null;
    return payload.openid;
  } catch {
    return null;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** HttpOnly so page scripts cannot read it; SameSite=Lax so other sites cannot post with it. */
export function sessionCookie(value: string): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MAX_AGE_SECONDS}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
