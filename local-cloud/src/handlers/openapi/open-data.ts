import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * Open data behind CloudIDs (开放数据). In WeChat, an API such as `wx.getGroupEnterInfo` answers a
 * `cloudID`; the page passes `wx.cloud.CloudID(cloudID)` as a top-level field of the callFunction
 * data, and CloudBase hands the function `{ cloudID, data }` in its place (or `{ cloudID, errCode,
 * errMsg }` when the id is unknown, expired or belongs to another user: -601005 / -601006 / -601007,
 * wx-server-sdk's codes). Locally a developer (the console) or a test issues stand-in CloudIDs for
 * given data; a function runtime resolves them with `resolve`, as CloudBase does on the way in, and
 * a function resolves one itself with `cloud.getOpenData({ list: [cloudID] })` (handlers/openapi.ts),
 * for the user behind its invocation's API token.
 */
export interface OpenDataEntry {
  cloud_id: string;
  /** The user the id was issued to; null: any caller (the console's stand-ins). */
  openid: string | null;
  data: unknown;
  created: string;
  expires: string;
}

export type ResolvedOpenData = { cloudID: string; data: unknown } | { cloudID: string; errCode: number; errMsg: string };

interface Row {
  cloud_id: string;
  openid: string | null;
  data: string;
  created: number;
  expires: number;
}

/** WeChat documents that a CloudID expires; five minutes keeps stale ids from being replayed. */
export const OPEN_DATA_LIFETIME_MS = 5 * 60 * 1000;

/** How long an invocation's API token identifies its caller (longer than any function's timeout). */
export const API_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

export class OpenDataStore {
  /**
   * Per-invocation API tokens → the calling user. CloudBase hands each invocation a `WX_API_TOKEN`
   * that wx-server-sdk sends with every request (`wxCloudApiToken`); `cloud.getOpenData` resolves a
   * CloudID for the user behind it. The local runtime asks for one per user call (`issueApiToken`).
   */
  private readonly apiTokens = new Map<string, { openid: string; expires: number }>();

  constructor(private readonly db: Database.Database) {}

  issueApiToken(openid: string): string {
    const now = Date.now();
    if (this.apiTokens.size > 1000) for (const [t, v] of this.apiTokens) if (v.expires < now) this.apiTokens.delete(t);
    const token = `local_api_${randomBytes(18).toString('base64url')}`;
    this.apiTokens.set(token, { openid, expires: now + API_TOKEN_LIFETIME_MS });
    return token;
  }

  /** The user an invocation's token stands for; undefined without one (a script, a timer, an expired token). */
  callerOfToken(token: unknown): string | undefined {
    if (typeof token !== 'string' || !token) return undefined;
    const entry = this.apiTokens.get(token);
    return entry && entry.expires >= Date.now() ? entry.openid : undefined;
  }

  migrate(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS _lc_open_data (
      cloud_id TEXT PRIMARY KEY,
      openid TEXT,
      data TEXT NOT NULL,
      created INTEGER NOT NULL,
      expires INTEGER NOT NULL
    )`);
  }

  issue(data: unknown, options: { openid?: string | null; lifetimeMs?: number } = {}): { cloudID: string; expiresAt: string } {
    const now = Date.now();
    // Shaped like WeChat's ids ("27_…"), but marked as local.
    const cloudID = `local_${randomBytes(18).toString('base64url')}`;
    const expires = now + (options.lifetimeMs ?? OPEN_DATA_LIFETIME_MS);
    this.db.prepare('INSERT INTO _lc_open_data (cloud_id, openid, data, created, expires) VALUES (?, ?, ?, ?, ?)').run(cloudID, options.openid ?? null, JSON.stringify(data), now, expires);
    return { cloudID, expiresAt: new Date(expires).toISOString() };
  }

  resolve(cloudID: string, caller: string | undefined): ResolvedOpenData {
    const row = this.db.prepare('SELECT * FROM _lc_open_data WHERE cloud_id = ?').get(cloudID) as Row | undefined;
    if (!row) return { cloudID, errCode: -601005, errMsg: 'invalid cloudID' };
    if (row.expires < Date.now()) return { cloudID, errCode: -601006, errMsg: 'cloudID expired' };
    if (row.openid !== null && row.openid !== caller) return { cloudID, errCode: -601007, errMsg: 'cloudID and calling user does not match' };
    return { cloudID, data: JSON.parse(row.data) as unknown };
  }

  list(limit = 100): OpenDataEntry[] {
    return (this.db.prepare('SELECT * FROM _lc_open_data ORDER BY created DESC LIMIT ?').all(limit) as Row[]).map((r) => ({
      cloud_id: r.cloud_id,
      openid: r.openid,
      data: JSON.parse(r.data) as unknown,
      created: new Date(r.created).toISOString(),
      expires: new Date(r.expires).toISOString(),
    }));
  }
}
