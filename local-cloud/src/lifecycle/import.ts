import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';
import { TEMP_DIR_NAME } from '../handlers/storage/cloud-path';
import { type Doc, isPlainObject, reviveWireValue } from '../store/ejson';
import { quoteIdent } from '../store/sql';
import type { WriteOp } from '../store/store';
import { internalTables, storageRoot, type LifecycleDeps } from './deps';
import { ExportFolderError, listStoredFiles, readVerifiedManifest, type Manifest } from './manifest';

export interface ImportOptions {
  /** Replace whatever the store holds (reset); without it the store must be empty. */
  replace?: boolean;
}

export interface ImportSummary {
  collections: number;
  documents: number;
  files: number;
}

function readLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

function parseDocuments(dir: string, m: Manifest): Map<string, Doc[]> {
  const now = Date.now();
  const out = new Map<string, Doc[]>();
  for (const c of m.collections) {
    out.set(
      c.name,
      readLines(path.join(dir, c.file)).map((line, i) => {
        let doc: unknown;
        try {
          doc = reviveWireValue(EJSON.parse(line, { relaxed: true }), now);
        } catch (err) {
          throw new ExportFolderError(`${c.file}:${i + 1} 不是合法的 EJSON (${(err as Error).message})`);
        }
        if (!isPlainObject(doc) || doc._id === undefined || doc._id === null) throw new ExportFolderError(`${c.file}:${i + 1} 不是带 _id 的文档`);
        return doc;
      }),
    );
  }
  return out;
}

function isStoreEmpty(deps: LifecycleDeps): string | null {
  for (const name of deps.store.collectionNames()) {
    if (deps.store.find(name, {}, { limit: 1, allowScan: true }).length > 0) return `集合 ${name} 已有数据`;
  }
  if (listStoredFiles(storageRoot(deps)).length > 0) return '已有存储的文件';
  return null;
}

/**
 * Loads an export folder. Everything is checked before anything changes (manifest, checksums,
 * counts, every line parses); then, in one synchronous SQLite transaction, the store is emptied
 * (replace) and filled, so a running function's requests see the old store or the new one, never
 * a mix. Stored files are staged in the storage temp folder first and swapped in after the commit.
 */
export function importStore(deps: LifecycleDeps, dir: string, opts: ImportOptions = {}): ImportSummary {
  dir = path.resolve(dir);
  const manifest = readVerifiedManifest(dir);
  const docs = parseDocuments(dir, manifest);
  const tableRows = new Map(manifest.tables.map((t) => [t.name, readLines(path.join(dir, t.file)).map((l) => JSON.parse(l) as Record<string, unknown>)]));
  const existingTables = new Set(internalTables(deps.db));
  for (const t of manifest.tables) {
    if (!existingTables.has(t.name)) throw new ExportFolderError(`导出里的表 ${t.name} 在本地云中不存在 (unknown table)`);
  }
  if (!opts.replace) {
    const why = isStoreEmpty(deps);
    if (why) throw new ExportFolderError(`只能导入到空的存储 (import needs an empty store): ${why}；要替换现有数据请用 replace`);
  }

  const root = storageRoot(deps);
  const staging = path.join(root, TEMP_DIR_NAME, `import-${randomBytes(6).toString('hex')}`);
  try {
    for (const f of manifest.files) {
      const dest = path.join(staging, ...f.key.split('/'));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(path.join(dir, 'files', ...f.key.split('/')), dest);
    }
    // Collections are created outside the transaction: the store keeps them in memory too.
    for (const name of docs.keys()) deps.store.createCollection(name);
    deps.db
      .transaction(() => {
        if (opts.replace) {
          for (const name of deps.store.collectionNames()) {
            const ids = deps.store.find(name, {}, { allowScan: true }).map((d): WriteOp => ({ type: 'delete', collection: name, id: d.id }));
            if (ids.length) deps.store.write(ids);
          }
          for (const t of existingTables) deps.db.exec(`DELETE FROM ${quoteIdent(t)}`);
        }
        for (const [name, list] of docs) {
          if (list.length) deps.store.write(list.map((doc): WriteOp => ({ type: 'insert', collection: name, doc })));
        }
        for (const [table, rows] of tableRows) {
          const columns = new Set((deps.db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as Array<{ name: string }>).map((c) => c.name));
          for (const row of rows) {
            const keys = Object.keys(row).filter((k) => columns.has(k));
            deps.db.prepare(`INSERT INTO ${quoteIdent(table)} (${keys.map(quoteIdent).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(...keys.map((k) => row[k]));
          }
        }
      })
      .immediate();

    if (opts.replace) {
      for (const key of listStoredFiles(root)) fs.rmSync(path.join(root, ...key.split('/')), { force: true });
      pruneEmptyFolders(root);
    }
    for (const f of manifest.files) {
      const dest = path.join(root, ...f.key.split('/'));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.renameSync(path.join(staging, ...f.key.split('/')), dest);
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return {
    collections: manifest.collections.length,
    documents: [...docs.values()].reduce((n, l) => n + l.length, 0),
    files: manifest.files.length,
  };
}

function pruneEmptyFolders(root: string): void {
  const walk = (dir: string): boolean => {
    let empty = true;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (dir === root && e.name === TEMP_DIR_NAME) {
        empty = false;
        continue;
      }
      if (e.isDirectory() && walk(path.join(dir, e.name))) fs.rmdirSync(path.join(dir, e.name));
      else empty = false;
    }
    return empty;
  };
  if (fs.existsSync(root)) walk(root);
}
