/**
 * Indexes and strict mode: declared indexes become SQLite expression indexes, the planner uses
 * them without changing any answer, and strict mode refuses unindexed scans loudly.
 */
import Database from 'better-sqlite3';
import { parseDeclarations } from '../../local-cloud/src/store/declarations';
import { DocumentStore } from '../../local-cloud/src/store/store';
import { CloudError } from '../../local-cloud/src/protocol/errors';
import { loadSdk, startTestCloud, writeCollectionsFile, type Loose, type TestCloud } from './helpers';

const DECLARATIONS = parseDeclarations({
  collections: [
    {
      name: 'cases',
      indexes: [
        { name: 'grid_created', unique: false, keys: [{ field: 'gridId', direction: 1 }, { field: 'createdAt', direction: -1 }] },
        { name: 'priority', unique: false, keys: [{ field: 'priority', direction: 1 }] },
        { name: 'owner_name', unique: false, keys: [{ field: 'owner.name', direction: 1 }] },
        { name: 'tags', unique: false, keys: [{ field: 'tags', direction: 1 }] },
      ],
    },
    { name: 'users', indexes: [{ name: 'phone', unique: true, keys: [{ field: 'phone', direction: 1 }] }] },
  ],
});

function makeStore(strict: boolean, scanLimit = 50) {
  const db = new Database(':memory:');
  const logs: string[] = [];
  const store = new DocumentStore(db, { strict, scanLimit, log: (l) => logs.push(l) });
  store.migrate(DECLARATIONS);
  return { db, store, logs };
}

const T0 = Date.UTC(2026, 0, 1);
function seed(store: DocumentStore, n = 300) {
  const docs = Array.from({ length: n }, (_, i) => ({
    _id: `c${String(i).padStart(4, '0')}`,
    gridId: `g${i % 7}`,
    createdAt: new Date(T0 + i * 3_600_000),
    priority: i % 5 === 0 ? null : i % 11 === 0 ? 'high' : i % 10,
    owner: i % 3 === 0 ? { name: `n${i % 4}` } : undefined,
    title: `case ${i}`,
  }));
  store.bulkInsert('cases', docs);
}

