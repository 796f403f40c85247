/**
 * Patrols and findings per community per month, for the station desk (issue 11): one aggregation
 * over the station's patrols started in [from, to) (`$match` first, on the station_started index),
 * grouped by community and China-time month, named from the organisation cache.
 */
import { patrolMonthGroups } from '../data/patrols';
import { organisation } from './organisation';

export interface PatrolMonthFigure {
  communityId: string;
  communityName: string;
  /** `YYYY-MM`, China time. */
  month: string;
  patrols: number;
  findings: number;
}

export async function patrolsPerCommunityMonth(stationId: string, from: Date, to: Date, now: Date): Promise<PatrolMonthFigure[]> {
  const [rows, org] = await Promise.all([patrolMonthGroups(stationId, from, to), organisation(now)]);
  return rows
    .map((r) => ({ ...r, communityName: org.community(r.communityId)?.name ?? '' }))
    .sort((a, b) => a.month.localeCompare(b.month) || (org.community(a.communityId)?.order ?? 0) - (org.community(b.communityId)?.order ?? 0));
}
