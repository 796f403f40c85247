import { randomBytes } from 'node:crypto';
import 'mingo/init/system';
import { aggregate, Query } from 'mingo';
import type { LocalCloudContext } from '../../context';
import type { ActionTable, ServiceModule } from '../../protocol/actions';
import { CloudError, ErrorCodes } from '../../protocol/errors';
import { readDeclarationsFile, type CollectionDeclaration } from '../../store/declarations';
import { cloneDoc, type Doc, decodeWire, decodeWireObject, encodeWire, isPlainObject, toStorageJson, withIdFirst } from '../../store/ejson';
import { idKey } from '../../store/planner';
import { asOperatorError, compileFilter, DocumentStore, MINGO_OPTIONS, encodeForStore, type StoredDoc, type WriteOp } from '../../store/store';
import { optionalBool, optionalInt, readFilter, readProjection, readSort, requireString } from './params';
import { TransactionManager, type Txn } from './transactions';
import { applyUpdate, normaliseUpdate, seedFromFilter, validateReplacement } from './update';

/** The SDK sends 100 when `limit()` is not called and clamps at 1000; the server enforces the same. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Documents per chunk of a multi-document write (a few ms of work each, well under 50 ms on a busy machine). */
export const WRITE_CHUNK = 100;

/** CloudBase-style document ids: 32 hex characters. */
export function newDocumentId(): string {
  return randomBytes(16).toString('hex');
}

export interface DatabaseService extends ServiceModule {
  store: DocumentStore;
}

function loadDeclarations(ctx: LocalCloudContext): CollectionDeclaration[] {
  return ctx.options.collectionsFile ? readDeclarationsFile(ctx.options.collectionsFile) : [];
}

/** Whether a filter refers to pipeline variables (`$expr`, `$$name`): then it cannot be planned alone. */
function namesVariable(v: unknown): boolean {
  if (typeof v === 'string') return v.startsWith('$$');
  if (Array.isArray(v)) return v.some(namesVariable);
  if (isPlainObject(v)) return Object.entries(v).some(([k, x]) => k === '$expr' || k === '$where' || namesVariable(x));
  return false;
}

/**
 * Inside a transaction CloudBase allows single-document operations only (by `_id`).
 * Returns that id, or throws.
 */
function singleDocumentId(filter: Doc): string {
  const keys = Object.keys(filter);
  if (keys.length === 1 && keys[0] === '_id' && !isPlainObject(filter._id) && !(filter._id instanceof RegExp)) {
    return idKey(filter._id);
  }
  throw new CloudError(ErrorCodes.INVALID_PARAM, 'only single-document operations (by _id) are allowed inside a transaction');
}

function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection) return docs;
  try {
    return new Query({}, MINGO_OPTIONS).find(docs, projection).all() as Doc[];
  } catch (err) {
    asOperatorError(err);
  }
}

