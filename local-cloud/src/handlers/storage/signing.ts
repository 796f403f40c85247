import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * URL signatures for `/cos/<key>`. The secret lives in SQLite so URLs handed out before a restart
 * keep working until they expire, like CloudBase's.
 */
export class UrlSigner {
  private secret: Buffer = Buffer.alloc(0);

  migrate(db: Database.Database): void {
    db.exec('CREATE TABLE IF NOT EXISTS _lc_storage_secret (id INTEGER PRIMARY KEY CHECK (id = 1), secret BLOB NOT NULL)');
    db.prepare('INSERT OR IGNORE INTO _lc_storage_secret (id, secret) VALUES (1, ?)').run(randomBytes(32));
    const row = db.prepare('SELECT secret FROM _lc_storage_secret WHERE id = 1').get() as { secret: Buffer };
    this.secret = row.secret;
  }

  /**
   * `client`: the client an upload URL was handed to (its openid becomes the file's creator; null
   * when not signed in); undefined for the server SDK.
   */
  sign(method: 'GET' | 'PUT', key: string, expiresAt: number, client?: string | null): string {
    const payload = `${method}\n${key}\n${expiresAt}${client === undefined ? '' : `\nclient:${client ?? ''}`}`;
    return createHmac('sha256', this.secret).update(payload).digest('hex').slice(0, 40);
  }

  /** 'ok' | 'expired' | 'bad' — expiry is checked after the signature so a forged `t` is 'bad'. */
  verify(method: 'GET' | 'PUT', key: string, sign: string | null, t: string | null, nowSeconds: number, client?: string | null): 'ok' | 'expired' | 'bad' {
    if (!sign || !t || !/^\d{1,12}$/.test(t)) return 'bad';
    const expected = Buffer.from(this.sign(method, key, Number(t), client));
    const given = Buffer.from(sign);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad';
    return Number(t) < nowSeconds ? 'expired' : 'ok';
  }
}
