/**
 * The station dashboard, section by section. Every number is counted by the database; only
 * percentiles are taken here from the durations it pushed, and per-grid / per-community rows are
 * summed. Round trips: the cases and the mediation outcomes are one aggregate each; everything else
 * (ratings, mediations near their limit, surveys, visits, patrols, the station's grids) is folded into
 * ONE aggregate over the station's document with an uncorrelated `$lookup` per part, each opening
 * with its indexed `$match` (data/stations.stationFigures). Three aggregates in parallel: the whole
 * dashboard stays within 6 round trips (test/functions/roundtrips.test.ts). A new section adds a
 * part to `figureParts` and a pure function of its rows, and its schema to types/station.ts.
 *
 * Definitions (cases created in the period, in scope; the 12345 hotline's scoring terms):
 * - 响应率 (responseRate) = cases accepted within the service level (urgent help 30 minutes, everything
 *   else 24 hours: domain/serviceLevels.ts) ÷ cases whose acceptance fell due (accepted at all, or
 *   still waiting past the deadline). Cases withdrawn or rejected before acceptance, and cases still
 *   inside their window, are in neither.
 * - 解决率 (resolutionRate) = cases resolved (status resolved or closed) ÷ cases handled to an end
 *   (resolved, closed or rejected). Open cases are in neither.
 * - 满意率 (satisfactionRate) = rated 4 or 5 (满意 / 非常满意) for satisfaction ÷ rated cases.
 * - Time to accept / resolve: minutes / hours from submission; median and 90th percentile by linear
 *   interpolation between closest ranks (Excel's PERCENTILE.INC), one decimal.
 * - Mediation success rate: domain/mediationStats.ts (mediations closed in the period).
 * - Ratings: resolved or closed cases; unrated share = unrated ÷ those cases.
 * - Surveys (the months the period touches; issue 10): answer rate = answers ÷ the verified members
 *   each published survey was put to (`surveyInvited`: the count the survey keeps); the trend per
 *   month over at least the last 6 months: answers, answer rate, and the average of every
 *   satisfaction / sense-of-safety rating given that month (1–5, one decimal). `members` per
 *   community is today's count.
 * - Visits (issue 11, as roster.visitStats): done = visits made in the period; due = due dates that fell
 *   in the period, answered by a visit (dueMet) or still open (households due in the period, up to now).
 * - Patrols: started in the period; findings = the cases they reported.
 */
import { caseKinds, mediationTiers, type MediationTier } from '../../types/enums';
import type { CasesSection, DurationStats, MediationsSection, PatrolsSection, RateOf, RatingsSection, SurveysSection, VisitsSection } from '../../types/station';
import {
  caseGroups, mediationOutcomesByTierCommunity, narrowWhere, nearLimitPipeline, ratingGroupsPipeline, ratingRows, type DeskScope, type MediationGroupRow, type NearLimitRow,
} from '../data/cases';
import { stationGridsPipeline, type GridRow } from '../data/grids';
import { openDuesPerGridPipeline } from '../data/households';
import { patrolMonthPipeline, patrolMonthRows } from '../data/patrols';
import { stationFigures, type SubPipeline } from '../data/stations';
import { topicSumsPipeline } from '../data/surveyAnswers';
import { surveyCountsPipeline } from '../data/surveys';
import { verifiedMembersPipeline } from '../data/users';
import { visitsPerGridPipeline } from '../data/visits';
import { chinaMonthStart, daysLater, iso, monthsAfter } from '../platform/time';
import { placeNarrowing, type DeskPlaces } from './deskScope';
import { bucketOf } from './mediationStats';
import type { Organisation } from './organisation';
import { serviceLevels } from './serviceLevels';
import { surveyInvited } from './surveyAudience';
import { monthOf, monthsEndingWith } from './surveyCalendar';

export interface SectionInput {
  scope: DeskScope;
  places: DeskPlaces;
  from: Date;
  to: Date;
  now: Date;
  org: Organisation;
}

/** The survey trend shows at least this many months, ending with the period's last. */
export const SURVEY_TREND_MONTHS = 6;
const NEAR_LIMIT_ROWS = 20;

