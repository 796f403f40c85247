/**
 * Wire contract: the real wx-server-sdk 4.0.2 against an in-process local cloud.
 * Every database operation and error path of issue 2, observed only through the SDK.
 */
import { loadSdk, postAdmin, startTestCloud, TRANSACTION_CONFLICT_MESSAGE, writeCollectionsFile, type Loose, type TestCloud, type WxCloud } from './helpers';

let t: TestCloud;
let cloud: WxCloud;
let db: Loose;

beforeAll(async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const declDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-decl-'));
  const collectionsFile = writeCollectionsFile(declDir, [
    { name: 'cases', indexes: [{ name: 'status_priority', unique: false, keys: [{ field: 'status', direction: 1 }, { field: 'priority', direction: -1 }] }] },
    { name: 'residents', indexes: [] },
    { name: 'bulk', indexes: [] },
    { name: 'counters', indexes: [] },
  ]);
  t = await startTestCloud({ collectionsFile });
  cloud = loadSdk(t.lc);
  db = cloud.database();
});

afterAll(async () => {
  await t.stop();
});

async function expectErrCode(p: Promise<unknown>, errCode: number): Promise<{ errCode: number; errMsg: string }> {
  const err = (await p.then(
    () => {
      throw new Error('expected the SDK call to fail');
    },
    (e: unknown) => e,
  )) as { errCode: number; errMsg: string };
  expect(err.errCode).toBe(errCode);
  return err;
}

