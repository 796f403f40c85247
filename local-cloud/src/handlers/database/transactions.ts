import { randomBytes } from 'node:crypto';
import { CloudError, ErrorCodes } from '../../protocol/errors';
import { cloneDoc, type Doc } from '../../store/ejson';
import type { DocumentStore, WriteOp } from '../../store/store';

/**
 * Transactions with snapshot isolation, as CloudBase (MongoDB underneath) has them:
 * - reads see the database as it was when the transaction started: before any write lands in the
 *   store, the document's previous state is pinned for every open transaction that has not
 *   pinned it yet (copy-on-write, so nothing is copied while no transaction is open);
 * - writes are buffered; a write to a document that another open transaction has written, or
 *   that changed since this transaction's snapshot, is refused at once with
 *   DATABASE_TRANSACTION_CONFLICT and the refused transaction is aborted (as MongoDB aborts on a
 *   write conflict), so runTransaction's retry never meets its own abandoned attempt;
 * - commit re-checks every written document's version (a write outside any transaction may have
 *   landed since) and applies all writes in one SQLite transaction.
 * Everything runs synchronously on one thread, so no request ever waits on a lock.
 */

interface Overlay {
  collection: string;
  id: string;
  /** null = deleted in this transaction. */
  doc: Doc | null;
  /** Version of the document in this transaction's snapshot (0 = absent). */
  baseVersion: number;
}

interface Pinned {
  version: number;
  doc: Doc | undefined;
}

export interface Txn {
  id: string;
  startedAt: number;
  /** Refused by a conflict: only abort is still accepted. */
  aborted: boolean;
  /** "collection\0id" → the document as of the transaction's start, kept once someone else writes it. */
  snapshot: Map<string, Pinned>;
  writes: Map<string, Overlay>;
}

/** CloudBase: "transaction must be commit or abort in 30 seconds". */
export const TRANSACTION_LIFETIME_MS = 30_000;

const NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';
const CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`;

export class TransactionManager {
  private readonly open = new Map<string, Txn>();
  /** Document key → id of the open transaction that has written it. */
  private readonly writers = new Map<string, string>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly store: DocumentStore,
    private readonly lifetimeMs = TRANSACTION_LIFETIME_MS,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(lifetimeMs, 10_000));
    this.sweeper.unref();
    store.onBeforeWrite((collection, id) => this.pinBeforeWrite(collection, id));
  }

  start(): string {
    this.sweep();
    const id = `txn-${randomBytes(16).toString('hex')}`;
    this.open.set(id, { id, startedAt: Date.now(), aborted: false, snapshot: new Map(), writes: new Map() });
    return id;
  }

  /** The open transaction, or DATABASE_TRANSACTION_FAIL as CloudBase answers for a committed, aborted or expired one. */
  get(id: unknown): Txn {
    const txn = this.lookup(id);
    if (txn.aborted) throw new CloudError(ErrorCodes.TRANSACTION_FAIL, NOT_EXIST_MESSAGE);
    return txn;
  }

  private lookup(id: unknown): Txn {
    if (typeof id !== 'string') throw new CloudError(ErrorCodes.INVALID_PARAM, 'transactionId must be a string');
    const txn = this.open.get(id);
    if (!txn || this.expired(txn)) {
      if (txn) this.finish(txn);
      throw new CloudError(ErrorCodes.TRANSACTION_FAIL, NOT_EXIST_MESSAGE);
    }
    return txn;
  }

  private expired(txn: Txn): boolean {
    return Date.now() - txn.startedAt > this.lifetimeMs;
  }

  /** The transaction's view of one document: its own writes first, then its snapshot. */
  read(txn: Txn, collection: string, id: string): Doc | undefined {
    const own = txn.writes.get(keyOf(collection, id));
    if (own) return own.doc ? cloneDoc(own.doc) : undefined;
    const seen = this.snapshotOf(txn, collection, id).doc;
    return seen ? cloneDoc(seen) : undefined;
  }

  /** Buffers a write (null = delete), or refuses it at once with DATABASE_TRANSACTION_CONFLICT. */
  stage(txn: Txn, collection: string, id: string, doc: Doc | null): void {
    const key = keyOf(collection, id);
    const own = txn.writes.get(key);
    let baseVersion = own?.baseVersion;
    if (baseVersion === undefined) {
      const holder = this.writers.get(key);
      baseVersion = this.snapshotOf(txn, collection, id).version;
      if ((holder !== undefined && holder !== txn.id) || baseVersion !== this.store.versionOf(collection, id)) this.conflict(txn);
    }
    txn.writes.set(key, { collection, id, doc: doc ? cloneDoc(doc) : null, baseVersion });
    this.writers.set(key, txn.id);
  }

  commit(id: unknown): void {
    const txn = this.get(id);
    const writes = [...txn.writes.values()];
    this.finish(txn);
    const ops: WriteOp[] = writes.map((w) =>
      w.doc ? { type: 'put', collection: w.collection, doc: w.doc } : { type: 'delete', collection: w.collection, id: w.id },
    );
    this.store.write(ops, () => {
      // A write outside any transaction may have landed after this transaction wrote the document.
      for (const w of writes) {
        if (this.store.versionOf(w.collection, w.id) !== w.baseVersion) throw new CloudError(ErrorCodes.TRANSACTION_CONFLICT, CONFLICT_MESSAGE);
      }
    });
  }

  abort(id: unknown): void {
    this.finish(this.lookup(id));
  }

  private snapshotOf(txn: Txn, collection: string, id: string): Pinned {
    return txn.snapshot.get(keyOf(collection, id)) ?? this.current(collection, id);
  }

  private current(collection: string, id: string): Pinned {
    const stored = this.store.getById(collection, id);
    return { version: stored?.version ?? 0, doc: stored?.doc };
  }

  /** Called inside the store's write transaction, before the document changes. */
  private pinBeforeWrite(collection: string, id: string): void {
    if (this.open.size === 0) return;
    const key = keyOf(collection, id);
    let before: Pinned | undefined;
    for (const txn of this.open.values()) {
      if (txn.aborted || txn.snapshot.has(key)) continue;
      before ??= this.current(collection, id);
      txn.snapshot.set(key, before);
    }
  }

  /** Refuses the write and aborts the transaction; it stays known so that abort still answers. */
  private conflict(txn: Txn): never {
    this.release(txn);
    txn.aborted = true;
    throw new CloudError(ErrorCodes.TRANSACTION_CONFLICT, CONFLICT_MESSAGE);
  }

  /** Drops the transaction's locks, writes and snapshot. */
  private release(txn: Txn): void {
    for (const key of txn.writes.keys()) if (this.writers.get(key) === txn.id) this.writers.delete(key);
    txn.writes.clear();
    txn.snapshot.clear();
  }

  private finish(txn: Txn): void {
    this.open.delete(txn.id);
    this.release(txn);
  }

  private sweep(): void {
    for (const txn of this.open.values()) if (this.expired(txn)) this.finish(txn);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.open.clear();
    this.writers.clear();
  }
}
