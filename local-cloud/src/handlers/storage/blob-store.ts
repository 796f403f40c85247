import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TEMP_DIR_NAME } from './cloud-path';

export class UploadTooLargeError extends Error {}
export class KeyConflictError extends Error {}

export interface StoredBlob {
  file: string;
  size: number;
  mtime: Date;
}

/**
 * Files under `<dataDir>/storage/<key>`. Keys are checked by `checkCloudPath` before they get
 * here; `resolve` checks again that the result stays inside the root (defence in depth).
 * Writes go to a temp file, are fsynced, then renamed, so a crash leaves either the old file or
 * the new one, never half of one.
 */
export class BlobStore {
  readonly root: string;
  private readonly tempDir: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'storage');
    this.tempDir = path.join(this.root, TEMP_DIR_NAME);
  }

  /** Creates the folders and drops uploads a crash left in flight. */
  init(): void {
    fs.rmSync(this.tempDir, { recursive: true, force: true });
    fs.mkdirSync(this.tempDir, { recursive: true });
  }

  resolve(key: string): string {
    const file = path.resolve(this.root, ...key.split('/'));
    if (!file.startsWith(this.root + path.sep)) throw new Error(`key escapes storage root: ${key}`);
    return file;
  }

  async write(key: string, body: Readable, maxBytes: number): Promise<{ size: number; etag: string }> {
    const target = this.resolve(key);
    const temp = path.join(this.tempDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const md5 = createHash('md5');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) {
          done(new UploadTooLargeError(`upload over ${maxBytes} bytes`));
          return;
        }
        md5.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, fs.createWriteStream(temp, { flags: 'wx' }));
      const handle = await fs.promises.open(temp, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.mkdir(path.dirname(target), { recursive: true }).catch((err: NodeJS.ErrnoException) => {
        throw err.code === 'EEXIST' || err.code === 'ENOTDIR' ? new KeyConflictError(`a file is in the way of ${key}`) : err;
      });
      await fs.promises.rename(temp, target).catch((err: NodeJS.ErrnoException) => {
        throw err.code === 'EISDIR' || err.code === 'ENOTEMPTY' || err.code === 'ENOTDIR'
          ? new KeyConflictError(`${key} is a folder of other files`)
          : err;
      });
    } catch (err) {
      await fs.promises.rm(temp, { force: true });
      throw err;
    }
    return { size, etag: md5.digest('hex') };
  }

  async stat(key: string): Promise<StoredBlob | null> {
    const file = this.resolve(key);
    try {
      const st = await fs.promises.stat(file);
      return st.isFile() ? { file, size: st.size, mtime: st.mtime } : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw err;
    }
  }

  /** true if a file was removed; empty parent folders are pruned so the tree stays readable. */
  async remove(key: string): Promise<boolean> {
    const blob = await this.stat(key);
    if (!blob) return false;
    await fs.promises.rm(blob.file, { force: true });
    let dir = path.dirname(blob.file);
    while (dir.startsWith(this.root + path.sep)) {
      try {
        await fs.promises.rmdir(dir);
      } catch {
        break;
      }
      dir = path.dirname(dir);
    }
    return true;
  }
}
