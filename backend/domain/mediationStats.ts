/**
 * The success rate: success / (success + failed + referred) over mediations closed in a period
 * (`mediationClosedAt`), overall, per tier, per mediator and per community, with the median days
 * from request to outcome. Computed by two `aggregate` calls (indexed `$match` first); the station
 * admin and the judicial mediator see the station, everyone else their own mediations.
 */
import { mediationTiers, type MediationTier } from '../../types/enums';
import type { StatsBucket, StatsOutput } from '../../types/mediation';
import type { FnParsedInput } from '../../types/registry';
import { mediationOutcomeGroups, type MediationGroupRow } from '../data/cases';
import { hasRole, type CallContext } from './callContext';
import { organisation } from './organisation';

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const v = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return Math.round(v * 10) / 10;
}

/** Several groups as one bucket. */
export function bucketOf(rows: Pick<MediationGroupRow, 'success' | 'failed' | 'referred' | 'days'>[]): StatsBucket {
  const success = rows.reduce((n, r) => n + r.success, 0);
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  const referred = rows.reduce((n, r) => n + r.referred, 0);
  const closed = success + failed + referred;
  return {
    closed, success, failed, referred,
    successRate: closed === 0 ? null : Math.round((success / closed) * 1000) / 1000,
    medianDaysToClose: median(rows.flatMap((r) => r.days)),
  };
}

export async function stats(input: FnParsedInput<'mediations.stats'>, ctx: CallContext): Promise<StatsOutput> {
  const org = await organisation(ctx.now);
  const stationId = ctx.user?.stationId ?? org.communities[0]?.stationId ?? '';
  const stationWide = hasRole(ctx, 'admin', 'judicial_mediator');
  const from = new Date(input.from);
  const to = new Date(input.to);
  const { byTierCommunity, byMediator } = await mediationOutcomeGroups(stationId, from, to, stationWide ? null : ctx.openid);
  const groupBy = <K extends string>(key: (r: MediationGroupRow) => K) => {
    const m = new Map<K, MediationGroupRow[]>();
    for (const r of byTierCommunity) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const tiers = groupBy((r) => (r.key.tier ?? 'police_community') as MediationTier);
  const communities = groupBy((r) => r.key.communityId ?? '');
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    ownOnly: !stationWide,
    overall: bucketOf(byTierCommunity),
    byTier: mediationTiers.filter((t) => tiers.has(t)).map((tier) => ({ tier, ...bucketOf(tiers.get(tier)!) })),
    byMediator: byMediator
      .filter((r) => stationWide || r.key.id === ctx.openid)
      .map((r) => ({ name: r.name ?? '调解员', isMe: r.key.id === ctx.openid, ...bucketOf([r]) }))
      .sort((a, b) => b.closed - a.closed),
    byCommunity: [...communities.entries()].map(([communityId, rows]) => ({
      communityId, communityName: org.community(communityId)?.name ?? '', ...bucketOf(rows),
    })),
  };
}
