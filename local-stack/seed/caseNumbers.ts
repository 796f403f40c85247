/**
 * issue 14: the demo's cases get their 受理编号 as if filed one by one (per China day, in the order
 * they were created), and each station-day's counter holds them in that order, so a case filed today
 * on top of the demo continues the day's sequence. Follow records get the number and the snippet.
 */
import type { CaseFollowDoc } from '../../backend/data/caseFollows';
import { counterId, type CaseCounterDoc } from '../../backend/data/caseCounters';
import type { CaseDoc } from '../../backend/data/cases';
import { caseNumber, chinaDay } from '../../backend/domain/caseNumbers';
import { snippetOf } from '../../backend/domain/caseViews';

/** The demo station's code (its case numbers read HY-…). */
export const SEED_STATION_CODE = 'HY';

export function numberSeedCases(cases: CaseDoc[], stationCode = SEED_STATION_CODE): { cases: CaseDoc[]; counters: CaseCounterDoc[] } {
  const counters = new Map<string, CaseCounterDoc>();
  const byTime = [...cases].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : 1));
  const numbers = new Map<string, string>();
  for (const c of byTime) {
    const day = chinaDay(c.createdAt);
    const id = counterId(c.stationId, day);
    const counter = counters.get(id) ?? { _id: id, stationId: c.stationId, day, claims: [], createdAt: c.createdAt };
    counter.claims.push(c._id);
    counters.set(id, counter);
    numbers.set(c._id, caseNumber(stationCode, day, counter.claims.length));
  }
  return { cases: cases.map((c) => ({ ...c, caseNo: numbers.get(c._id) ?? null })), counters: [...counters.values()] };
}

export function followsWithSummary(follows: CaseFollowDoc[], cases: CaseDoc[]): CaseFollowDoc[] {
  const byId = new Map(cases.map((c) => [c._id, c]));
  return follows.map((f) => {
    const c = byId.get(f.caseId);
    return c ? { ...f, caseNo: c.caseNo ?? null, snippet: snippetOf(c.description) } : f;
  });
}
