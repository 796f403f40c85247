/**
 * The station dashboard, section by section. Each section is one aggregate (or one aggregate and one
 * indexed list) over the desk's scope, opening with an indexed `$match`; every number is counted by
 * the database and only percentiles are taken here from the durations it pushed. Sections run in
 * parallel; the list is meant to grow (surveys, visits, patrols): add an entry to `sections` and its
 * schema to types/station.ts `dashboardSections`. The whole dashboard stays within 6 round trips
 * (test/functions/roundtrips.test.ts).
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
 */
import { caseKinds, mediationTiers, type MediationTier } from '../../types/enums';
import type { CasesSection, DurationStats, MediationsSection, RateOf, RatingsSection } from '../../types/station';
import { caseGroups, mediationOutcomesByTierCommunity, mediationsNearLimit, narrowWhere, ratingGroups, type DeskScope } from '../data/cases';
import { daysLater, iso } from '../platform/time';
import { bucketOf } from './mediationStats';
import type { Organisation } from './organisation';
import { serviceLevels } from './serviceLevels';

export interface SectionInput {
  scope: DeskScope;
  from: Date;
  to: Date;
  now: Date;
  org: Organisation;
}

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

async function casesSection({ scope, from, to, now, org }: SectionInput): Promise<CasesSection> {
  const sl = serviceLevels();
  const rows = await caseGroups(scope, from, to, now, { urgentMs: sl.urgentAcceptMinutes * 60_000, normalMs: sl.normalAcceptHours * 3_600_000 });
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
    // Filled from the ratings aggregate by `dashboard` (one aggregate per section).
    satisfactionRate: rate(0, 0),
  };
}

async function mediationsSection({ scope, from, to, now, org }: SectionInput): Promise<MediationsSection> {
  const sl = serviceLevels();
  const [groups, near] = await Promise.all([
    mediationOutcomesByTierCommunity(scope.stationId, from, to, narrowWhere(scope.narrow)),
    mediationsNearLimit(scope, daysLater(now, sl.mediationReminderDays), 20),
  ]);
  const tiers = new Map<MediationTier, typeof groups>();
  for (const g of groups) {
    const tier = (g.key.tier ?? 'police_community') as MediationTier;
    tiers.set(tier, [...(tiers.get(tier) ?? []), g]);
  }
  return {
    overall: bucketOf(groups),
    byTier: mediationTiers.filter((t) => tiers.has(t)).map((tier) => ({ tier, ...bucketOf(tiers.get(tier)!) })),
    nearLimit: near.flatMap((c) => {
      const deadline = c.mediation?.deadlineAt;
      if (!deadline) return [];
      return [{
        caseId: c._id, title: c.title, communityName: c.communityName || (org.community(c.communityId)?.name ?? ''),
        tier: c.mediation?.tier ?? 'police_community', deadlineAt: iso(deadline),
        daysLeft: Math.ceil((deadline.getTime() - now.getTime()) / 86_400_000),
      }];
    }),
  };
}

async function ratingsSection({ scope, from, to }: SectionInput): Promise<RatingsSection> {
  const rows = await ratingGroups(scope, from, to);
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

/** The sections, each computed independently from the same scope. */
export const sections = {
  cases: casesSection,
  mediations: mediationsSection,
  ratings: ratingsSection,
} satisfies Record<string, (input: SectionInput) => Promise<unknown>>;

export type SectionKey = keyof typeof sections;
export type SectionValues = { [K in SectionKey]: Awaited<ReturnType<(typeof sections)[K]>> };

/** Every section in parallel. */
export async function computeSections(input: SectionInput): Promise<SectionValues> {
  const keys = Object.keys(sections) as SectionKey[];
  const values = await Promise.all(keys.map((k) => sections[k](input)));
  const out = Object.fromEntries(keys.map((k, i) => [k, values[i]])) as SectionValues;
  // 满意率 belongs to the 12345 triple shown with the cases, counted by the ratings aggregate.
  out.cases.satisfactionRate = rate(sum(out.ratings.satisfaction.distribution.slice(3), (x) => x), out.ratings.rated);
  return out;
}
