/**
 * Wire contract, part two: each place where local cloud used to answer differently from CloudBase,
 * found by running Tencent's own database tests (tcb-admin-node) against it. Every test goes
 * through the real wx-server-sdk and expects what CloudBase answers (the texts are CloudBase's).
 */
import {
  loadSdk,
  postAdmin,
  startTestCloud,
  TRANSACTION_CONFLICT_MESSAGE,
  TRANSACTION_NOT_EXIST_MESSAGE,
  type Loose,
  type TestCloud,
} from './helpers';

let t: TestCloud;
let db: Loose;

/** The data of tcb-admin-node's advanced-operator test. */
const PASSAGES = [
  { category: 'Web', tags: ['JavaScript', 'C#'], index: 0, tags2: [1, 2, 3] },
  { category: 'Web', tags: ['Go', 'C#'], index: 1, tags2: [1, 2, 3] },
  { category: 'Life', tags: ['Go', 'Python', 'JavaScript'], index: 2, tags2: [1, 2, 3] },
  { category: 'number', tags: [1, 2, 3, 4, 5, 6, 7, 8, 9], index: 3, tags2: [1, 2, 3] },
  { category: 'embedded', tags: [{ value: 1 }, { value: 7 }], index: 4, tags2: [1, 2, 3] },
];

beforeAll(async () => {
  t = await startTestCloud();
  db = loadSdk(t.lc).database();
  for (const name of ['passages', 'accounts', 'tx', 'dates', 'docs']) await db.createCollection(name);
  await db.collection('passages').add({ data: PASSAGES });
});

afterAll(async () => {
  await t.stop();
});

const categories = (res: { data: Array<{ category: string }> }) => res.data.map((d) => d.category).sort();

describe('$elemMatch never matches arrays of scalars with field criteria', () => {
  test.each([
    ['$exists', () => db.command.exists(true)],
    ['$gt', () => db.command.gt(0)],
    ['$mod', () => db.command.mod([4, 3])],
  ])('{tags: elemMatch({value: %s})} finds only the embedded documents', async (_name, cond) => {
    const res = await db.collection('passages').where({ tags: db.command.elemMatch({ value: cond() }) }).get();
    expect(categories(res)).toEqual(['embedded']);
  });

  test('operator-only criteria still test each element', async () => {
    const res = await db.collection('passages').where({ tags: db.command.elemMatch(db.command.gt(8)) }).get();
    expect(categories(res)).toEqual(['number']);
  });

  test('where().update() and .remove() touch only the true matches', async () => {
    const _ = db.command;
    const updated = await db.collection('passages').where({ tags: _.elemMatch({ value: _.exists(true) }) }).update({ data: { hit: true } });
    expect(updated.stats.updated).toBe(1);
    const removed = await db.collection('passages').where({ tags: _.elemMatch({ value: _.gt(0) }), hit: true }).remove();
    expect(removed.stats.removed).toBe(1);
    expect((await db.collection('passages').count()).total).toBe(4);
    await db.collection('passages').add({ data: PASSAGES[4] });
  });
});

describe('query and aggregation operators', () => {
  test('$jsonSchema queries are answered (and negated with nor)', async () => {
    const _ = db.command;
    const all = await db.collection('passages').where(_.jsonSchema({ required: ['category'] })).get();
    expect(all.data).toHaveLength(5);
    const none = await db.collection('passages').where(_.nor([_.jsonSchema({ required: ['category'] })])).get();
    expect(none.data).toHaveLength(0);
    const typed = await db.collection('passages').where(_.jsonSchema({ properties: { index: { bsonType: 'int', minimum: 3 } } })).get();
    expect(categories(typed)).toEqual(['embedded', 'number']);
  });

  test('$week counts Sunday-based weeks from 0 (2019-05-14 is week 19)', async () => {
    await db.collection('dates').add({
      data: ['2019-05-14', '2019-01-05', '2019-01-06', '2019-12-31'].map((d) => ({ day: d, at: new Date(`${d}T12:00:00Z`) })),
    });
    const $ = db.command.aggregate;
    const res = await db.collection('dates').aggregate().project({ _id: 0, day: 1, week: $.week('$at') }).sort({ day: 1 }).end();
    expect(res.list).toEqual([
      { day: '2019-01-05', week: 0 },
      { day: '2019-01-06', week: 1 },
      { day: '2019-05-14', week: 19 },
      { day: '2019-12-31', week: 52 },
    ]);
  });

  test('$indexOfCP is available; $substrBytes with length -1 returns the rest of the string', async () => {
    await db.collection('docs').add({ data: { _id: 'str', s: '枫桥 home' } });
    const $ = db.command.aggregate;
    const res = await db
      .collection('docs')
      .aggregate()
      .match({ _id: 'str' })
      .project({ _id: 0, at: $.indexOfCP(['$s', 'home']), missing: $.indexOfCP(['$s', 'x']), rest: $.substrBytes(['$s', 6, -1]), head: $.substrBytes(['$s', 0, 3]) })
      .end();
    expect(res.list).toEqual([{ at: 3, missing: -1, rest: ' home', head: '枫' }]);
  });
});

