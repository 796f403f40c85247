import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { optionalString } from './request-pairs';
import { WxApiError, withRid, type WxAnswer } from './wx-answer';

/**
 * Updatable messages (动态消息): `createActivityId` hands out an id valid for 24 hours;
 * `setUpdatableMsg` moves the shared message between state 0 ("members are joining
 * {member_count}/{room_limit}") and 1 ("started", with `path` and `version_type`); 1 is final.
 * WeChat documents the fields and that 1 cannot change; the errcode for a request that breaks
 * these rules is not documented, so local cloud answers 47001 (data format error), which WeChat
 * documents for this API.
 */
export interface UpdatableMessage {
  activity_id: string;
  openid: string | null;
  unionid: string | null;
  created: string;
  expires: string;
  /** null until the first setUpdatableMsg. */
  state: number | null;
  parameters: Record<string, string>;
  updates: number;
  updated: string | null;
}

interface Row {
  activity_id: string;
  openid: string | null;
  unionid: string | null;
  created: number;
  expires: number;
  state: number | null;
  parameters: string;
  updates: number;
  updated: number | null;
}

const LIFETIME_MS = 24 * 3600 * 1000;
const VERSION_TYPES = new Set(['develop', 'trial', 'release']);
const REQUIRED: Record<number, string[]> = { 0: ['member_count', 'room_limit'], 1: ['path', 'version_type'] };

const invalid = (why: string) => new WxApiError(47001, withRid(`data format error hint: ${why}`));

export class UpdatableMessageStore {
  constructor(private readonly db: Database.Database) {}

  migrate(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS _lc_updatable_messages (
      activity_id TEXT PRIMARY KEY,
      openid TEXT,
      unionid TEXT,
      created INTEGER NOT NULL,
      expires INTEGER NOT NULL,
      state INTEGER,
      parameters TEXT NOT NULL DEFAULT '{}',
      updates INTEGER NOT NULL DEFAULT 0,
      updated INTEGER
    )`);
  }

  create(req: Record<string, unknown>): WxAnswer {
    const now = Date.now();
    const id = `${randomBytes(12).toString('hex').toUpperCase()}#${now}`;
    this.db
      .prepare('INSERT INTO _lc_updatable_messages (activity_id, openid, unionid, created, expires) VALUES (?, ?, ?, ?, ?)')
      .run(id, optionalString(req, 'openid') ?? null, optionalString(req, 'unionid') ?? null, now, now + LIFETIME_MS);
    return { errcode: 0, errmsg: 'ok', activity_id: id, expiration_time: Math.floor((now + LIFETIME_MS) / 1000) };
  }

  set(req: Record<string, unknown>): WxAnswer {
    const id = optionalString(req, 'activity_id');
    if (!id) throw invalid('activity_id missing');
    const row = this.db.prepare('SELECT * FROM _lc_updatable_messages WHERE activity_id = ?').get(id) as Row | undefined;
    if (!row) throw invalid('activity_id not found');
    if (row.expires < Date.now()) throw invalid('activity_id expired');
    const state = req.target_state;
    if (state !== 0 && state !== 1) throw invalid('target_state must be 0 or 1');
    if (row.state === 1) throw invalid('state 1 cannot be changed');
    const list = (req.template_info as { parameter_list?: unknown } | undefined)?.parameter_list;
    if (!Array.isArray(list)) throw invalid('template_info.parameter_list missing');
    const params: Record<string, string> = {};
    for (const p of list as Array<{ name?: unknown; value?: unknown }>) {
      if (typeof p?.name !== 'string' || typeof p.value !== 'string') throw invalid('parameter_list items are {name, value} strings');
      params[p.name] = p.value;
    }
    for (const name of REQUIRED[state]!) if (params[name] === undefined) throw invalid(`${name} is required for target_state ${state}`);
    if (state === 1 && !VERSION_TYPES.has(params.version_type!)) throw invalid('version_type must be develop, trial or release');
    this.db
      .prepare('UPDATE _lc_updatable_messages SET state = ?, parameters = ?, updates = updates + 1, updated = ? WHERE activity_id = ?')
      .run(state, JSON.stringify(params), Date.now(), id);
    return { errcode: 0, errmsg: 'ok' };
  }

  list(limit = 200): UpdatableMessage[] {
    return (this.db.prepare('SELECT * FROM _lc_updatable_messages ORDER BY created DESC LIMIT ?').all(limit) as Row[]).map((r) => ({
      activity_id: r.activity_id,
      openid: r.openid,
      unionid: r.unionid,
      created: new Date(r.created).toISOString(),
      expires: new Date(r.expires).toISOString(),
      state: r.state,
      parameters: JSON.parse(r.parameters) as Record<string, string>,
      updates: r.updates,
      updated: r.updated === null ? null : new Date(r.updated).toISOString(),
    }));
  }
}
