import { Query } from 'mingo';
import type Database from 'better-sqlite3';
import { CloudError, ErrorCodes } from '../protocol/errors';
import type { CollectionDeclaration, IndexDeclaration } from './declarations';
import { COLLECTION_NAME } from './declarations';
import { type Doc, encodeWire, fromStorageJson, isPlainObject, toStorageJson } from './ejson';
import { idKey, plan, planSql, type Plan, type SortKey } from './planner';
import { indexName, keyExpr, quoteIdent, tableName } from './sql';
import { MINGO_OPTIONS } from './mongo-operators';

/** CloudBase refuses documents over 512 KB. */
export const MAX_DOCUMENT_BYTES = 512 * 1024;

export interface StoredDoc {
  rid: number;
  id: string;
  version: number;
  doc: Doc;
}

interface Row {
  rid: number;
  id: string;
  version: number;
  doc: string;
}

interface CollectionState {
  name: string;
  table: string;
  indexes: IndexDeclaration[];
  /** Indexed fields that have held an array somewhere: their index is not used for queries. */
  multikey: Set<string>;
}

export type WriteOp =
  | { type: 'insert'; collection: string; doc: Doc }
  /** `text`: the document already encoded by `encodeForStore` (saves encoding it twice). */
  | { type: 'put'; collection: string; doc: Doc; text?: string }
  | { type: 'delete'; collection: string; id: string };

export interface FindOptions {
  sort?: SortKey[];
  skip?: number;
  limit?: number;
  forceScan?: boolean;
  /** Internal reads ($lookup sources) that strict mode does not judge. */
  allowScan?: boolean;
}

export interface StoreOptions {
  strict: boolean;
  scanLimit: number;
  log(line: string): void;
}

/** Geo operators the SDK sends (`db.command.geoNear` → `$nearSphere`…); local cloud does not emulate them. */
const GEO_OPERATORS: Record<string, string> = {
  $nearSphere: 'db.command.geoNear',
  $near: 'db.command.geoNear',
  $geoWithin: 'db.command.geoWithin',
  $geoIntersects: 'db.command.geoIntersects',
  $geoNear: 'aggregate().geoNear',
};

/** Wraps mingo's errors (unknown operators, bad expressions) as CloudBase answers. */
export function asOperatorError(err: unknown): never {
  if (err instanceof CloudError) throw err;
  const message = (err as Error)?.message ?? String(err);
  const geo = /(?:unknown query operator|unregistered pipeline operator) (\$\w+)/.exec(message)?.[1];
  if (geo && GEO_OPERATORS[geo]) {
    throw new CloudError(
      ErrorCodes.UNSUPPORTED_OPERATOR,
      `geo operator ${geo} (${GEO_OPERATORS[geo]}) is not supported by local cloud: geo queries are not emulated (local-cloud/README.md, "How local cloud differs from CloudBase")`,
    );
  }
  throw new CloudError(ErrorCodes.UNSUPPORTED_OPERATOR, message);
}

export { MINGO_OPTIONS };

export function compileFilter(filter: Doc): Query {
  try {
    return new Query(filter, MINGO_OPTIONS);
  } catch (err) {
    asOperatorError(err);
  }
}

function pathHitsArray(doc: unknown, path: string[]): boolean {
  let cur: unknown = doc;
  for (const part of path) {
    if (Array.isArray(cur)) return true;
    if (!isPlainObject(cur)) return false;
    cur = cur[part];
  }
  return Array.isArray(cur);
}

/**
 * SQLite-backed documents: one table per collection (`rid` keeps insertion order, `id` is the
 * document `_id`, `version` drives optimistic transactions), a catalog table, and declared
 * indexes as expression indexes over `json_extract`.
 */
export class DocumentStore {
  private readonly collections = new Map<string, CollectionState>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly warned = new Set<string>();
  private readonly beforeWrite: Array<(collection: string, id: string) => void> = [];
  /** Versions only need to be unique within a process: transactions do not survive restarts. */
  private versionCounter = Date.now() * 1000;