export function createDatabaseService(ctx: LocalCloudContext): DatabaseService {
  const store = new DocumentStore(ctx.db, { strict: ctx.options.strict, scanLimit: ctx.options.scanLimit, log: (l) => ctx.log(l) });
  const txns = new TransactionManager(store);

  const txnOf = (params: Doc): Txn | undefined =>
    params.transactionId === undefined || params.transactionId === null || params.transactionId === '' ? undefined : txns.get(params.transactionId);


  /**
   * Multi-document writes (`where().update()` / `.remove()`) go chunk by chunk, each chunk one
   * SQLite transaction, yielding to the event loop in between so other requests keep being
   * answered. Not atomic across chunks, like MongoDB's (and CloudBase's) updateMany; a request
   * matching at most WRITE_CHUNK documents is still all-or-nothing.
   */
  async function eachChunk(collection: string, filter: Doc, write: (docs: StoredDoc[]) => void): Promise<number> {
    let matched = 0;
    for (const docs of store.findChunks(collection, filter, WRITE_CHUNK)) {
      matched += docs.length;
      if (docs.length) write(docs);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return matched;
  }

  const actions: ActionTable = {
    'database.addCollection': (params) => {
      const name = requireString(params, 'collectionName');
      if (!store.createCollection(name)) {
        throw new CloudError(ErrorCodes.COLLECTION_EXIST, `collection ${name} already exists`);
      }
      return {};
    },

    'database.insertDocument': (params) => {
      const collection = requireString(params, 'collectionName');
      const data = params.data;
      if (!Array.isArray(data) || data.length === 0) throw new CloudError(ErrorCodes.INVALID_PARAM, 'data must be a non-empty array');
      const now = Date.now();
      const docs = data.map((d, i) => {
        const doc = decodeWireObject(d, `data[${i}]`, now);
        return { ...doc, _id: doc._id ?? newDocumentId() };
      }).map(withIdFirst);
      store.assertCollection(collection);
      for (const doc of docs) {
        for (const key of Object.keys(doc)) {
          if (key.startsWith('$')) throw new CloudError(ErrorCodes.INVALID_PARAM, `field names cannot start with $: ${key}`);
        }
        encodeForStore(doc); // size check before any write
      }
      const txn = txnOf(params);
      if (txn) {
        for (const doc of docs) {
          const id = idKey(doc._id);
          if (txns.read(txn, collection, id)) {
            throw new CloudError(ErrorCodes.DUPLICATE_KEY, `E11000 duplicate key error collection: ${collection} dup key: { _id: ${JSON.stringify(doc._id)} }`);
          }
          txns.stage(txn, collection, id, doc);
        }
      } else {
        store.write(docs.map((doc) => ({ type: 'insert', collection, doc })));
      }
      return { data: { insertedIds: docs.map((d) => d._id) } };
    },

    'database.getDocument': (params) => {
      const collection = requireString(params, 'collectionName');
      const filter = readFilter(params, Date.now());
      const sort = readSort(params);
      const projection = readProjection(params);
      const offset = optionalInt(params, 'offset', 0) ?? 0;
      const requested = optionalInt(params, 'limit', 0);
      const limit = Math.min(requested || DEFAULT_LIMIT, MAX_LIMIT);
      const txn = txnOf(params);
      let docs: Doc[];
      if (txn) {
        const doc = txns.read(txn, collection, singleDocumentId(filter));
        docs = doc && compileFilter(filter).test(doc) ? [doc] : [];
      } else {
        docs = store.find(collection, filter, { sort, skip: offset, limit }).map((d) => d.doc);
      }
      const list = project(docs, projection).map((d) => encodeWire(withIdFirst(d)));
      return params.queryType === 'DOC' ? { data: { list }, offset } : { data: { list }, limit, offset };
    },

    'database.calculateDocument': (params) => {
      const collection = requireString(params, 'collectionName');
      return { data: { total: store.count(collection, readFilter(params, Date.now())) } };
    },

    'database.modifyDocument': (params) => modify(params, false),
    'database.modifyAndReturnDoc': (params) => modify(params, true),

    'database.removeDocument': (params) => {
      const collection = requireString(params, 'collectionName');
      const filter = readFilter(params, Date.now());
      const multi = optionalBool(params, 'multi', false);
      const txn = txnOf(params);
      if (txn) {
        const id = singleDocumentId(filter);
        const doc = txns.read(txn, collection, id);
        if (!doc) return { data: { deleted: 0 } };
        txns.stage(txn, collection, id, null);
        return { data: { deleted: 1 } };
      }
      const remove = (docs: StoredDoc[]) => store.write(docs.map((d) => ({ type: 'delete', collection, id: d.id })));
      if (multi) return eachChunk(collection, filter, remove).then((deleted) => ({ data: { deleted } }));
      const found = store.find(collection, filter, { limit: 1 });
      remove(found);
      return { data: { deleted: found.length } };
    },

    'database.aggregateDocuments': (params) => {
      const collection = requireString(params, 'collectionName');
      const stages = params.stages;
      if (!Array.isArray(stages)) throw new CloudError(ErrorCodes.INVALID_PARAM, 'stages must be an array');
      const now = Date.now();
      const pipeline: Doc[] = stages.map((s, i) => {
        if (!isPlainObject(s) || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) {
          throw new CloudError(ErrorCodes.INVALID_PARAM, `stages[${i}] must be {stageKey, stageValue}`);
        }
        return { [s.stageKey]: decodeWire(s.stageValue, `stages[${i}].stageValue`, now) };
      });
      // The first $match goes through the planner (indexes, strict mode); mingo runs the rest.
      const first = pipeline[0];
      let source: Doc[];
      let rest = pipeline;
      if (first && isPlainObject(first.$match)) {
        source = store.find(collection, first.$match).map((d) => d.doc);
        rest = pipeline.slice(1);
      } else {
        source = store.find(collection, {}).map((d) => d.doc);
      }
      rest = rest.map((stage) => planLookup(stage));
      let out: Doc[];
      try {
        out = aggregate(source, rest, {
          ...MINGO_OPTIONS,
          collectionResolver: (name: string) => (store.hasCollection(name) ? store.find(name, {}, { allowScan: true }).map((d) => d.doc) : []),
        }) as Doc[];
      } catch (err) {
        asOperatorError(err);
      }
      return { data: { list: out.map(encodeWire) } };
    },

    'database.startTransaction': () => ({ transactionId: txns.start() }),
    'database.commitTransaction': (params) => {
      txns.commit(params.transactionId);
      return {};
    },
    'database.abortTransaction': (params) => {
      txns.abort(params.transactionId);
      return {};
    },
  };

  /**
   * A `$lookup` whose sub-pipeline opens with a `$match` that names no variable (uncorrelated, as
   * MongoDB then uses an index) reads its documents through the planner, like a top-level first
   * `$match`: indexes and strict mode apply, and only the matching documents reach mingo. Other
   * lookups (localField/foreignField, `let` with `$expr`) read the whole collection as before.
   */
  function planLookup(stage: Doc): Doc {
    const spec = stage.$lookup;
    if (!isPlainObject(spec) || typeof spec.from !== 'string' || !Array.isArray(spec.pipeline)) return stage;
    const [first, ...tail] = spec.pipeline as unknown[];
    if (!isPlainObject(first) || !isPlainObject(first.$match) || namesVariable(first.$match)) return stage;
    const from = store.hasCollection(spec.from) ? store.find(spec.from, first.$match).map((d) => d.doc) : [];
    return { $lookup: { ...spec, from, pipeline: tail.map((s) => (isPlainObject(s) ? planLookup(s) : s)) } };
  }

  function modify(params: Doc, returnDoc: boolean): Record<string, unknown> | Promise<Record<string, unknown>> {
    const collection = requireString(params, 'collectionName');
    const now = Date.now();
    const filter = readFilter(params, now);
    const data = decodeWireObject(params.data, 'data', now);
    const merge = optionalBool(params, 'merge', true);
    const upsert = optionalBool(params, 'upsert', false);
    const multi = optionalBool(params, 'multi', false) && !returnDoc;
    const ops = merge ? normaliseUpdate(data) : null;
    if (!merge) {
      validateReplacement(data);
      if (data._id !== undefined && filter._id !== undefined && idKey(data._id) !== idKey(filter._id)) {
        throw new CloudError(ErrorCodes.INVALID_PARAM, '不能更新_id的值 (cannot update _id)');
      }
    }
    /**
     * `counted`: whether the answer's `updated` counts this document. An update counts documents
     * it actually changed (MongoDB's "modified"); `set()` counts the document it replaced even
     * when the content is identical, as CloudBase answers (Tencent's own test expects 1).
     */
    const rewrite = (current: Doc): { doc: Doc; changed: boolean; counted: boolean } => {
      if (ops) {
        // Updated in place: `current` is always a private copy (just parsed from storage, or cloned by the transaction).
        const changed = applyUpdate(current, ops);
        return { doc: current, changed, counted: changed };
      }
      const doc: Doc = { _id: current._id, ...cloneDoc(data) };
      return { doc, changed: toStorageJson(doc) !== toStorageJson(current), counted: true };
    };
    const upserted = (): Doc => {
      const base: Doc = ops ? seedFromFilter(filter) : cloneDoc(data);
      if (ops) applyUpdate(base, ops);
      return withIdFirst({ ...base, _id: base._id ?? (filter._id !== undefined && !isPlainObject(filter._id) ? filter._id : newDocumentId()) });
    };

    const txn = txnOf(params);
    if (txn) {
      const id = singleDocumentId(filter);
      const current = txns.read(txn, collection, id);
      if (!current) {
        if (!upsert) return { data: { updated: 0 } };
        const doc = upserted();
        encodeForStore(doc);
        txns.stage(txn, collection, id, doc);
        return { data: { updated: 0, upsert_id: doc._id } };
      }
      const next = rewrite(current);
      encodeForStore(next.doc);
      // Staged even when unchanged: it is still a write, and conflicts with other transactions' writes.
      txns.stage(txn, collection, id, next.doc);
      return { data: { updated: next.counted ? 1 : 0 } };
    }

    const insertUpserted = () => {
      const doc = upserted();
      encodeForStore(doc);
      store.write([{ type: 'insert', collection, doc }]);
      return { data: { updated: 0, upsert_id: doc._id, ...(returnDoc ? { doc: encodeWire(withIdFirst(doc)) } : {}) } };
    };
    let updated = 0;
    let last: Doc | undefined;
    const rewriteAll = (docs: StoredDoc[]) => {
      const writes: WriteOp[] = [];
      for (const d of docs) {
        const next = rewrite(d.doc);
        const text = encodeForStore(next.doc);
        last = next.doc;
        if (next.counted) updated++;
        if (next.changed) writes.push({ type: 'put', collection, doc: next.doc, text });
      }
      store.write(writes);
    };
    if (multi) {
      return eachChunk(collection, filter, rewriteAll).then((matched) => (matched === 0 && upsert ? insertUpserted() : { data: { updated } }));
    }
    const found = store.find(collection, filter, { limit: 1 });
    if (found.length === 0 && upsert) return insertUpserted();
    rewriteAll(found);
    return { data: { updated, ...(returnDoc ? { doc: last ? encodeWire(withIdFirst(last)) : null } : {}) } };
  }

  return {
    name: 'database',
    store,
    migrate: () => store.migrate(loadDeclarations(ctx)),
    actions,
    close: () => txns.close(),
  };
}
