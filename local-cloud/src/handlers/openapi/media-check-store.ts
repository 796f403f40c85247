import type Database from 'better-sqlite3';

/** Where the emulated verdict push stands: none (push off), pending, delivered, failed (gave up). */
export type PushStatus = 'none' | 'pending' | 'delivered' | 'failed';

export interface MediaCheck {
  trace_id: string;
  media_url: string;
  media_type: number;
  openid: string;
  scene: number;
  time: string;
  /** The verdict local cloud pushes (null while push is off). */
  suggest: 'pass' | 'risky' | null;
  label: number | null;
  push_function: string | null;
  push_status: PushStatus;
  push_attempts: number;
  push_error: string | null;
  pushed_at: string | null;
}

interface Row {
  trace_id: string;
  media_url: string;
  media_type: number;
  openid: string;
  scene: number;
  time: number;
  suggest: 'pass' | 'risky' | null;
  label: number | null;
  push_function: string | null;
  push_status: PushStatus | null;
  push_attempts: number | null;
  push_error: string | null;
  pushed_at: number | null;
}

/** Columns added after the first version of the table; older data folders get them on start. */
const ADDED_COLUMNS: Array<[string, string]> = [
  ['suggest', 'TEXT'],
  ['label', 'INTEGER'],
  ['push_function', 'TEXT'],
  ['push_status', "TEXT NOT NULL DEFAULT 'none'"],
  ['push_attempts', 'INTEGER NOT NULL DEFAULT 0'],
  ['push_error', 'TEXT'],
  ['pushed_at', 'INTEGER'],
];

/** security.mediaCheckAsync requests and, when push is on, what was pushed for each. */
export class MediaCheckStore {
  constructor(private readonly db: Database.Database) {}

  migrate(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS _lc_media_checks (
      trace_id TEXT PRIMARY KEY,
      media_url TEXT NOT NULL,
      media_type INTEGER NOT NULL,
      openid TEXT NOT NULL,
      scene INTEGER NOT NULL,
      time INTEGER NOT NULL
    )`);
    const have = new Set((this.db.prepare('PRAGMA table_info(_lc_media_checks)').all() as Array<{ name: string }>).map((c) => c.name));
    for (const [name, type] of ADDED_COLUMNS) {
      if (!have.has(name)) this.db.exec(`ALTER TABLE _lc_media_checks ADD COLUMN ${name} ${type}`);
    }
  }

  record(
    check: Pick<MediaCheck, 'trace_id' | 'media_url' | 'media_type' | 'openid' | 'scene'>,
    push: { functionName: string; suggest: 'pass' | 'risky'; label: number } | null,
  ): void {
    this.db
      .prepare(
        `INSERT INTO _lc_media_checks (trace_id, media_url, media_type, openid, scene, time, suggest, label, push_function, push_status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        check.trace_id, check.media_url, check.media_type, check.openid, check.scene, Date.now(),
        push?.suggest ?? null, push?.label ?? null, push?.functionName ?? null, push ? 'pending' : 'none',
      );
  }

  /** One push attempt finished: delivered, or failed with the error (final when `gaveUp`). */
  recordAttempt(traceId: string, outcome: { ok: true } | { ok: false; error: string; gaveUp: boolean }): void {
    const status: PushStatus = outcome.ok ? 'delivered' : outcome.gaveUp ? 'failed' : 'pending';
    this.db
      .prepare(
        `UPDATE _lc_media_checks SET push_status = ?, push_attempts = push_attempts + 1, push_error = ?, pushed_at = ? WHERE trace_id = ?`,
      )
      .run(status, outcome.ok ? null : outcome.error.slice(0, 500), Date.now(), traceId);
  }

  list(limit = 200): MediaCheck[] {
    const rows = this.db.prepare('SELECT * FROM _lc_media_checks ORDER BY time DESC, rowid DESC LIMIT ?').all(limit) as Row[];
    return rows.map((r) => ({
      ...r,
      time: new Date(r.time).toISOString(),
      push_status: r.push_status ?? 'none',
      push_attempts: r.push_attempts ?? 0,
      pushed_at: r.pushed_at === null ? null : new Date(r.pushed_at).toISOString(),
    }));
  }
}
