import type Database from 'better-sqlite3';

export interface MediaCheck {
  trace_id: string;
  media_url: string;
  media_type: number;
  openid: string;
  scene: number;
  time: string;
}

/** security.mediaCheckAsync requests, so a developer can see what would have been checked. */
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
  }

  record(check: Omit<MediaCheck, 'time'>): void {
    this.db
      .prepare('INSERT INTO _lc_media_checks (trace_id, media_url, media_type, openid, scene, time) VALUES (?, ?, ?, ?, ?, ?)')
      .run(check.trace_id, check.media_url, check.media_type, check.openid, check.scene, Date.now());
  }

  list(limit = 200): MediaCheck[] {
    const rows = this.db.prepare('SELECT * FROM _lc_media_checks ORDER BY time DESC, rowid DESC LIMIT ?').all(limit) as Array<
      Omit<MediaCheck, 'time'> & { time: number }
    >;
    return rows.map((r) => ({ ...r, time: new Date(r.time).toISOString() }));
  }
}