describe('documents', () => {
  test('insert one and read it back: Date, serverDate, RegExp, nested values round-trip', async () => {
    const before = Date.now();
    const due = new Date('2024-05-01T00:00:00Z');
    const added = await db.collection('cases').add({
      data: { title: 'leaky tap', status: 'open', priority: 2, tags: ['plumbing'], due, createdAt: db.serverDate(), pattern: db.RegExp({ regexp: '^a', options: 'i' }), meta: { floor: 3 } },
    });
    expect(typeof added._id).toBe('string');
    expect(added._id).toMatch(/^[0-9a-f]{32}$/);
    const got = await db.collection('cases').doc(added._id).get();
    const doc = got.data as Record<string, unknown>;
    expect(doc.title).toBe('leaky tap');
    expect(doc.priority).toBe(2);
    expect(doc.meta).toEqual({ floor: 3 });
    expect(doc.due).toBeInstanceOf(Date);
    expect((doc.due as Date).getTime()).toBe(due.getTime());
    expect(doc.createdAt).toBeInstanceOf(Date);
    expect((doc.createdAt as Date).getTime()).toBeGreaterThanOrEqual(before - 5);
    expect((doc.createdAt as Date).getTime()).toBeLessThanOrEqual(Date.now() + 5);
    expect(doc._id).toBe(added._id);
  });

  test('insert many returns every id, in order', async () => {
    const res = (await db.collection('cases').add({
      data: [
        { title: 'broken door', status: 'open', priority: 5, tags: [] },
        { title: 'done thing', status: 'closed', priority: 1, tags: [] },
        { _id: 'case-fixed', title: 'noisy neighbour', status: 'pending', priority: 3, tags: ['noise'] },
      ],
    } as never)) as unknown as { _ids: string[] };
    expect(res._ids).toHaveLength(3);
    expect(res._ids[2]).toBe('case-fixed');
  });

  test('where: command operators, RegExp, orderBy, skip, limit, field', async () => {
    const _ = db.command;
    const res = await db
      .collection('cases')
      .where({ status: _.in(['open', 'pending']), title: db.RegExp({ regexp: 'door|tap|neighbour', options: 'i' }), priority: _.gte(2).and(_.lt(10)) })
      .orderBy('priority', 'desc')
      .field({ title: true, priority: true })
      .get();
    expect(res.data.map((d: Loose) => d.title)).toEqual(['broken door', 'noisy neighbour', 'leaky tap']);
    expect(Object.keys(res.data[0]).sort()).toEqual(['_id', 'priority', 'title']);
    const page = await db.collection('cases').where({ priority: _.gt(0) }).orderBy('priority', 'asc').skip(1).limit(2).get();
    expect(page.data.map((d: Loose) => d.priority)).toEqual([2, 3]);
    const or = await db.collection('cases').where(_.or([{ priority: _.gt(4) }, { status: 'closed' }])).count();
    expect(or.total).toBe(2);
  });

  test('count', async () => {
    expect((await db.collection('cases').where({ status: 'open' }).count()).total).toBe(2);
    expect((await db.collection('cases').count()).total).toBe(4);
  });

  test('doc update with operators and serverDate', async () => {
    const _ = db.command;
    const res = await db.collection('cases').doc('case-fixed').update({
      data: { priority: _.inc(1), tags: _.push(['urgent']), 'meta.owner': 'alice', assignee: { name: 'bob' }, updatedAt: db.serverDate(), nothing: _.remove() },
    });
    expect(res.stats.updated).toBe(1);
    const doc = (await db.collection('cases').doc('case-fixed').get()).data as Record<string, unknown>;
    expect(doc.priority).toBe(4);
    expect(doc.tags).toEqual(['noise', 'urgent']);
    expect(doc.meta).toEqual({ owner: 'alice' });
    expect(doc.assignee).toEqual({ name: 'bob' });
    expect(doc.updatedAt).toBeInstanceOf(Date);
    await db.collection('cases').doc('case-fixed').update({ data: { tags: _.pull('noise'), score: _.max(7), seen: _.addToSet('a') } });
    await db.collection('cases').doc('case-fixed').update({ data: { seen: _.addToSet('a'), score: _.mul(2) } });
    const after = (await db.collection('cases').doc('case-fixed').get()).data as Record<string, unknown>;
    expect(after.tags).toEqual(['urgent']);
    expect(after.seen).toEqual(['a']);
    expect(after.score).toBe(14);
  });

  test('array update commands: unshift, shift, pop, pullAll, min', async () => {
    const _ = db.command;
    await db.collection('cases').doc('arrays').set({ data: { a: [1, 2, 3, 2], b: ['x', 'y', 'z'], lo: 5 } });
    await db.collection('cases').doc('arrays').update({ data: { a: _.unshift([0]), b: _.shift(), lo: _.min(3) } });
    await db.collection('cases').doc('arrays').update({ data: { a: _.pullAll([2]), b: _.pop() } });
    const doc = (await db.collection('cases').doc('arrays').get()).data;
    expect(doc).toEqual({ _id: 'arrays', a: [0, 1, 3], b: ['y'], lo: 3 });
    await db.collection('cases').doc('arrays').remove();
  });

  test('where update touches every match (multi)', async () => {
    const res = await db.collection('cases').where({ status: 'open' }).update({ data: { flagged: true } });
    expect(res.stats.updated).toBe(2);
    expect((await db.collection('cases').where({ flagged: true }).count()).total).toBe(2);
  });

  test('doc set: creates a missing document, replaces an existing one', async () => {
    const created = await db.collection('cases').doc('set-doc').set({ data: { title: 'set doc', status: 'open', priority: 3 } });
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    const replaced = await db.collection('cases').doc('set-doc').set({ data: { title: 'replaced' } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    const doc = (await db.collection('cases').doc('set-doc').get()).data as Record<string, unknown>;
    expect(doc).toEqual({ _id: 'set-doc', title: 'replaced' });
  });

  test('remove one and remove where', async () => {
    expect((await db.collection('cases').doc('set-doc').remove()).stats.removed).toBe(1);
    expect((await db.collection('cases').doc('set-doc').remove()).stats.removed).toBe(0);
    await db.collection('residents').add({ data: [{ name: 'a', gone: true }, { name: 'b', gone: true }, { name: 'c' }] } as never);
    expect((await db.collection('residents').where({ gone: true }).remove()).stats.removed).toBe(2);
    expect((await db.collection('residents').count()).total).toBe(1);
  });

  test('missing document: throwOnNotFound true (default) rejects, false answers null', async () => {
    await expect(db.collection('cases').doc('no-such-doc').get()).rejects.toMatchObject({
      errCode: -1,
      errMsg: 'document.get:fail document with _id no-such-doc does not exist',
    });
    const lenient = cloud.database({ throwOnNotFound: false });
    const res = await lenient.collection('cases').doc('no-such-doc').get();
    expect(res.data).toBeNull();
  });
});

describe('collections', () => {
  test('a collection that does not exist fails with -502005 for every operation', async () => {
    const ghost = db.collection('ghost');
    await expectErrCode(ghost.get(), -502005);
    await expectErrCode(ghost.add({ data: { a: 1 } }), -502005);
    await expectErrCode(ghost.where({ a: 1 }).update({ data: { b: 1 } }), -502005);
    await expectErrCode(ghost.where({ a: 1 }).remove(), -502005);
    await expectErrCode(ghost.count(), -502005);
    await expectErrCode(ghost.doc('x').get(), -502005);
    // The SDK's aggregate wrapper keeps the server code and reports errCode -1 (same against CloudBase).
    await expect(ghost.aggregate().match({ a: 1 }).end()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });

  test('createCollection makes it usable; creating it twice fails', async () => {
    await db.createCollection('fresh');
    await db.collection('fresh').add({ data: { a: 1 } });
    expect((await db.collection('fresh').count()).total).toBe(1);
    await expect(db.createCollection('fresh')).rejects.toMatchObject({ errCode: -1, code: 'DATABASE_COLLECTION_ALREADY_EXIST' });
  });
});

describe('limits', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 1100 }, (_, i) => ({ n: i }));
    await db.collection('bulk').add({ data: docs } as never);
  });

  test('get() without limit answers 100', async () => {
    const res = await db.collection('bulk').get();
    expect(res.data).toHaveLength(100);
    expect(res.data[0].n).toBe(0);
  });

  test('limit(1000) answers 1000; larger limits are clamped to 1000', async () => {
    expect((await db.collection('bulk').limit(1000).get()).data).toHaveLength(1000);
    expect((await db.collection('bulk').limit(5000).get()).data).toHaveLength(1000);
    expect((await db.collection('bulk').skip(1050).limit(1000).get()).data).toHaveLength(50);
  });

  test('the server clamps a raw request over 1000 too', async () => {
    const res = await postAdmin(t.lc, { action: 'database.getDocument', collectionName: 'bulk', queryType: 'WHERE', limit: 5000 });
    expect((res.data as { list: string[] }).list).toHaveLength(1000);
  });

  test('where().update() and .remove() over more documents than one write chunk touch every match once', async () => {
    const _ = db.command;
    const updated = await db.collection('bulk').where({ n: _.gte(100) }).update({ data: { seen: _.inc(1) } });
    expect(updated.stats.updated).toBe(1000);
    expect((await db.collection('bulk').where({ seen: 1 }).count()).total).toBe(1000);
    const removed = await db.collection('bulk').where({ seen: 1, n: _.lt(1050) }).remove();
    expect(removed.stats.removed).toBe(950);
    expect((await db.collection('bulk').count()).total).toBe(150);
  });
});

