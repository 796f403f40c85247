import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IndexDeclaration } from '../store/declarations';
import { COLLECTION_NAME } from '../store/declarations';
import { checkCloudPath, TEMP_DIR_NAME } from '../handlers/storage/cloud-path';

/**
 * An export folder:
 *   manifest.json                      written last: a folder without it is not an export
 *   collections/<name>.jsonl           one document per line, relaxed EJSON (dates stay dates)
 *   local-cloud/<table>.jsonl          local cloud's own tables (outbox, grants, media checks), one row per line
 *   files/<key>                        stored files, byte for byte
 * Every file is listed in the manifest with its line count or size and its SHA-256.
 */
export const EXPORT_FORMAT = 'local-cloud-export';
export const EXPORT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

export interface ManifestCollection {
  name: string;
  documents: number;
  file: string;
  sha256: string;
  /** Declared indexes at export time (for the reader; import uses the running declarations). */
  indexes: IndexDeclaration[];
}

export interface ManifestTable {
  name: string;
  rows: number;
  file: string;
  sha256: string;
}

export interface ManifestFile {
  key: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  createdAt: string;
  envId: string;
  collections: ManifestCollection[];
  tables: ManifestTable[];
  files: ManifestFile[];
}

/** Import refuses the folder: nothing was changed. */
export class ExportFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFolderError';
  }
}

export const TABLE_NAME = /^_lc_[a-z0-9_]+$/;

export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Stored files under the storage root, as keys (the upload temp folder is not data). */
export function listStoredFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!prefix && e.name === TEMP_DIR_NAME) continue;
      const key = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), key);
      else if (e.isFile()) out.push(key);
    }
  };
  walk(root, '');
  return out;
}

function fail(dir: string, why: string): never {
  throw new ExportFolderError(`不是完整的导出目录 (not a complete export) ${dir}: ${why}`);
}

/** Reads and checks the manifest and every file it lists (counts, sizes, checksums). */
export function readVerifiedManifest(dir: string): Manifest {
  const manifestFile = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(manifestFile)) fail(dir, `缺少 ${MANIFEST_FILE}`);
  let m: Manifest;
  try {
    m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch (err) {
    fail(dir, `${MANIFEST_FILE} 不是合法的 JSON (${(err as Error).message})`);
  }
  if (m?.format !== EXPORT_FORMAT || m.version !== EXPORT_VERSION) fail(dir, `格式不对 (format ${String(m?.format)} v${String(m?.version)})`);
  if (!Array.isArray(m.collections) || !Array.isArray(m.tables) || !Array.isArray(m.files)) fail(dir, 'manifest 缺少 collections/tables/files');
  const checkListed = (rel: string, sha: string, what: string) => {
    const file = path.join(dir, rel);
    if (!path.resolve(file).startsWith(path.resolve(dir) + path.sep)) fail(dir, `${what} 的路径越界`);
    if (!fs.existsSync(file)) fail(dir, `缺少 ${rel}`);
    if (sha256File(file) !== sha) fail(dir, `${rel} 的校验和不符`);
    return file;
  };
  const countLines = (file: string) => {
    const text = fs.readFileSync(file, 'utf8');
    return text ? text.split('\n').filter(Boolean).length : 0;
  };
  for (const c of m.collections) {
    if (typeof c.name !== 'string' || !COLLECTION_NAME.test(c.name)) fail(dir, `集合名不合法: ${String(c.name)}`);
    const file = checkListed(c.file, c.sha256, c.name);
    if (countLines(file) !== c.documents) fail(dir, `${c.file} 的文档数与 manifest 不符`);
  }
  for (const t of m.tables) {
    if (typeof t.name !== 'string' || !TABLE_NAME.test(t.name)) fail(dir, `表名不合法: ${String(t.name)}`);
    const file = checkListed(t.file, t.sha256, t.name);
    if (countLines(file) !== t.rows) fail(dir, `${t.file} 的行数与 manifest 不符`);
  }
  for (const f of m.files) {
    try {
      checkCloudPath(f.key);
    } catch {
      fail(dir, `文件路径不合法: ${String(f.key)}`);
    }
    const file = checkListed(`files/${f.key}`, f.sha256, f.key);
    if (fs.statSync(file).size !== f.size) fail(dir, `files/${f.key} 的大小不符`);
  }
  return m;
}
