/** Transaction manager rules that are awkward to reach through the SDK: expiry and competing transactions. */
import Database from 'better-sqlite3';
import { TransactionManager } from '../../local-cloud/src/handlers/database/transactions';
import { DocumentStore } from '../../local-cloud/src/store/store';

function setup(idleMs = 60_000) {
  const store = new DocumentStore(new Database(':memory:'), { strict: true, scanLimit: 100, log: () => undefined });
  store.migrate([{ name: 'c', indexes: [] }]);
  store.bulkInsert('c', [{ _id: 'd1', v: 1 }]);
  return { store, txns: new TransactionManager(store, idleMs) };
}

test('of two transactions writing the same document, the first commit wins and the second conflicts', () => {
  const { store, txns } = setup();
  const a = txns.start();
  const b = txns.start();
  for (const [id, v] of [[a, 2], [b, 3]] as const) {
    const t = txns.get(id);
    const doc = txns.read(t, 'c', 'd1')!;
    txns.stage(t, 'c', 'd1', { ...doc, v });
  }
  txns.commit(a);
  expect(() => txns.commit(b)).toThrow(expect.objectContaining({ code: 'DATABASE_TRANSACTION_CONFLICT' }));
  expect(store.getById('c', 'd1')!.doc.v).toBe(2);
  txns.close();
});

test('two transactions inserting the same new _id: the second conflicts', () => {
  const { store, txns } = setup();
  const a = txns.start();
  const b = txns.start();
  for (const id of [a, b]) {
    const t = txns.get(id);
    expect(txns.read(t, 'c', 'new')).toBeUndefined();
    txns.stage(t, 'c', 'new', { _id: 'new', by: id });
  }
  txns.commit(a);
  expect(() => txns.commit(b)).toThrow(expect.objectContaining({ code: 'DATABASE_TRANSACTION_CONFLICT' }));
  expect(store.getById('c', 'new')!.doc.by).toBe(a);
  txns.close();
});

test('an abandoned transaction expires and its writes never land', async () => {
  const { store, txns } = setup(30);
  const id = txns.start();
  txns.stage(txns.get(id), 'c', 'd1', { _id: 'd1', v: 99 });
  await new Promise((r) => setTimeout(r, 60));
  expect(() => txns.commit(id)).toThrow(expect.objectContaining({ code: 'DATABASE_TRANSACTION_NOT_EXIST' }));
  expect(store.getById('c', 'd1')!.doc.v).toBe(1);
  txns.close();
});