describe('aggregate', () => {
  beforeAll(async () => {
    await db.createCollection('reports');
    await db.createCollection('grids');
    await db.collection('grids').add({ data: [{ _id: 'g1', name: '一网格' }, { _id: 'g2', name: '二网格' }] } as never);
    await db.collection('reports').add({
      data: [
        { grid: 'g1', kind: 'noise', score: 2, at: new Date('2026-01-05T03:00:00Z'), tags: ['a', 'b'] },
        { grid: 'g1', kind: 'theft', score: 5, at: new Date('2026-01-20T03:00:00Z'), tags: ['a'] },
        { grid: 'g2', kind: 'noise', score: 4, at: new Date('2026-02-02T03:00:00Z'), tags: [] },
        { grid: 'g2', kind: 'noise', score: 1, at: new Date('2026-03-09T03:00:00Z'), tags: ['c'] },
      ],
    } as never);
  });

  test('$match $group (sum avg min max push addToSet) $sort $project', async () => {
    const $ = db.command.aggregate;
    const res = await db
      .collection('reports')
      .aggregate()
      .match({ kind: 'noise' })
      .group({ _id: '$grid', n: $.sum(1), avg: $.avg('$score'), lo: $.min('$score'), hi: $.max('$score'), scores: $.push('$score'), kinds: $.addToSet('$kind') })
      .sort({ _id: 1 })
      .project({ _id: 0, grid: '$_id', n: 1, avg: 1, lo: 1, hi: 1, scores: 1, kinds: 1 })
      .end();
    expect(res.list).toEqual([
      { grid: 'g1', n: 1, avg: 2, lo: 2, hi: 2, scores: [2], kinds: ['noise'] },
      { grid: 'g2', n: 2, avg: 2.5, lo: 1, hi: 4, scores: [4, 1], kinds: ['noise'] },
    ]);
  });

  test('group by month with date operators, $count, $skip, $limit', async () => {
    const $ = db.command.aggregate;
    const byMonth = await db.collection('reports').aggregate().group({ _id: { month: $.month('$at') }, n: $.sum(1) }).sort({ '_id.month': 1 }).skip(1).limit(1).end();
    expect(byMonth.list).toEqual([{ _id: { month: 2 }, n: 1 }]);
    const counted = await db.collection('reports').aggregate().match({ score: db.command.gt(1) }).count('total').end();
    expect(counted.list).toEqual([{ total: 3 }]);
  });

  test('$unwind $lookup $addFields', async () => {
    const res = await db
      .collection('reports')
      .aggregate()
      .match({ grid: 'g1' })
      .unwind('$tags')
      .lookup({ from: 'grids', localField: 'grid', foreignField: '_id', as: 'gridDocs' })
      .addFields({ gridName: '$gridDocs.name' })
      .project({ _id: 0, tags: 1, gridName: 1 })
      .end();
    expect(res.list).toEqual([
      { tags: 'a', gridName: ['一网格'] },
      { tags: 'b', gridName: ['一网格'] },
      { tags: 'a', gridName: ['一网格'] },
    ]);
  });
});

