import type Database from 'better-sqlite3';

export interface OutboxEntry {
  id: number;
  touser: string;
  template_id: string;
  page: string | null;
  data: unknown;
  miniprogram_state: string | null;
  lang: string | null;
  /** ISO time the send was received. */
  time: string;
  /** true when WeChat would have delivered the message. */
  ok: boolean;
  errcode: number;
  errmsg: string;
}

export type NewOutboxEntry = Omit<OutboxEntry, 'id' | 'time' | 'ok'>;

interface OutboxRow {
  id: number;
  touser: string;
  template_id: string;
  page: string | null;
  data: string;
  miniprogram_state: string | null;
  lang: string | null;
  time: number;
  errcode: number;
  errmsg: string;
}

export interface OutboxQuery {
  touser?: string;
  templateId?: string;
  limit?: number;
}

/** Every subscribeMessage.send, delivered or refused, newest first when read. */
export class OutboxStore {
  constructor(private readonly db: Database.Database) {}

  migrate(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS _lc_outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      touser TEXT NOT NULL,
      template_id TEXT NOT NULL,
      page TEXT,
      data TEXT NOT NULL,
      miniprogram_state TEXT,
      lang TEXT,
      time INTEGER NOT NULL,
      errcode INTEGER NOT NULL,
      errmsg TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS _lc_outbox_touser ON _lc_outbox (touser, id)`);
  }

  append(entry: NewOutboxEntry): void {
    this.db
      .prepare(
        `INSERT INTO _lc_outbox (touser, template_id, page, data, miniprogram_state, lang, time, errcode, errmsg)
         VALUES (@touser, @template_id, @page, @data, @miniprogram_state, @lang, @time, @errcode, @errmsg)`,
      )
      .run({ ...entry, data: JSON.stringify(entry.data ?? null), time: Date.now() });
  }

  list(q: OutboxQuery = {}): OutboxEntry[] {
    const where: string[] = [];
    const args: Record<string, unknown> = { limit: Math.min(Math.max(q.limit ?? 200, 1), 1000) };
    if (q.touser !== undefined) {
      where.push('touser = @touser');
      args.touser = q.touser;
    }
    if (q.templateId !== undefined) {
      where.push('template_id = @templateId');
      args.templateId = q.templateId;
    }
    const sql = `SELECT * FROM _lc_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(args) as OutboxRow[]).map((r) => ({
      id: r.id,
      touser: r.touser,
      template_id: r.template_id,
      page: r.page,
      data: JSON.parse(r.data) as unknown,
      miniprogram_state: r.miniprogram_state,
      lang: r.lang,
      time: new Date(r.time).toISOString(),
      ok: r.errcode === 0,
      errcode: r.errcode,
      errmsg: r.errmsg,
    }));
  }

  clear(): number {
    return this.db.prepare('DELETE FROM _lc_outbox').run().changes;
  }
}
