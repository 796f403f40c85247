/**
 * issue 11: cases written before `queueAt` existed are missing from the inbox's 待办 (it pages on
 * that field). The scheduler backfills them a bounded batch per tick: one indexed query (empty once
 * done) and one compare-and-set write per case, so running it again, or beside a transition, changes
 * nothing twice. A scheduler step rather than a deploy script: it needs no extra deploy permission
 * and finishes by itself after any deploy or data import.
 */
import { openCasesWithoutQueueAt, setQueueAtIfMissing } from '../data/cases';
import { legacyQueueAt } from './caseLifecycle';

export async function backfillQueueAt(limit: number): Promise<number> {
  const missing = await openCasesWithoutQueueAt(limit);
  let set = 0;
  for (const c of missing) {
    const at = legacyQueueAt(c);
    if (at && (await setQueueAtIfMissing(c._id, at))) set++;
  }
  return set;
}
