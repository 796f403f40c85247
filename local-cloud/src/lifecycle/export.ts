import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';
import { quoteIdent } from '../store/sql';
import { internalTables, storageRoot, type LifecycleDeps } from './deps';
import { ExportFolderError, EXPORT_FORMAT, EXPORT_VERSION, listStoredFiles, MANIFEST_FILE, sha256File, type Manifest, type ManifestCollection, type ManifestTable } from './manifest';

/** Appends lines to a file in ~1 MB writes while hashing them. */
class LineWriter {
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private buffer: string[] = [];
  private pending = 0;
  count = 0;

  constructor(file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'wx');
  }

  line(text: string): void {
    this.buffer.push(text, '\n');
    this.pending += text.length + 1;
    this.count++;
    if (this.pending > 1 << 20) this.flush();
  }

  private flush(): void {
    if (!this.buffer.length) return;
    const bytes = Buffer.from(this.buffer.join(''), 'utf8');
    this.hash.update(bytes);
    fs.writeSync(this.fd, bytes);
    this.buffer = [];
    this.pending = 0;
  }

  close(): string {
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    return this.hash.digest('hex');
  }
}

function assertFreeTarget(target: string): void {
  if (!fs.existsSync(target)) return;
  if (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0) {
    throw new ExportFolderError(`导出目录已存在且不为空 (export folder exists and is not empty): ${target}`);
  }
}

/**
 * Writes the whole store to `target` (which must not exist or be empty). Documents and local
 * cloud's tables are read in one synchronous pass inside one SQLite read transaction, so the
 * export is one consistent moment even with functions running. Everything goes to a sibling
 * temp folder that is renamed into place only when complete: a failure half-way leaves no
 * export at all, and an export never writes to the store.
 */
export function exportStore(deps: LifecycleDeps, target: string): Manifest {
  target = path.resolve(target);
  assertFreeTarget(target);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.partial-${randomBytes(4).toString('hex')}`;
  fs.mkdirSync(temp);
  try {
    const declared = new Map(deps.declarations().map((d) => [d.name, d.indexes]));
    const collections: ManifestCollection[] = [];
    const tables: ManifestTable[] = [];
    deps.db.transaction(() => {
      for (const name of deps.store.collectionNames().sort()) {
        const file = `collections/${name}.jsonl`;
        const out = new LineWriter(path.join(temp, file));
        for (const d of deps.store.find(name, {}, { allowScan: true })) out.line(EJSON.stringify(d.doc, { relaxed: true }));
        collections.push({ name, documents: out.count, file, sha256: out.close(), indexes: declared.get(name) ?? [] });
      }
      for (const name of internalTables(deps.db)) {
        const file = `local-cloud/${name}.jsonl`;
        const out = new LineWriter(path.join(temp, file));
        for (const row of deps.db.prepare(`SELECT * FROM ${quoteIdent(name)}`).iterate()) out.line(JSON.stringify(row));
        tables.push({ name, rows: out.count, file, sha256: out.close() });
      }
    })();

    const root = storageRoot(deps);
    const files = listStoredFiles(root).map((key) => {
      const dest = path.join(temp, 'files', ...key.split('/'));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(path.join(root, ...key.split('/')), dest, fs.constants.COPYFILE_EXCL);
      return { key, size: fs.statSync(dest).size, sha256: sha256File(dest) };
    });

    const manifest: Manifest = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      createdAt: new Date().toISOString(),
      envId: deps.envId,
      collections,
      tables,
      files,
    };
    const manifestFile = path.join(temp, MANIFEST_FILE);
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    const fd = fs.openSync(manifestFile, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    assertFreeTarget(target);
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(temp, target);
    return manifest;
  } catch (err) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw err;
  }
}
