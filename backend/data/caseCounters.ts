/**
 * `caseCounters`: one document per station and China day, holding the ids of the cases numbered
 * that day in the order they claimed a number. A case's daily sequence is its position in `claims`.
 * `$addToSet` is one atomic write, so concurrent creates each get their own position, and a retried
 * create of the same case finds the position it already has. Read by id only (no index).
 */
import { cmd, coll, collections, getById, insertWithId, rt, updatedCount } from './db';

export interface CaseCounterDoc {
  _id: string;
  stationId: string;
  /** China date, YYYYMMDD. */
  day: string;
  claims: string[];
  createdAt: Date;
}

export const counterId = (stationId: string, day: string) => `${stationId}-${day}`;

/** Seeds: the counters their numbered cases used. */
export const insertCounters = async (docs: CaseCounterDoc[]) => {
  for (const d of docs) await insertWithId(collections.caseCounters, d);
};

/**
 * The 1-based position of `caseId` among the day's claims, claiming one if it has none. Two round
 * trips: the atomic append and the read, or for the day's first case the append (nothing to update)
 * and the document's creation; a lost race to create it goes round once more.
 */
export async function claimDailySequence(stationId: string, day: string, caseId: string, now: Date): Promise<number> {
  const id = counterId(stationId, day);
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await rt(() => coll(collections.caseCounters).where({ _id: id }).update({ data: { claims: cmd().addToSet(caseId) } }));
    // Nothing updated: no document yet (the day's first case), or this case already holds a place.
    if (updatedCount(res) === 0 && (await insertWithId<CaseCounterDoc>(collections.caseCounters, { _id: id, stationId, day, claims: [caseId], createdAt: now }))) return 1;
    const doc = await getById<CaseCounterDoc>(collections.caseCounters, id);
    const at = doc ? doc.claims.indexOf(caseId) : -1;
    if (at >= 0) return at + 1;
  }
  throw new Error(`case counter ${id}: no sequence after 5 attempts`);
}
