import type Database from 'better-sqlite3';

export type GrantKind = 'one-time' | 'long-term';

export interface Grant {
  templateId: string;
  /** Unused one-time grants; each accepted send uses one. */
  oneTime: number;
  longTerm: boolean;
  updatedAt: string;
}

interface GrantRow {
  template_id: string;
  one_time: number;
  long_term: number;
  updated_at: number;
}

/**
 * What `wx.requestSubscribeMessage` records in WeChat: per user and template, a count of
 * one-time acceptances (each allows one message) and whether a long-term subscription exists.
 */
export class SubscriptionStore {
  constructor(private readonly db: Database.Database) {}

  migrate(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS _lc_subscriptions (
      openid TEXT NOT NULL,
      template_id TEXT NOT NULL,
      one_time INTEGER NOT NULL DEFAULT 0,
      long_term INTEGER NOT NULL DEFAULT 0,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (openid, template_id)
    ) WITHOUT ROWID`);
  }

  grant(openid: string, templateIds: string[], kind: GrantKind): void {
    const stmt = this.db.prepare(
      `INSERT INTO _lc_subscriptions (openid, template_id, one_time, long_term, updated_at)
       VALUES (@openid, @templateId, @oneTime, @longTerm, @now)
       ON CONFLICT (openid, template_id) DO UPDATE SET
         one_time = one_time + excluded.one_time,
         long_term = MAX(long_term, excluded.long_term),
         updated_at = excluded.updated_at`,
    );
    const now = Date.now();
    this.db.transaction(() => {
      for (const templateId of templateIds) {
        stmt.run({ openid, templateId, oneTime: kind === 'one-time' ? 1 : 0, longTerm: kind === 'long-term' ? 1 : 0, now });
      }
    })();
  }

  list(openid: string): Grant[] {
    const rows = this.db
      .prepare('SELECT template_id, one_time, long_term, updated_at FROM _lc_subscriptions WHERE openid = ? ORDER BY template_id')
      .all(openid) as GrantRow[];
    return rows.map((r) => ({
      templateId: r.template_id,
      oneTime: r.one_time,
      longTerm: r.long_term === 1,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  /** Uses a grant for one message; false when the user has none. Call inside a transaction. */
  consume(openid: string, templateId: string): boolean {
    const row = this.db
      .prepare('SELECT one_time, long_term FROM _lc_subscriptions WHERE openid = ? AND template_id = ?')
      .get(openid, templateId) as Pick<GrantRow, 'one_time' | 'long_term'> | undefined;
    if (!row) return false;
    if (row.long_term === 1) return true;
    if (row.one_time <= 0) return false;
    this.db
      .prepare('UPDATE _lc_subscriptions SET one_time = one_time - 1, updated_at = ? WHERE openid = ? AND template_id = ?')
      .run(Date.now(), openid, templateId);
    return true;
  }

  reset(openid?: string): number {
    return openid === undefined
      ? this.db.prepare('DELETE FROM _lc_subscriptions').run().changes
      : this.db.prepare('DELETE FROM _lc_subscriptions WHERE openid = ?').run(openid).changes;
  }
}