describe('planner', () => {
  test('declared indexes exist in SQLite and the planner picks them', () => {
    const { db, store } = makeStore(true);
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='col_cases'`).all() as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['ix_cases__grid_created', 'ix_cases__priority', 'ix_cases__owner_name']));
    expect(store.explain('cases', { gridId: 'g1' }).kind).toBe('index');
    expect(store.explain('cases', { _id: 'c0001' }).kind).toBe('id');
    const sorted = store.explain('cases', { gridId: 'g1', createdAt: { $gte: new Date(T0) } }, [{ field: 'createdAt', dir: -1 }]);
    expect(sorted).toMatchObject({ kind: 'index', index: 'grid_created', ordered: true });
    expect(store.explain('cases', { priority: { $in: [1, 2] } })).toMatchObject({ kind: 'index', index: 'priority' });
    expect(store.explain('cases', { title: 'case 1' }).kind).toBe('scan');
    // An $in key delivers the order only when the sort starts with it.
    expect(store.explain('cases', { gridId: { $in: ['g1', 'g2'] } }, [{ field: 'gridId', dir: 1 }, { field: 'createdAt', dir: -1 }])).toMatchObject({ index: 'grid_created', ordered: true });
    expect(store.explain('cases', { gridId: { $in: ['g1', 'g2'] } }, [{ field: 'createdAt', dir: -1 }])).toMatchObject({ ordered: false });
    // SQLite itself uses the expression index (no full table scan).
    const p = store.explain('cases', { gridId: 'g1' }, [{ field: 'createdAt', dir: -1 }]);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT rid FROM "col_cases" WHERE ${p.where.join(' AND ')} ORDER BY ${p.orderBy}`).all(...p.params) as Array<{ detail: string }>;
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/USING (COVERING )?INDEX ix_cases__grid_created/);
  });

  test('indexed answers equal full-scan answers for equality, $in, ranges, null, dates, mixed types and sorts', () => {
    const { store } = makeStore(false, 1_000_000);
    seed(store);
    const cases: Array<[Record<string, unknown>, Array<{ field: string; dir: 1 | -1 }>]> = [
      [{ gridId: 'g3' }, []],
      [{ gridId: 'g3' }, [{ field: 'createdAt', dir: -1 }]],
      [{ gridId: 'g3' }, [{ field: 'createdAt', dir: 1 }]],
      [{ gridId: 'g2', createdAt: { $gte: new Date(T0 + 50 * 3_600_000), $lt: new Date(T0 + 200 * 3_600_000) } }, [{ field: 'createdAt', dir: -1 }]],
      [{ gridId: { $in: ['g1', 'g4'] } }, [{ field: 'createdAt', dir: -1 }]],
      [{ gridId: { $in: ['g4', 'g1'] } }, [{ field: 'gridId', dir: 1 }, { field: 'createdAt', dir: -1 }]],
      [{ gridId: { $in: ['g4', 'g1'] } }, [{ field: 'gridId', dir: -1 }, { field: 'createdAt', dir: 1 }]],
      [{ priority: null }, []],
      [{ priority: { $gt: 3 } }, [{ field: 'priority', dir: 1 }]],
      [{ priority: { $lte: 2 } }, []],
      [{ priority: { $gte: 'a' } }, []],
      [{ priority: 'high' }, []],
      [{ priority: { $in: [1, 'high'] } }, []],
      [{ 'owner.name': 'n1' }, []],
      [{ 'owner.name': null }, []],
      [{ $and: [{ gridId: 'g5' }, { priority: { $ne: 3 } }] }, []],
      [{ gridId: 'g6', title: /1$/ }, []],
      [{}, [{ field: 'priority', dir: -1 }]],
    ];
    for (const [filter, sort] of cases) {
      const indexedDocs = store.find('cases', filter, { sort, limit: 1000 });
      const scannedDocs = store.find('cases', filter, { sort, limit: 1000, forceScan: true });
      const indexed = indexedDocs.map((d) => d.id);
      const scanned = scannedDocs.map((d) => d.id);
      expect([filter, [...indexed].sort()]).toEqual([filter, [...scanned].sort()]);
      // Ties may come in a different order (MongoDB leaves it unspecified); the sort keys may not.
      const keys = (docs: typeof indexedDocs) => docs.map((d) => sort.map((s) => String(d.doc[s.field])).join('|'));
      if (sort.length) expect([filter, keys(indexedDocs)]).toEqual([filter, keys(scannedDocs)]);
      expect(store.count('cases', filter)).toBe(scanned.length);
    }
  });

  test('a field that holds an array stops using its index (multikey is not emulated) but answers stay right', () => {
    const { store, logs } = makeStore(false);
    store.bulkInsert('cases', [{ _id: 'a', tags: 'x' }, { _id: 'b', tags: ['x', 'y'] }]);
    expect(store.explain('cases', { tags: 'x' }).kind).toBe('scan');
    expect(store.find('cases', { tags: 'x' }).map((d) => d.id)).toEqual(['a', 'b']);
    expect(logs.join('\n')).toContain('cases.tags holds an array');
  });

  test('an index declared after arrays were written knows it is multikey', () => {
    const db = new Database(':memory:');
    const store = new DocumentStore(db, { strict: false, scanLimit: 50, log: () => undefined });
    store.migrate([{ name: 'c', indexes: [] }]);
    store.bulkInsert('c', [{ _id: 'a', owner: [{ name: 'x' }] }, { _id: 'b', owner: { name: 'x' } }]);
    const later = new DocumentStore(db, { strict: false, scanLimit: 50, log: () => undefined });
    later.migrate([{ name: 'c', indexes: [{ name: 'owner', unique: false, keys: [{ field: 'owner.name', direction: 1 }] }] }]);
    expect(later.explain('c', { 'owner.name': 'x' }).kind).toBe('scan');
    expect(later.find('c', { 'owner.name': 'x' }).map((d) => d.id)).toEqual(['a', 'b']);
  });

  test('unique indexes refuse duplicates', () => {
    const { store } = makeStore(true);
    store.bulkInsert('users', [{ _id: 'u1', phone: '138' }]);
    expect(() => store.bulkInsert('users', [{ _id: 'u2', phone: '138' }])).toThrow(/duplicate key/);
    expect(store.count('users', {})).toBe(1);
  });
});