describe('geo (not emulated: a plain error instead of an approximate answer)', () => {
  const notSupported = (op: string, sdk: string) =>
    `geo operator ${op} (${sdk}) is not supported by local cloud: geo queries are not emulated (local-cloud/README.md, "How local cloud differs from CloudBase")`;

  test('Geo values are stored as GeoJSON and come back as the SDK\'s Geo objects', async () => {
    await db.collection('docs').add({ data: { _id: 'place', loc: new db.Geo.Point(113.3, 23.1) } });
    const raw = await postAdmin(t.lc, { action: 'database.getDocument', collectionName: 'docs', queryType: 'DOC', query: '{"_id":"place"}' });
    expect((raw.data as { list: string[] }).list[0]).toContain('"loc":{"type":"Point","coordinates":[{"$numberDouble":"113.3"},{"$numberDouble":"23.1"}]}');
    const loc = (await db.collection('docs').doc('place').get()).data.loc;
    expect(loc.constructor.name).toBe('Point');
    expect(loc).toMatchObject({ longitude: 113.3, latitude: 23.1 });
  });

  test('geoNear, geoWithin, geoIntersects and the geoNear stage answer DATABASE_REQUEST_FAILED naming the operator', async () => {
    const _ = db.command;
    const G = db.Geo;
    const point = new G.Point(113.3, 23.1);
    const square = new G.Polygon([new G.LineString([new G.Point(113, 23), new G.Point(114, 23), new G.Point(114, 24), new G.Point(113, 23)])]);
    const places = db.collection('docs');
    await expect(places.where({ loc: _.geoNear({ geometry: point, maxDistance: 1000 }) }).get()).rejects.toMatchObject({
      errCode: -502001,
      errMsg: `collection.get:fail -502001 database request fail. ${notSupported('$nearSphere', 'db.command.geoNear')}`,
    });
    await expect(places.where({ loc: _.geoWithin({ geometry: square }) }).get()).rejects.toMatchObject({
      errCode: -502001,
      errMsg: `collection.get:fail -502001 database request fail. ${notSupported('$geoWithin', 'db.command.geoWithin')}`,
    });
    await expect(places.where({ loc: _.geoIntersects({ geometry: square }) }).count()).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining(notSupported('$geoIntersects', 'db.command.geoIntersects')),
    });
    await expect(places.aggregate().geoNear({ distanceField: 'd', near: point, spherical: true }).end()).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
      errMsg: `collection.aggregate:fail ${notSupported('$geoNear', 'aggregate().geoNear')}`,
    });
  });
});

