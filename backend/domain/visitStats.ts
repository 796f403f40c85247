/**
 * Visits done vs due per grid in one month (issue 11), for the station desk. `done`: visits made in
 * the month; `due`: due dates that fell in the month — those a visit answered (`dueMet`) plus those
 * still open (households whose next visit fell due in the month and has not happened). Three
 * aggregations in parallel, each opening with `$match` on an index (visits station_at and
 * station_due, households station_due).
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import type { VisitStatsOutput } from '../../types/roster';
import { gridsOfStation } from '../data/grids';
import { openDuesPerGrid } from '../data/households';
import { visitCountsPerGrid } from '../data/visits';
import { AppError } from '../platform/errors';
import { chinaMonthStart, monthsAfter } from '../platform/time';
import type { CallContext } from './callContext';
import { rosterScope } from './rosterAccess';

export async function visitsDoneVsDue(stationId: string, month: string, now: Date): Promise<VisitStatsOutput> {
  const from = chinaMonthStart(month);
  const to = chinaMonthStart(monthsAfter(month, 1));
  const openUntil = to.getTime() < now.getTime() ? to : now;
  const [grids, counts, open] = await Promise.all([
    gridsOfStation(stationId),
    visitCountsPerGrid(stationId, from, to),
    openDuesPerGrid(stationId, from, openUntil),
  ]);
  const n = (rows: { gridId: string; count: number }[], id: string) => rows.find((r) => r.gridId === id)?.count ?? 0;
  return {
    month,
    grids: grids.map((g) => {
      const dueMet = n(counts.dueMet, g._id);
      return { gridId: g._id, gridName: g.name, done: n(counts.done, g._id), dueMet, due: dueMet + n(open, g._id) };
    }),
  };
}

/** The admin sees the station; an officer the grids they own. */
export async function visitStats(input: FnParsedInput<'roster.visitStats'>, ctx: CallContext): Promise<FnOutput<'roster.visitStats'>> {
  const scope = await rosterScope(ctx);
  if (!scope.stationId) throw new AppError('FORBIDDEN', '您还没有所属的派出所');
  const stats = await visitsDoneVsDue(scope.stationId, input.month, ctx.now);
  if (ctx.user!.roles.includes('admin')) return stats;
  const mine = new Set(scope.grids.map((g) => g._id));
  return { ...stats, grids: stats.grids.filter((g) => mine.has(g.gridId)) };
}