const round1 = (v: number) => Math.round(v * 10) / 10;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** Linear interpolation between closest ranks (PERCENTILE.INC); `p` in [0, 1]. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return round1(s[lo]! + (s[hi]! - s[lo]!) * (pos - lo));
}

export function durationStatsOf(values: number[]): DurationStats {
  return { n: values.length, median: percentile(values, 0.5), p90: percentile(values, 0.9) };
}

export function rate(numerator: number, denominator: number): RateOf {
  return { numerator, denominator, rate: denominator === 0 ? null : round3(numerator / denominator) };
}

const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);

function casesSection(rows: Awaited<ReturnType<typeof caseGroups>>, org: Organisation): CasesSection {
  const byCategory = new Map<string, { kind: (typeof caseKinds)[number]; category: string; count: number }>();
  const byCommunity = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.kind}:${r.category ?? 'other'}`;
    const entry = byCategory.get(key) ?? { kind: r.kind, category: r.category ?? 'other', count: 0 };
    entry.count += r.count;
    byCategory.set(key, entry);
    byCommunity.set(r.communityId, (byCommunity.get(r.communityId) ?? 0) + r.count);
  }
  return {
    total: sum(rows, (r) => r.count),
    byKind: caseKinds.map((kind) => ({ kind, count: sum(rows.filter((r) => r.kind === kind), (r) => r.count) })),
    byCategory: [...byCategory.values()].sort((a, b) => b.count - a.count),
    byCommunity: org.communities
      .filter((c) => byCommunity.has(c._id))
      .map((c) => ({ communityId: c._id, communityName: c.name, count: byCommunity.get(c._id)! })),
    acceptMinutes: durationStatsOf(rows.flatMap((r) => r.acceptMinutes)),
    resolveHours: durationStatsOf(rows.flatMap((r) => r.resolveHours)),
    responseRate: rate(sum(rows, (r) => r.acceptedInTime), sum(rows, (r) => r.responseDue)),
    resolutionRate: rate(sum(rows, (r) => r.resolved), sum(rows, (r) => r.finished)),
    // Filled from the ratings by `computeSections`.
    satisfactionRate: rate(0, 0),
  };
}

function mediationsSection(groups: MediationGroupRow[], near: NearLimitRow[], { now, org }: SectionInput): MediationsSection {
  const tiers = new Map<MediationTier, typeof groups>();
  for (const g of groups) {
    const tier = (g.key.tier ?? 'police_community') as MediationTier;
    tiers.set(tier, [...(tiers.get(tier) ?? []), g]);
  }
  return {
    overall: bucketOf(groups),
    byTier: mediationTiers.filter((t) => tiers.has(t)).map((tier) => ({ tier, ...bucketOf(tiers.get(tier)!) })),
    nearLimit: near.map((c) => {
      const deadline = new Date(c.mediation.deadlineAt);
      return {
        caseId: c._id, title: c.title, communityName: c.communityName || (org.community(c.communityId)?.name ?? ''),
        tier: c.mediation.tier ?? 'police_community', deadlineAt: iso(deadline),
        daysLeft: Math.ceil((deadline.getTime() - now.getTime()) / 86_400_000),
      };
    }),
  };
}

function ratingsSection(rows: ReturnType<typeof ratingRows>): RatingsSection {
  const scores = (pick: (r: (typeof rows)[number]) => number | null) => {
    const distribution = [0, 0, 0, 0, 0];
    for (const r of rows) {
      const v = pick(r);
      if (v !== null && v >= 1 && v <= 5) distribution[v - 1]! += r.count;
    }
    const n = sum(distribution, (x) => x);
    const total = distribution.reduce((acc, x, i) => acc + x * (i + 1), 0);
    return { average: n === 0 ? null : round1(total / n), distribution };
  };
  const rateable = sum(rows, (r) => r.count);
  const rated = sum(rows.filter((r) => r.satisfaction !== null), (r) => r.count);
  return {
    rateable, rated, unratedShare: rateable === 0 ? null : round3((rateable - rated) / rateable),
    satisfaction: scores((r) => r.satisfaction), safety: scores((r) => r.safety),
  };
}

/** The China months `YYYY-MM` that [from, to) touches, oldest first. */
export function monthsOfPeriod(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); chinaMonthStart(m) < to && out.length < 13; m = monthsAfter(m, 1)) out.push(m);
  return out;
}

/** The trend's months: at least SURVEY_TREND_MONTHS, ending with the period's last month, covering the period. */
export function trendMonths(periodMonths: string[]): string[] {
  return monthsEndingWith(periodMonths[periodMonths.length - 1]!, Math.max(SURVEY_TREND_MONTHS, periodMonths.length));
}

type CountRow = { _id: string; count: number };
type SurveyCountRow = { _id: { communityId: string; month: string }; answers: number; status: string; memberCount: number | null };

type TopicRow = { _id: { c: string; m: string; t: 'satisfaction' | 'safety' }; sum: number; n: number };

function surveysSection(memberRows: CountRow[], countRows: SurveyCountRow[], topicRows: TopicRow[], { places, from, to, org }: SectionInput): SurveysSection {
  const months = monthsOfPeriod(from, to);
  const inScope = new Set(places.communityIds);
  const members = new Map(memberRows.filter((r) => inScope.has(r._id)).map((r) => [r._id, r.count]));
  const surveys = countRows.filter((r) => inScope.has(r._id.communityId));
  const invitedOf = (r: SurveyCountRow) => surveyInvited(r, members.get(r._id.communityId) ?? 0);
  const topics = topicRows.filter((r) => inScope.has(r._id.c));
  const inPeriod = surveys.filter((r) => months.includes(r._id.month));
  const byCommunity = org.communities.filter((c) => inScope.has(c._id)).map((c) => {
    const own = inPeriod.filter((r) => r._id.communityId === c._id);
    const m = members.get(c._id) ?? 0;
    const answers = sum(own, (r) => r.answers);
    const invited = sum(own, invitedOf);
    return { communityId: c._id, communityName: c.name, members: m, surveys: own.length, answers, invited, answerRate: rate(answers, invited) };
  });
  const trend = trendMonths(months).map((month) => {
    const held = surveys.filter((r) => r._id.month === month);
    const invited = sum(held, invitedOf);
    const answers = sum(held, (r) => r.answers);
    const average = (t: TopicRow['_id']['t']) => {
      const rows = topics.filter((r) => r._id.m === month && r._id.t === t);
      const n = sum(rows, (r) => r.n);
      return n === 0 ? null : round1(sum(rows, (r) => r.sum) / n);
    };
    return { month, held: held.length, answers, answerRate: invited === 0 ? null : round3(answers / invited), satisfaction: average('satisfaction'), safety: average('safety') };
  });
  // Months before the first survey are not part of the trend.
  const first = trend.findIndex((p) => p.held > 0);
  return {
    months,
    members: sum(byCommunity, (c) => c.members),
    answers: sum(byCommunity, (c) => c.answers),
    answerRate: rate(sum(byCommunity, (c) => c.answers), sum(byCommunity, (c) => c.invited)),
    byCommunity: byCommunity.map(({ invited: _invited, ...c }) => c),
    trend: (first < 0 ? [] : trend.slice(first)).map(({ held: _held, ...p }) => p),
  };
}

function gridsInScope(grids: GridRow[], places: DeskPlaces): GridRow[] {
  const communities = new Set(places.communityIds);
  const ids = places.gridIds ? new Set(places.gridIds) : null;
  return grids.filter((g) => (ids ? ids.has(g._id) : places.wholeStation || communities.has(g.communityId))).sort((a, b) => a.order - b.order);
}

function visitsSection(grids: GridRow[], done: CountRow[], dueMet: CountRow[], open: CountRow[], { places, org }: SectionInput): VisitsSection {
  const n = (rows: CountRow[], id: string) => rows.find((r) => r._id === id)?.count ?? 0;
  const byGrid = gridsInScope(grids, places).map((g) => {
    const met = n(dueMet, g._id);
    return { gridId: g._id, gridName: g.name, communityName: org.community(g.communityId)?.name ?? '', done: n(done, g._id), dueMet: met, due: met + n(open, g._id) };
  });
  return { done: sum(byGrid, (g) => g.done), due: sum(byGrid, (g) => g.due), dueMet: sum(byGrid, (g) => g.dueMet), byGrid };
}

function patrolsSection(rows: ReturnType<typeof patrolMonthRows>, { places, from, to, org }: SectionInput): PatrolsSection {
  const communities = new Set(places.communityIds);
  const mine = rows.filter((r) => communities.has(r.communityId));
  const byCommunity = org.communities.filter((c) => communities.has(c._id)).map((c) => {
    const own = mine.filter((r) => r.communityId === c._id);
    return { communityId: c._id, communityName: c.name, patrols: sum(own, (r) => r.patrols), findings: sum(own, (r) => r.findings) };
  });
  const byMonth = monthsOfPeriod(from, to).map((month) => {
    const own = mine.filter((r) => r.month === month);
    return { month, patrols: sum(own, (r) => r.patrols), findings: sum(own, (r) => r.findings) };
  });
  return { patrols: sum(byCommunity, (c) => c.patrols), findings: sum(byCommunity, (c) => c.findings), byCommunity, byMonth };
}

/** Every part of the folded aggregate, built by the data module of the collection it reads. */
function figureParts({ scope, places, from, to, now }: SectionInput) {
  const sl = serviceLevels();
  const narrow = placeNarrowing(places);
  const months = trendMonths(monthsOfPeriod(from, to));
  const openUntil = to < now ? to : now;
  return {
    ratings: ratingGroupsPipeline(scope, from, to),
    nearLimit: nearLimitPipeline(scope, daysLater(now, sl.mediationReminderDays), NEAR_LIMIT_ROWS),
    grids: stationGridsPipeline(scope.stationId),
    members: verifiedMembersPipeline(places.communityIds),
    surveyCounts: surveyCountsPipeline(scope.stationId, months, places.wholeStation ? undefined : places.communityIds),
    topicSums: topicSumsPipeline(places.communityIds, months),
    visitsDone: visitsPerGridPipeline(scope.stationId, 'at', from, to, narrow),
    visitsDueMet: visitsPerGridPipeline(scope.stationId, 'dueAt', from, to, narrow),
    openDues: openDuesPerGridPipeline(scope.stationId, from, openUntil, narrow),
    patrols: patrolMonthPipeline(scope.stationId, from, to, places.wholeStation ? {} : { communityIds: places.communityIds }),
  } satisfies Record<string, SubPipeline>;
}

export interface SectionValues {
  cases: CasesSection;
  mediations: MediationsSection;
  ratings: RatingsSection;
  surveys: SurveysSection;
  visits: VisitsSection;
  patrols: PatrolsSection;
}

/** Every section from three aggregates in parallel. */
export async function computeSections(input: SectionInput): Promise<SectionValues> {
  const { scope, from, to, now, org } = input;
  const sl = serviceLevels();
  const [caseRows, mediationGroups, f] = await Promise.all([
    caseGroups(scope, from, to, now, { urgentMs: sl.urgentAcceptMinutes * 60_000, normalMs: sl.normalAcceptHours * 3_600_000 }),
    mediationOutcomesByTierCommunity(scope.stationId, from, to, narrowWhere(scope.narrow)),
    stationFigures(scope.stationId, figureParts(input)),
  ]);
  const counts = (rows: unknown[]) => rows as CountRow[];
  const out: SectionValues = {
    cases: casesSection(caseRows, org),
    mediations: mediationsSection(mediationGroups, f.nearLimit as NearLimitRow[], input),
    ratings: ratingsSection(ratingRows(f.ratings)),
    surveys: surveysSection(counts(f.members), f.surveyCounts as SurveyCountRow[], f.topicSums as TopicRow[], input),
    visits: visitsSection(f.grids as GridRow[], counts(f.visitsDone), counts(f.visitsDueMet), counts(f.openDues), input),
    patrols: patrolsSection(patrolMonthRows(f.patrols), input),
  };
  // 满意率 belongs to the 12345 triple shown with the cases, counted by the ratings aggregate.
  out.cases.satisfactionRate = rate(sum(out.ratings.satisfaction.distribution.slice(3), (x) => x), out.ratings.rated);
  return out;
}
