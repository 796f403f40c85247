import { randomBytes } from 'node:crypto';
import { CloudError, ErrorCodes } from '../../protocol/errors';
import { cloneDoc, type Doc } from '../../store/ejson';
import type { DocumentStore, WriteOp } from '../../store/store';

/**
 * Optimistic transactions. Reads record the version each document had; writes go to a
 * per-transaction overlay. Commit re-checks every recorded version inside one SQLite transaction
 * and applies the overlay, or fails with DATABASE_TRANSACTION_CONFLICT. The SDK's runTransaction
 * retries exactly on that code when commit throws it (database/src/transaction.ts).
 */

interface Overlay {
  collection: string;
  id: string;
  /** null = deleted in this transaction. */
  doc: Doc | null;
}

export interface Txn {
  id: string;
  lastUsed: number;
  /** "collection\0id" → version seen (0 = absent). */
  reads: Map<string, number>;
  writes: Map<string, Overlay>;
}

/** How long an idle transaction lives (CloudBase aborts abandoned transactions; MongoDB's default is 60 s). */
export const TRANSACTION_IDLE_MS = 60_000;

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`;

export class TransactionManager {
  private readonly open = new Map<string, Txn>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly store: DocumentStore,
    private readonly idleMs = TRANSACTION_IDLE_MS,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(idleMs, 10_000));
    this.sweeper.unref();
  }

  start(): string {
    this.sweep();
    const id = `txn-${randomBytes(16).toString('hex')}`;
    this.open.set(id, { id, lastUsed: Date.now(), reads: new Map(), writes: new Map() });
    return id;
  }

  get(id: unknown): Txn {
    if (typeof id !== 'string') throw new CloudError(ErrorCodes.INVALID_PARAM, 'transactionId must be a string');
    const txn = this.open.get(id);
    if (!txn || Date.now() - txn.lastUsed > this.idleMs) {
      this.open.delete(id as string);
      throw new CloudError(ErrorCodes.TRANSACTION_NOT_EXIST, `transaction ${id} does not exist or has expired`);
    }
    txn.lastUsed = Date.now();
    return txn;
  }

  /** The transaction's view of one document (its own writes first), recording what it read. */
  read(txn: Txn, collection: string, id: string): Doc | undefined {
    const key = keyOf(collection, id);
    const own = txn.writes.get(key);
    if (own) return own.doc ? cloneDoc(own.doc) : undefined;
    const stored = this.store.getById(collection, id);
    if (!txn.reads.has(key)) txn.reads.set(key, stored?.version ?? 0);
    return stored?.doc;
  }

  stage(txn: Txn, collection: string, id: string, doc: Doc | null): void {
    const key = keyOf(collection, id);
    if (!txn.reads.has(key) && !txn.writes.has(key)) txn.reads.set(key, this.store.versionOf(collection, id));
    txn.writes.set(key, { collection, id, doc: doc ? cloneDoc(doc) : null });
  }

  commit(id: unknown): void {
    const txn = this.get(id);
    this.open.delete(txn.id);
    const ops: WriteOp[] = [...txn.writes.values()].map((w) =>
      w.doc ? { type: 'put', collection: w.collection, doc: w.doc } : { type: 'delete', collection: w.collection, id: w.id },
    );
    this.store.write(ops, () => {
      for (const [key, version] of txn.reads) {
        const [collection, docId] = key.split('\u0000');
        if (this.store.versionOf(collection, docId) !== version) {
          throw new CloudError(
            ErrorCodes.TRANSACTION_CONFLICT,
            `database transaction conflict: document ${docId} in ${collection} changed since the transaction read it`,
          );
        }
      }
    });
  }

  abort(id: unknown): void {
    const txn = this.get(id);
    this.open.delete(txn.id);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, txn] of this.open) if (now - txn.lastUsed > this.idleMs) this.open.delete(id);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.open.clear();
  }
}
