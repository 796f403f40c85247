/** Transaction manager rules that are awkward to reach through the SDK: expiry, competing transactions, snapshots. */
import Database from 'better-sqlite3';
import { TransactionManager } from '../../local-cloud/src/handlers/database/transactions';
import { DocumentStore } from '../../local-cloud/src/store/store';

function setup(lifetimeMs = 30_000) {
  const store = new DocumentStore(new Database(':memory:'), { strict: true, scanLimit: 100, log: () => undefined });
  store.migrate([{ name: 'c', indexes: [] }]);
  store.bulkInsert('c', [{ _id: 'd1', v: 1 }]);
  return { store, txns: new TransactionManager(store, lifetimeMs) };
}

const conflict = expect.objectContaining({ code: 'DATABASE_TRANSACTION_CONFLICT' });
const gone = expect.objectContaining({ code: 'DATABASE_TRANSACTION_FAIL' });

test('of two transactions writing the same document, the second write is refused at once and its transaction aborted', () => {
  const { store, txns } = setup();
  const a = txns.get(txns.start());
  const b = txns.get(txns.start());
  txns.stage(a, 'c', 'd1', { ...txns.read(a, 'c', 'd1')!, v: 2 });
  expect(() => txns.stage(b, 'c', 'd1', { ...txns.read(b, 'c', 'd1')!, v: 3 })).toThrow(conflict);
  expect(() => txns.commit(b.id)).toThrow(gone);
  txns.abort(b.id); // abort after a conflict is accepted, as in MongoDB
  txns.commit(a.id);
  expect(store.getById('c', 'd1')!.doc.v).toBe(2);
  txns.close();
});

test('two transactions inserting the same new _id: the second is refused', () => {
  const { store, txns } = setup();
  const a = txns.get(txns.start());
  const b = txns.get(txns.start());
  txns.stage(a, 'c', 'new', { _id: 'new', by: 'a' });
  expect(txns.read(b, 'c', 'new')).toBeUndefined();
  expect(() => txns.stage(b, 'c', 'new', { _id: 'new', by: 'b' })).toThrow(conflict);
  txns.commit(a.id);
  expect(store.getById('c', 'new')!.doc.by).toBe('a');
  txns.close();
});

test('a transaction keeps reading its snapshot after another transaction commits, and cannot write over that commit', () => {
  const { store, txns } = setup();
  const reader = txns.get(txns.start());
  const writer = txns.get(txns.start());
  txns.stage(writer, 'c', 'd1', { _id: 'd1', v: 5 });
  txns.stage(writer, 'c', 'd2', { _id: 'd2', v: 1 });
  txns.commit(writer.id);
  expect(store.getById('c', 'd1')!.doc.v).toBe(5);
  expect(txns.read(reader, 'c', 'd1')).toEqual({ _id: 'd1', v: 1 });
  expect(txns.read(reader, 'c', 'd2')).toBeUndefined();
  expect(() => txns.stage(reader, 'c', 'd1', { _id: 'd1', v: 9 })).toThrow(conflict);
  txns.close();
});

test('an abandoned transaction expires and its writes never land', async () => {
  const { store, txns } = setup(30);
  const id = txns.start();
  txns.stage(txns.get(id), 'c', 'd1', { _id: 'd1', v: 99 });
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    try {
      txns.get(id);
    } catch {
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(() => txns.commit(id)).toThrow(gone);
  expect(store.getById('c', 'd1')!.doc.v).toBe(1);
  // Its write no longer blocks anyone.
  const next = txns.get(txns.start());
  txns.stage(next, 'c', 'd1', { _id: 'd1', v: 2 });
  txns.close();
});