  constructor(
    readonly db: Database.Database,
    private readonly options: StoreOptions,
  ) {}

  /** Creates the catalog, loads known collections, applies the declaration file. */
  migrate(declarations: CollectionDeclaration[]): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS _lc_collections (
      name TEXT PRIMARY KEY, tbl TEXT NOT NULL, created_at INTEGER NOT NULL, multikey TEXT NOT NULL DEFAULT '[]')`);
    const rows = this.db.prepare('SELECT name, tbl, multikey FROM _lc_collections').all() as Array<{ name: string; tbl: string; multikey: string }>;
    for (const r of rows) {
      this.collections.set(r.name, { name: r.name, table: r.tbl, indexes: [], multikey: new Set(JSON.parse(r.multikey) as string[]) });
    }
    this.db.transaction(() => {
      for (const decl of declarations) {
        this.createCollection(decl.name);
        this.applyIndexes(decl.name, decl.indexes);
      }
    })();
  }

  private applyIndexes(name: string, indexes: IndexDeclaration[]): void {
    const state = this.collections.get(name)!;
    state.indexes = indexes;
    const wanted = new Set(indexes.map((ix) => indexName(name, ix.name)));
    const existing = this.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix\\_%' ESCAPE '\\'`)
      .all(state.table) as Array<{ name: string }>;
    // A changed declaration keeps its name but may change keys: rebuild declared indexes by signature.
    for (const { name: ixName } of existing) {
      if (!wanted.has(ixName)) this.db.exec(`DROP INDEX IF EXISTS ${quoteIdent(ixName)}`);
    }
    for (const ix of indexes) {
      const cols = ix.keys.map((k) => `${keyExpr(k.field)}${k.direction === -1 ? ' DESC' : ''}`).join(', ');
      const sql = `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(indexName(name, ix.name))} ON ${quoteIdent(state.table)} (${cols})`;
      const current = this.db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).get(indexName(name, ix.name)) as { sql: string } | undefined;
      if (current && current.sql !== sql) this.db.exec(`DROP INDEX ${quoteIdent(indexName(name, ix.name))}`);
      if (!current || current.sql !== sql) {
        try {
          this.db.exec(sql);
        } catch (err) {
          throw new Error(`cannot create index ${ix.name} on ${name}: ${(err as Error).message}`);
        }
        // Documents written before the index existed were never checked for arrays.
        for (const k of ix.keys) {
          if (!state.multikey.has(k.field) && this.anyArrayOnPath(state.table, k.field)) this.markMultikey(state, k.field);
        }
      }
    }
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name);
  }

  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  /** Returns false when it already existed. */
  createCollection(name: string): boolean {
    if (!COLLECTION_NAME.test(name)) throw new CloudError(ErrorCodes.INVALID_PARAM, `invalid collection name: ${name}`);
    if (this.collections.has(name)) return false;
    const table = tableName(name);
    this.db.transaction(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${quoteIdent(table)} (
        rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, doc TEXT NOT NULL)`);
      this.db.prepare('INSERT OR IGNORE INTO _lc_collections (name, tbl, created_at) VALUES (?, ?, ?)').run(name, table, Date.now());
    })();
    this.collections.set(name, { name, table, indexes: [], multikey: new Set() });
    return true;
  }

  /** Throws DATABASE_COLLECTION_NOT_EXIST as CloudBase does. */
  assertCollection(name: string): void {
    this.require(name);
  }

  private require(name: string): CollectionState {
    const state = this.collections.get(name);
    if (!state) {
      throw new CloudError(ErrorCodes.COLLECTION_NOT_EXIST, `Db or Table not exist: ${name}. 集合 ${name} 不存在`);
    }
    return state;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  explain(collection: string, filter: Doc, sort: SortKey[] = []): Plan {
    const state = this.require(collection);
    return plan({ collection, filter, sort, indexes: state.indexes, multikey: state.multikey });
  }

  getById(collection: string, id: string): StoredDoc | undefined {
    const state = this.require(collection);
    const row = this.stmt(`SELECT rid, id, version, doc FROM ${quoteIdent(state.table)} WHERE id = ?`).get(id) as Row | undefined;
    return row ? { rid: row.rid, id: row.id, version: row.version, doc: fromStorageJson(row.doc) } : undefined;
  }

  /** Current version of a document, 0 when absent (transactions compare these at commit). */
  versionOf(collection: string, id: string): number {
    const state = this.require(collection);
    const row = this.stmt(`SELECT version FROM ${quoteIdent(state.table)} WHERE id = ?`).get(id) as { version: number } | undefined;
    return row?.version ?? 0;
  }

  /**
   * Lazily yields documents matching `filter`, in SQL order. Strict mode judges plans that do not
   * narrow through an index by the documents they examine and throw away: past `scanLimit`
   * rejected documents the query fails (an index would have skipped them).
   */
  *scan(collection: string, filter: Doc, p: Plan, matcher: Query, allowScan = false, expected?: number): Generator<StoredDoc> {
    const state = this.require(collection);
    const sql = planSql(state.table, p);
    const unindexed = !allowScan && (p.kind === 'scan' || p.kind === 'index-order');
    let rejected = 0;
    const rows = expected === undefined ? (this.stmt(sql).iterate(...p.params) as IterableIterator<Row>) : this.pages(sql, p, expected);
    for (const row of rows) {
      const doc = fromStorageJson(row.doc);
      if (matcher.test(doc)) yield { rid: row.rid, id: row.id, version: row.version, doc };
      else if (unindexed && ++rejected > this.options.scanLimit) this.reportUnindexed(collection, filter, 'filter');
    }
  }

  /**
   * Rows of an ordered plan in pages (LIMIT/OFFSET), the first one just big enough for a page of
   * results: fetching rows with `all()` costs far less per row than better-sqlite3's iterator, and
   * most indexed queries are answered by the first page.
   */
  private *pages(sql: string, p: Plan, expected: number): Generator<Row> {
    const paged = this.stmt(`${sql} LIMIT ? OFFSET ?`);
    let size = Math.max(16, expected);
    for (let offset = 0; ; offset += size, size = Math.min(size * 4, 4096)) {
      const rows = paged.all(...p.params, size, offset) as Row[];
      yield* rows;
      if (rows.length < size) return;
    }
  }

  private reportUnindexed(collection: string, filter: Doc, why: 'filter' | 'sort', sort: SortKey[] = []): void {
    const shown = encodeWire(filter);
    const what =
      why === 'filter'
        ? `scanned more than ${this.options.scanLimit} documents without an index`
        : `sorted more than ${this.options.scanLimit} documents in memory (sort ${JSON.stringify(Object.fromEntries(sort.map((s) => [s.field, s.dir])))} has no index)`;
    const message = `query on collection "${collection}" ${what}; filter: ${shown}. Declare an index for it in the collections file.`;
    if (this.options.strict) throw new CloudError(ErrorCodes.QUERY_NOT_INDEXED, message);
    const key = `${collection}:${shown}`;
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.options.log(`[local-cloud] warning: ${message}`);
    }
  }

  /** Matching documents after sort/skip/limit; stops reading as soon as the page is full when SQL already orders rows. */
  find(collection: string, filter: Doc, opts: FindOptions = {}): StoredDoc[] {
    const state = this.require(collection);
    const sort = opts.sort ?? [];
    const matcher = compileFilter(filter);
    const p = plan({ collection, filter, sort, indexes: state.indexes, multikey: state.multikey, forceScan: opts.forceScan });
    const skip = opts.skip ?? 0;
    const limit = opts.limit ?? Infinity;
    if (p.ordered) {
      const out: StoredDoc[] = [];
      let seen = 0;
      const expected = Number.isFinite(limit) ? skip + limit : undefined;
      for (const d of this.scan(collection, filter, p, matcher, opts.allowScan, expected)) {
        if (seen++ < skip) continue;
        out.push(d);
        if (out.length >= limit) break;
      }
      return out;
    }
    const all = [...this.scan(collection, filter, p, matcher, opts.allowScan)];
    if (sort.length && all.length > this.options.scanLimit && !opts.allowScan) this.reportUnindexed(collection, filter, 'sort', sort);
    sortDocs(all, sort);
    return all.slice(skip, skip + limit);
  }

  /**
   * Matching documents in chunks of at most `chunkSize`, for multi-document writes that must not
   * hold the event loop: no SQLite statement stays open between chunks, and each chunk is read
   * (and re-tested) only when the caller asks for it, so it sees writes made in between.
   * Candidates come from the plan: indexed plans list their row ids up front (index only),
   * unindexed ones walk the table in rowid ranges.
   */
  *findChunks(collection: string, filter: Doc, chunkSize: number): Generator<StoredDoc[]> {
    const state = this.require(collection);
    const matcher = compileFilter(filter);
    const p = plan({ collection, filter, sort: [], indexes: state.indexes, multikey: state.multikey });
    const table = quoteIdent(state.table);
    const unindexed = p.kind === 'scan' || p.kind === 'index-order';
    let rejected = 0;
    const read = (rids: number[]): StoredDoc[] => {
      const rows = this.stmt(`SELECT rid, id, version, doc FROM ${table} WHERE rid IN (${rids.map(() => '?').join(',')}) ORDER BY rid`).all(...rids) as Row[];
      const out: StoredDoc[] = [];
      for (const row of rows) {
        const doc = fromStorageJson(row.doc);
        if (matcher.test(doc)) out.push({ rid: row.rid, id: row.id, version: row.version, doc });
        else if (unindexed && ++rejected > this.options.scanLimit) this.reportUnindexed(collection, filter, 'filter');
      }
      return out;
    };
    if (!unindexed) {
      const rids = this.stmt(planSql(state.table, { ...p, orderBy: '' }, 'rid')).pluck().all(...p.params) as number[];
      rids.sort((a, b) => a - b);
      for (let i = 0; i < rids.length; i += chunkSize) yield read(rids.slice(i, i + chunkSize));
      return;
    }
    const where = p.where.length ? `${p.where.join(' AND ')} AND ` : '';
    const next = this.stmt(`SELECT rid FROM ${table} WHERE ${where}rid > ? ORDER BY rid LIMIT ?`).pluck();
    for (let after = 0; ; ) {
      const rids = next.all(...p.params, after, chunkSize) as number[];
      if (rids.length === 0) return;
      after = rids[rids.length - 1];
      yield read(rids);
    }
  }

  count(collection: string, filter: Doc): number {
    const state = this.require(collection);
    const matcher = compileFilter(filter);
    const p = plan({ collection, filter, sort: [], indexes: state.indexes, multikey: state.multikey });
    let n = 0;
    for (const _ of this.scan(collection, filter, p, matcher)) n++;
    return n;
  }

  /**
   * `fn` runs inside the write's SQLite transaction just before a document is inserted, replaced
   * or deleted, while the store still holds its previous state (transactions pin their snapshot).
   * Every change to documents goes through `write`, so nothing escapes it.
   */
  onBeforeWrite(fn: (collection: string, id: string) => void): void {
    this.beforeWrite.push(fn);
  }

  nextVersion(): number {
    return ++this.versionCounter;
  }

  /** Applies writes in one SQLite transaction; `check` runs first inside it (optimistic transactions). */
  write(ops: WriteOp[], check?: () => void): void {
    const run = this.db.transaction(() => {
      check?.();
      for (const op of ops) this.applyOne(op);
    });
    try {
      run.immediate();
    } catch (err) {
      const e = err as { code?: string; message?: string };
      if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new CloudError(ErrorCodes.DUPLICATE_KEY, `E11000 duplicate key error: ${e.message}`);
      }
      throw err;
    }
  }

  private applyOne(op: WriteOp): void {
    const state = this.require(op.collection);
    const table = quoteIdent(state.table);
    const id = op.type === 'delete' ? op.id : idKey(op.doc._id);
    for (const fn of this.beforeWrite) fn(op.collection, id);
    if (op.type === 'delete') {
      this.stmt(`DELETE FROM ${table} WHERE id = ?`).run(op.id);
      return;
    }
    const text = (op.type === 'put' ? op.text : undefined) ?? encodeForStore(op.doc);
    this.noteMultikey(state, op.doc);
    if (op.type === 'insert') {
      const existing = this.stmt(`SELECT 1 FROM ${table} WHERE id = ?`).get(id);
      if (existing) throw new CloudError(ErrorCodes.DUPLICATE_KEY, `E11000 duplicate key error collection: ${op.collection} dup key: { _id: ${JSON.stringify(op.doc._id)} }`);
      this.stmt(`INSERT INTO ${table} (id, version, doc) VALUES (?, ?, ?)`).run(id, this.nextVersion(), text);
    } else {
      this.stmt(`INSERT INTO ${table} (id, version, doc) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version, doc = excluded.doc`).run(
        id,
        this.nextVersion(),
        text,
      );
    }
  }

  private noteMultikey(state: CollectionState, doc: Doc): void {
    for (const ix of state.indexes) {
      for (const k of ix.keys) {
        if (state.multikey.has(k.field)) continue;
        if (pathHitsArray(doc, k.field.split('.'))) this.markMultikey(state, k.field);
      }
    }
  }

  private markMultikey(state: CollectionState, field: string): void {
    state.multikey.add(field);
    this.stmt('UPDATE _lc_collections SET multikey = ? WHERE name = ?').run(JSON.stringify([...state.multikey]), state.name);
    this.options.log(`[local-cloud] ${state.name}.${field} holds an array: its index is not used for queries (multikey indexes are not emulated)`);
  }

  private anyArrayOnPath(table: string, field: string): boolean {
    const parts = field.split('.');
    const checks = parts.map((_, i) => `json_type(doc, '$.${parts.slice(0, i + 1).map((p) => `"${p}"`).join('.')}') = 'array'`);
    return this.db.prepare(`SELECT 1 FROM ${quoteIdent(table)} WHERE ${checks.join(' OR ')} LIMIT 1`).get() !== undefined;
  }

  /** Bulk loader for benchmarks and seeding: one transaction, no per-document checks beyond size. */
  bulkInsert(collection: string, docs: Doc[]): void {
    this.write(docs.map((doc) => ({ type: 'insert', collection, doc })));
  }
}

export function encodeForStore(doc: Doc): string {
  const text = toStorageJson(doc);
  if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) {
    throw new CloudError(ErrorCodes.DOCUMENT_TOO_LARGE, `document ${JSON.stringify(doc._id)} is larger than 512 KB`);
  }
  return text;
}

/** In-memory sort with Mongo's ordering rules (mingo), used when no index delivers the order. */
export function sortDocs(docs: StoredDoc[], sort: SortKey[]): void {
  if (sort.length === 0) return;
  const spec: Record<string, 1 | -1> = {};
  for (const s of sort) spec[s.field] = s.dir;
  const byRid = new Map<unknown, StoredDoc>();
  const wrapped = docs.map((d) => {
    byRid.set(d.rid, d);
    return { ...d.doc, __lcRid: d.rid };
  });
  const sorted = new Query({}, MINGO_OPTIONS).find(wrapped).sort(spec).all() as Array<{ __lcRid: number }>;
  docs.splice(0, docs.length, ...sorted.map((w) => byRid.get(w.__lcRid)!));
}
