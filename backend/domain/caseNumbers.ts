/**
 * 受理编号: the number a resident can read out on the phone and staff can search, e.g.
 * `HY-20261130-0042` — the station's code, the China date it was filed, the day's sequence.
 */
import { claimDailySequence } from '../data/caseCounters';
import { inChina } from '../platform/time';

/** Used when a station has no code of its own configured. */
export const DEFAULT_STATION_CODE = 'FQ';

export function caseNumber(stationCode: string, day: string, sequence: number): string {
  return `${stationCode}-${day}-${String(sequence).padStart(4, '0')}`;
}

export const chinaDay = (d: Date) => inChina(d).format('YYYYMMDD');

/** The number of a new case (idempotent per case id: a retried create gets the same one). */
export async function assignCaseNumber(station: { _id: string; code?: string | null }, caseId: string, now: Date): Promise<string> {
  const day = chinaDay(now);
  const seq = await claimDailySequence(station._id, day, caseId, now);
  return caseNumber(station.code || DEFAULT_STATION_CODE, day, seq);
}
