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
  /** The person's session generation when issued; signing out moves it on (see SessionGenerations). */
  gen: number;
}

export interface Session {
  openid: string;
  gen: number;
}

/**
 * Server-side sign-out for stateless cookies: one generation number per person, kept in the data
 * dir. A cookie is valid only while it carries the current number, so signing out (or switching to
 * another person in that browser) revokes every cookie issued before, even a copied one.
 */
export class SessionGenerations {
  private readonly generations: Record<string, number>;

  constructor(private readonly file: string | null) {
    let loaded: Record<string, number> = {};
    try {
      if (file) loaded = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>;
    } catch {
      loaded = {};
    }
    this.generations = Object.assign(Object.create(null) as Record<string, number>, loaded);
  }

  current(openid: string): number {
    const gen = this.generations[openid];
    return typeof gen === 'number' ? gen : 0;
  }

  revoke(openid: string): void {
    this.generations[openid] = this.current(openid) + 1;
    if (!this.file) return;
    // Written whole and renamed: a crash leaves the old or the new list, never half of one.
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(this.generations), { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}

/** The generations of a data dir (`gateway-sessions.json`), so a restart keeps sign-outs. */
export function loadSessionGenerations(dataDir: string): SessionGenerations {
  fs.mkdirSync(dataDir, { recursive: true });
  return new SessionGenerations(path.join(dataDir, 'gateway-sessions.json'));
}

function mac(secret: Buffer, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export function signSession(secret: Buffer, openid: string, nowSeconds = Math.floor(Date.now() / 1000), gen = 0): string {
  const body = Buffer.from(JSON.stringify({ openid, iat: nowSeconds, gen } satisfies SessionPayload)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** The session of a validly signed, unexpired cookie value, else null (revocation is the caller's check). */
export function verifySession(secret: Buffer, value: string | undefined, nowSeconds = Math.floor(Date.now() / 1000)): Session | null {
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
    return { openid: payload.openid, gen: typeof payload.gen === 'number' ? payload.gen : 0 };
  } catch {
    return null;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      // A malformed value (`%ZZ`) is no session, not a failure of every page until it is cleared.
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
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
