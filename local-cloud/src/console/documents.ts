import type Database from 'better-sqlite3';
import { EJSON } from 'bson';
import { CloudError } from '../protocol/errors';
import type { CollectionDeclaration } from '../store/declarations';
import { type Doc, fromStorageJson, isPlainObject, reviveWireValue } from '../store/ejson';
import { planSql, type Plan, type SortKey } from '../store/planner';
import { quoteIdent, tableName } from '../store/sql';
import { compileFilter, type DocumentStore } from '../store/store';
import { ConsoleError } from './http';
import { sdkWhere } from './where';

const MAX_PAGE = 200;

function parseSort(raw: string | null): SortKey[] {
  if (!raw || !raw.trim()) return [];
  const text = raw.trim();
  let entries: Array<[string, unknown]>;
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConsoleError(400, '排序不是合法的 JSON');
    }
    if (!isPlainObject(parsed)) throw new ConsoleError(400, '排序须为 {"字段": 1 或 -1}');
    entries = Object.entries(parsed);
  } else {
    entries = text.split(',').map((part) => {
      const [field, dir] = part.trim().split(':');
      return [field, dir === undefined ? 1 : Number(dir)];
    });
  }
  return entries.map(([field, dir]) => {
    if (!field || (dir !== 1 && dir !== -1)) throw new ConsoleError(400, `排序写法：字段:1 或 字段:-1（${field}）`);
    return { field, dir };
  });
}

export function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConsoleError(400, `${name} 须为非负整数`);
  return Math.min(n, max);
}

function relaxed(doc: unknown): unknown {
  return EJSON.serialize(doc as Record<string, unknown>, { relaxed: true });
}

function requireCollection(store: DocumentStore, url: URL): string {
  const name = url.searchParams.get('collection') ?? '';
  if (!store.hasCollection(name)) throw new ConsoleError(404, `集合 ${name} 不存在`);
  return name;
}

/**
 * The console's view of the database: collections with counts and declared indexes, pages of
 * documents through the store's own planner (with the plan and the rows it reads), and edits.
 */
export class DocumentBrowser {
  constructor(
    private readonly db: Database.Database,
    private readonly store: DocumentStore,
    private readonly declarations: () => CollectionDeclaration[],
    private readonly log: (line: string) => void,
  ) {}

  collections() {
    const declared = new Map(this.declarations().map((d) => [d.name, d.indexes]));
    return this.store
      .collectionNames()
      .sort()
      .map((name) => ({ name, count: this.rows(name), indexes: declared.get(name) ?? [] }));
  }

  /** Documents in a collection, counted by SQLite (no document is parsed). */
  private rows(name: string): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(tableName(name))}`).get() as { n: number }).n;
  }

  documents(url: URL) {
    const { store } = this;
    const collection = requireCollection(store, url);
    const filter = sdkWhere(url.searchParams.get('filter') ?? '');
    const sort = parseSort(url.searchParams.get('sort'));
    const skip = intParam(url, 'skip', 0, 1_000_000);
    const limit = intParam(url, 'limit', 20, MAX_PAGE) || 20;
    const plan = store.explain(collection, filter, sort);
    const examined = this.examined(collection, plan, filter, skip + limit);
    const started = process.hrtime.bigint();
    const docs = store.find(collection, filter, { sort, skip, limit, allowScan: true });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    let total: number;
    let strictRefusal: string | null = null;
    try {
      total = store.count(collection, filter);
    } catch (err) {
      if (!(err instanceof CloudError)) throw err;
      strictRefusal = err.message;
      total = store.find(collection, filter, { allowScan: true }).length;
    }
    return {
      collection,
      filter: relaxed(filter),
      sort,
      plan: { kind: plan.kind, index: plan.index ?? null, ordered: plan.ordered },
      examined,
      total,
      strictRefusal,
      ms: Math.round(ms * 100) / 100,
      docs: docs.map((d) => relaxed(d.doc)),
    };
  }

  /**
   * Documents the query reads to answer: every row its plan selects, or, when the plan delivers the
   * requested order, the rows up to the last one the page needs (the store stops reading there).
   */
  private examined(collection: string, plan: Plan, filter: Doc, needed: number): number {
    const table = tableName(collection);
    if (!plan.ordered) return (this.db.prepare(planSql(table, plan, 'count(*) AS n')).get(...plan.params) as { n: number }).n;
    const matcher = compileFilter(filter);
    let read = 0;
    let matched = 0;
    for (const row of this.db.prepare(planSql(table, plan, 'doc')).iterate(...plan.params) as IterableIterator<{ doc: string }>) {
      read++;
      if (matcher.test(fromStorageJson(row.doc)) && ++matched >= needed) break;
    }
    return read;
  }

  get(url: URL) {
    const collection = requireCollection(this.store, url);
    const found = this.store.getById(collection, url.searchParams.get('id') ?? '');
    if (!found) throw new ConsoleError(404, '文档不存在');
    return { doc: relaxed(found.doc) };
  }

  /** Replaces a document with `body` (relaxed EJSON); the `_id` cannot change. */
  put(url: URL, body: Record<string, unknown>) {
    const collection = requireCollection(this.store, url);
    const id = url.searchParams.get('id') ?? '';
    let doc: unknown;
    try {
      doc = reviveWireValue(EJSON.deserialize(body, { relaxed: true }), Date.now());
    } catch (err) {
      throw new ConsoleError(400, `文档不是合法的 EJSON：${(err as Error).message}`);
    }
    if (!isPlainObject(doc)) throw new ConsoleError(400, '文档须为 JSON 对象');
    if (String(doc._id) !== id) throw new ConsoleError(400, '不能修改 _id');
    const bad = Object.keys(doc).find((k) => k.startsWith('$'));
    if (bad) throw new ConsoleError(400, `字段名不能以 $ 开头：${bad}`);
    const current = this.store.getById(collection, id);
    if (!current) throw new ConsoleError(404, `文档 ${id} 不存在`);
    this.store.write([{ type: 'put', collection, doc: { ...doc, _id: current.doc._id } }]);
    this.log(`[local-cloud] 控制台修改了 ${collection}/${id}`);
    return { ok: true, doc: relaxed(this.store.getById(collection, id)!.doc) };
  }

  remove(url: URL) {
    const collection = requireCollection(this.store, url);
    const id = url.searchParams.get('id') ?? '';
    if (!this.store.getById(collection, id)) throw new ConsoleError(404, '文档不存在');
    this.store.write([{ type: 'delete', collection, id }]);
    this.log(`[local-cloud] 控制台删除了 ${collection}/${id}`);
    return { ok: true, deleted: 1 };
  }
}