describe('strict mode', () => {
  test('store: an unindexed filter that rejects more than scanLimit documents fails, naming collection and filter', () => {
    const { store } = makeStore(true);
    seed(store);
    let err: unknown;
    try {
      store.find('cases', { title: 'case 299' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CloudError);
    expect((err as CloudError).code).toBe('DATABASE_QUERY_NOT_INDEXED');
    expect((err as CloudError).message).toContain('"cases"');
    expect((err as CloudError).message).toContain('"title":"case 299"');
    // Indexed and small queries are fine; so is reading everything without a filter.
    expect(store.find('cases', { gridId: 'g1', title: 'case 1' })).toHaveLength(1);
    expect(store.find('cases', {}, { limit: 1000 })).toHaveLength(300);
    // An in-memory sort of more than scanLimit documents is refused too.
    expect(() => store.find('cases', {}, { sort: [{ field: 'title', dir: 1 }] })).toThrow(/sorted more than 50 documents/);
  });

  test('non-strict: the same query answers and a warning is logged once', () => {
    const { store, logs } = makeStore(false);
    seed(store);
    expect(store.find('cases', { title: 'case 299' })).toHaveLength(1);
    expect(store.find('cases', { title: 'case 299' })).toHaveLength(1);
    expect(logs.filter((l) => l.includes('without an index'))).toHaveLength(1);
  });

  describe('through the SDK', () => {
    let t: TestCloud;
    let db: Loose;
    beforeAll(async () => {
      const os = await import('node:os');
      const collectionsFile = writeCollectionsFile(`${os.tmpdir()}/lc-strict-${process.pid}`, [
        { name: 'cases', indexes: [{ name: 'grid_created', unique: false, keys: [{ field: 'gridId', direction: 1 }, { field: 'createdAt', direction: -1 }] }] },
      ]);
      t = await startTestCloud({ collectionsFile, scanLimit: 20 });
      db = loadSdk(t.lc).database();
      await db.collection('cases').add({ data: Array.from({ length: 60 }, (_, i) => ({ gridId: `g${i % 3}`, createdAt: new Date(T0 + i), title: `t${i}` })) });
    });
    afterAll(() => t.stop());

    test('indexed query answers; unindexed one fails loudly', async () => {
      const ok = await db.collection('cases').where({ gridId: 'g1' }).orderBy('createdAt', 'desc').limit(5).get();
      expect(ok.data).toHaveLength(5);
      expect(ok.data[0].title).toBe('t58');
      const err = await db.collection('cases').where({ title: 't59' }).get().catch((e: unknown) => e);
      expect(err.errMsg).toContain('query on collection "cases" scanned more than 20 documents without an index');
      expect(err.errMsg).toContain('"title":"t59"');
    });

    test('a $lookup sub-pipeline opening with a variable-free $match is planned like a query: indexed answers, unindexed fails', async () => {
      const $ = db.command.aggregate;
      const root = () => db.collection('cases').aggregate().match({ gridId: 'g0' }).limit(1);
      const planned = await root()
        .lookup({ from: 'cases', pipeline: $.pipeline().match({ gridId: 'g1' }).group({ _id: '$gridId', n: $.sum(1) }).done(), as: 'g1' })
        .lookup({ from: 'nowhere', pipeline: $.pipeline().match({ gridId: 'g1' }).done(), as: 'none' })
        .project({ _id: 0, g1: 1, none: 1 })
        .end();
      expect(planned.list).toEqual([{ g1: [{ _id: 'g1', n: 20 }], none: [] }]);
      const err = await root().lookup({ from: 'cases', pipeline: $.pipeline().match({ title: 't59' }).done(), as: 'x' }).end().catch((e: unknown) => e);
      expect(err.errMsg).toContain('query on collection "cases" scanned more than 20 documents without an index');
      // A correlated sub-pipeline (let + $expr) is joined in memory, as before.
      const correlated = await root()
        .lookup({ from: 'cases', let: { g: '$gridId' }, pipeline: $.pipeline().match(db.command.expr($.eq(['$gridId', '$$g']))).count('n').done(), as: 'same' })
        .project({ _id: 0, same: 1 })
        .end();
      expect(correlated.list).toEqual([{ same: [{ n: 20 }] }]);
    });
  });
});