describe('transactions', () => {
  beforeAll(async () => {
    await db.collection('counters').add({ data: [{ _id: 'c1', value: 0 }, { _id: 'c2', value: 100 }] } as never);
  });

  test('runTransaction commits reads and writes atomically', async () => {
    const result = await db.runTransaction(async (tx: Loose) => {
      const a = (await tx.collection('counters').doc('c1').get()).data as { value: number };
      await tx.collection('counters').doc('c1').update({ data: { value: a.value + 10 } });
      await tx.collection('counters').doc('c2').update({ data: { value: db.command.inc(-10) } });
      await tx.collection('counters').add({ data: { _id: 'c3', value: 1 } });
      return 'done';
    });
    expect(result).toBe('done');
    const docs = (await db.collection('counters').orderBy('_id', 'asc').get()).data;
    expect(docs.map((d: Loose) => d.value)).toEqual([10, 90, 1]);
  });

  test('a write outside any transaction after the transaction wrote makes commit conflict; runTransaction retries and wins', async () => {
    let attempts = 0;
    await db.runTransaction(async (tx: Loose) => {
      attempts++;
      const current = (await tx.collection('counters').doc('c1').get()).data as { value: number };
      await tx.collection('counters').doc('c1').update({ data: { value: current.value + 1 } });
      // Someone else changes the document between our write and our commit.
      if (attempts === 1) await db.collection('counters').doc('c1').update({ data: { value: db.command.inc(1000) } });
    });
    expect(attempts).toBe(2);
    const doc = (await db.collection('counters').doc('c1').get()).data as { value: number };
    expect(doc.value).toBe(1011);
  });

  test('commit conflicts answer DATABASE_TRANSACTION_CONFLICT and write nothing', async () => {
    const tx = await db.startTransaction();
    await tx.collection('counters').doc('c2').update({ data: { value: 6 } });
    await tx.collection('counters').doc('c3').update({ data: { value: 66 } });
    await db.collection('counters').doc('c2').update({ data: { value: 5 } });
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT', message: TRANSACTION_CONFLICT_MESSAGE });
    expect(((await db.collection('counters').doc('c2').get()).data as { value: number }).value).toBe(5);
    expect(((await db.collection('counters').doc('c3').get()).data as { value: number }).value).toBe(1);
  });

  test('rollback (abort) discards every buffered write', async () => {
    const tx = await db.startTransaction();
    await tx.collection('counters').doc('c2').update({ data: { value: 777 } });
    await tx.collection('counters').add({ data: { _id: 'c-aborted', value: 1 } });
    // Reads inside the transaction see its own writes; others do not.
    expect(((await tx.collection('counters').doc('c2').get()).data as { value: number }).value).toBe(777);
    expect(((await db.collection('counters').doc('c2').get()).data as { value: number }).value).toBe(5);
    await tx.rollback();
    expect(((await db.collection('counters').doc('c2').get()).data as { value: number }).value).toBe(5);
    expect((await db.collection('counters').where({ _id: 'c-aborted' }).count()).total).toBe(0);
  });

  test('runTransaction whose callback throws rolls back and rethrows', async () => {
    await expect(
      db.runTransaction(async (tx: Loose) => {
        await tx.collection('counters').doc('c2').update({ data: { value: 1 } });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(((await db.collection('counters').doc('c2').get()).data as { value: number }).value).toBe(5);
  });

  test('a missing document inside a transaction follows throwOnNotFound', async () => {
    await expect(db.runTransaction(async (tx: Loose) => tx.collection('counters').doc('nope').get())).rejects.toMatchObject({
      errCode: -1,
      errMsg: 'document.get:fail document with _id nope does not exist',
    });
  });
});

describe('bad input changes nothing', () => {
  async function casesSnapshot(): Promise<string> {
    const res = await postAdmin(t.lc, { action: 'database.getDocument', collectionName: 'cases', queryType: 'WHERE', limit: 1000 });
    return JSON.stringify(res.data);
  }

  test('malformed body, unknown action, broken EJSON, bad params', async () => {
    const before = await casesSnapshot();
    expect(await postAdmin(t.lc, '{not json')).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await postAdmin(t.lc, { action: 'database.dropEverything' })).toMatchObject({ code: 'INVALID_ACTION' });
    expect(await postAdmin(t.lc, { action: 'database.insertDocument', collectionName: 'cases', data: ['{"a":'] })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await postAdmin(t.lc, { action: 'database.insertDocument', collectionName: 'cases', data: '{"a":1}' })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await postAdmin(t.lc, { action: 'database.getDocument', collectionName: 'cases', query: '{"status":', queryType: 'WHERE' })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await postAdmin(t.lc, { action: 'database.getDocument', collectionName: 'cases', limit: 'ten' })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await postAdmin(t.lc, { action: 'database.modifyDocument', collectionName: 'cases', query: '{}', data: '{"$set":', multi: true })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await casesSnapshot()).toBe(before);
  });

  test('unknown operators in queries, updates and stages', async () => {
    const before = await casesSnapshot();
    const q = await postAdmin(t.lc, { action: 'database.getDocument', collectionName: 'cases', queryType: 'WHERE', query: '{"priority":{"$near":1}}' });
    expect(q).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    const u = await postAdmin(t.lc, { action: 'database.modifyDocument', collectionName: 'cases', queryType: 'WHERE', query: '{}', data: '{"$set":{"x":1},"$explode":{"y":1}}', multi: true, merge: true });
    expect(u).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    const a = await postAdmin(t.lc, { action: 'database.aggregateDocuments', collectionName: 'cases', stages: [{ stageKey: '$geoNearly', stageValue: '{}' }] });
    expect(a).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(await casesSnapshot()).toBe(before);
  });

  test('script operators ($where) are refused', async () => {
    const res = await postAdmin(t.lc, { action: 'database.getDocument', collectionName: 'cases', queryType: 'WHERE', query: '{"$where":"this.priority > 1"}' });
    expect(res).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });

  test('a document over 512 KB is refused, and a batch containing one writes nothing', async () => {
    const before = await casesSnapshot();
    const big = 'x'.repeat(600 * 1024);
    const err = await expectErrCode(db.collection('cases').add({ data: { big } }), -502001);
    expect(err.errMsg).toContain('512 KB');
    await expectErrCode(db.collection('cases').add({ data: [{ title: 'ok one' }, { big }] } as never), -502001);
    await expectErrCode(db.collection('cases').doc('case-fixed').update({ data: { big } }), -502001);
    expect(await casesSnapshot()).toBe(before);
  });

  test('a duplicate _id in a batch writes nothing', async () => {
    const before = await casesSnapshot();
    await expectErrCode(db.collection('cases').add({ data: [{ _id: 'dup-new', a: 1 }, { _id: 'case-fixed', a: 2 }] } as never), -502001);
    expect(await casesSnapshot()).toBe(before);
  });

  test('updating _id is refused', async () => {
    const res = await postAdmin(t.lc, { action: 'database.modifyDocument', collectionName: 'cases', queryType: 'DOC', query: '{"_id":"case-fixed"}', data: '{"$set":{"_id":"other"}}', merge: true });
    expect(res).toMatchObject({ code: 'INVALID_PARAM' });
  });
});