describe('documents', () => {
  test('doc().set() with the content already stored answers updated: 1', async () => {
    await db.collection('docs').doc('same').set({ data: { a: 1, b: 'x' } });
    const again = await db.collection('docs').doc('same').set({ data: { a: 1, b: 'x' } });
    expect(again.stats).toEqual({ updated: 1, created: 0 });
  });

  test('returned documents put _id first', async () => {
    await db.collection('docs').add({ data: { z: 1, a: 2 } });
    await db.collection('docs').doc('set-first').set({ data: { z: 1 } });
    const { data } = await db.collection('docs').where({ z: 1 }).get();
    expect(data).toHaveLength(2);
    for (const doc of data) expect(Object.keys(doc)[0]).toBe('_id');
    const raw = await postAdmin(t.lc, { action: 'database.getDocument', collectionName: 'docs', queryType: 'DOC', query: '{"_id":"set-first"}' });
    expect((raw.data as { list: string[] }).list[0]).toMatch(/^\{"_id":"set-first",/);
  });
});

describe('transactions', () => {
  beforeEach(async () => {
    await db.collection('tx').where({ _id: db.command.exists(true) }).remove();
    await db.collection('tx').add({ data: [{ _id: '1', category: 'Web' }, { _id: '2', category: 'Life' }] });
  });

  test('reads inside a transaction see the snapshot of its start (tcb 读偏)', async () => {
    const tx = await db.startTransaction();
    expect((await tx.collection('tx').doc('1').get()).data).toEqual({ _id: '1', category: 'Web' });
    await db.collection('tx').doc('1').set({ data: { category: 'changed 1' } });
    await db.collection('tx').doc('2').set({ data: { category: 'changed 2' } });
    expect((await tx.collection('tx').doc('1').get()).data).toEqual({ _id: '1', category: 'Web' });
    expect((await tx.collection('tx').doc('2').get()).data).toEqual({ _id: '2', category: 'Life' });
    // Changed since the snapshot: the write is refused at once.
    await expect(tx.collection('tx').doc('1').update({ data: { category: 'from tx' } })).rejects.toMatchObject({
      errCode: -501001,
      errMsg: expect.stringContaining(TRANSACTION_CONFLICT_MESSAGE),
    });
    expect((await db.collection('tx').doc('1').get()).data.category).toBe('changed 1');
  });

  test('outside readers do not see a transaction\'s writes; the transaction does (tcb 读快照)', async () => {
    const tx = await db.startTransaction();
    await tx.collection('tx').doc('1').update({ data: { category: 'in tx' } });
    expect((await db.collection('tx').doc('1').get()).data.category).toBe('Web');
    expect((await tx.collection('tx').doc('1').get()).data.category).toBe('in tx');
    await tx.rollback();
  });

  test('a write to a document another open transaction has written is refused at once (tcb 冲突检测)', async () => {
    const tx1 = await db.startTransaction();
    const tx2 = await db.startTransaction();
    const seen = (await tx1.collection('tx').doc('1').get()).data as { category: string };
    await tx2.collection('tx').doc('1').update({ data: { category: 'by tx2' } });
    await expect(tx1.collection('tx').doc('1').update({ data: { category: `${seen.category} by tx1` } })).rejects.toMatchObject({
      errMsg: expect.stringContaining(TRANSACTION_CONFLICT_MESSAGE),
    });
    await tx2.commit();
    expect((await db.collection('tx').doc('1').get()).data.category).toBe('by tx2');
  });

  test('after commit, a write with that transaction answers DATABASE_TRANSACTION_FAIL (TransactionNotExist)', async () => {
    const tx = await db.startTransaction();
    await tx.commit();
    await expect(tx.collection('tx').doc('1').set({ data: { category: 'Node.js' } })).rejects.toMatchObject({
      errMsg: expect.stringContaining(TRANSACTION_NOT_EXIST_MESSAGE),
    });
    // The same on the wire: the answer's code and message.
    const { transactionId } = await postAdmin(t.lc, { action: 'database.startTransaction' });
    await postAdmin(t.lc, { action: 'database.commitTransaction', transactionId });
    const raw = await postAdmin(t.lc, {
      action: 'database.modifyDocument',
      collectionName: 'tx',
      transactionId,
      queryType: 'DOC',
      query: '{"_id":"1"}',
      data: '{"category":"Node.js"}',
      merge: false,
      upsert: true,
      multi: false,
    });
    expect(raw).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: TRANSACTION_NOT_EXIST_MESSAGE });
    expect((await db.collection('tx').doc('1').get()).data.category).toBe('Web');
  });

  test('parallel transfers between accounts all settle, and the money adds up', async () => {
    const ACCOUNTS = 4;
    await db.collection('accounts').add({ data: Array.from({ length: ACCOUNTS }, (_x, i) => ({ _id: `a${i}`, balance: 100 })) });
    const transfer = (i: number) =>
      db.runTransaction(async (tx: Loose) => {
        const from = `a${i % ACCOUNTS}`;
        const to = `a${(i + 1) % ACCOUNTS}`;
        const a = (await tx.collection('accounts').doc(from).get()).data as { balance: number };
        const b = (await tx.collection('accounts').doc(to).get()).data as { balance: number };
        await tx.collection('accounts').doc(from).update({ data: { balance: a.balance - 10 } });
        await tx.collection('accounts').doc(to).update({ data: { balance: b.balance + 10 } });
        return i;
      });
    const results = await Promise.allSettled(Array.from({ length: 16 }, (_x, i) => transfer(i)));
    const committed = results.filter((r) => r.status === 'fulfilled').length;
    expect(committed).toBeGreaterThan(0);
    for (const r of results) {
      if (r.status === 'rejected') expect(String((r.reason as { errMsg?: string }).errMsg ?? r.reason)).toContain('TransactionConflict');
    }
    const balances = (await db.collection('accounts').get()).data.map((d: { balance: number }) => d.balance);
    expect(balances.reduce((x: number, y: number) => x + y, 0)).toBe(ACCOUNTS * 100);
    // Nothing is left holding a document: a fresh transaction can write every account.
    await db.runTransaction(async (tx: Loose) => {
      for (let i = 0; i < ACCOUNTS; i++) await tx.collection('accounts').doc(`a${i}`).update({ data: { audited: true } });
    });
    expect((await db.collection('accounts').where({ audited: true }).count()).total).toBe(ACCOUNTS);
  });
});
