/**
 * Staff actions on personal data, recorded in the audit log (data/auditLog.ts) before the data is
 * answered: who (the caller, from getWXContext), when, what, which record. The station admin browses
 * it (`station.auditLog`); the scheduler removes entries past the station's retention setting.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { appendAudit, auditPage, removeAuditBefore, type AuditAction, type AuditLogDoc, type AuditTarget } from '../data/auditLog';
import { setAuditRetentionDays, type StationDoc } from '../data/stations';
import { randomId } from '../platform/ids';
import { daysEarlier, inChina, iso } from '../platform/time';
import type { CallContext } from './callContext';
import { encodeCursor, parseCursor } from './cursor';
import { organisation, type Organisation } from './organisation';

/** Kept this long unless the station says otherwise (three years, as the case retention). */
export const DEFAULT_AUDIT_RETENTION_DAYS = 1095;

export const auditRetentionDays = (station: Pick<StationDoc, 'auditRetentionDays'> | null): number => station?.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;

/** The caller as the audit log shows them: 周建军（社区民警）. */
export function actorLabel(ctx: CallContext): string {
  const s = ctx.user?.staff;
  return s ? `${s.name}（${s.title}）` : (ctx.user?.name ?? '工作人员');
}

export interface AuditEvent {
  action: AuditAction;
  stationId: string | null;
  target: AuditTarget | null;
  detail: string;
  counts?: Record<string, number>;
}

/** One staff action; a random id, so two reads of the same record are two entries. */
export async function recordStaffAction(ctx: CallContext, e: AuditEvent): Promise<void> {
  const doc: AuditLogDoc = {
    _id: randomId(), action: e.action, stationId: e.stationId, subject: null, by: 'staff', counts: e.counts ?? {},
    at: ctx.now, actorId: ctx.openid, actorName: actorLabel(ctx), target: e.target, detail: e.detail,
  };
  await appendAudit(doc);
}

function describe(doc: AuditLogDoc): string {
  if (doc.detail) return doc.detail;
  if (doc.action === 'account_deleted') return `居民注销账号，匿名化案件 ${doc.counts.casesAnonymised ?? 0} 件`;
  if (doc.action === 'cases_anonymised') return `超过保存期限，匿名化案件 ${doc.counts.cases ?? 0} 件`;
  return '';
}

export async function auditLog(input: FnParsedInput<'station.auditLog'>, ctx: CallContext): Promise<FnOutput<'station.auditLog'>> {
  const stationId = ctx.user?.stationId;
  if (!stationId) return { items: [], nextCursor: null };
  const rows = await auditPage({
    stationId, action: input.action, actorId: input.actorId, from: input.from ? new Date(input.from) : undefined, to: input.to ? new Date(input.to) : undefined,
    after: parseCursor(input.cursor), limit: input.pageSize + 1,
  });
  const page = rows.slice(0, input.pageSize);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r._id, action: r.action, at: iso(r.at),
      actorName: r.actorName ?? (r.by === 'resident' ? '居民本人' : '系统'),
      detail: describe(r), target: r.target ?? null,
    })),
    nextCursor: rows.length > input.pageSize && last ? encodeCursor(last.at, last._id) : null,
  };
}

export async function setAuditRetention(input: FnParsedInput<'station.setAuditRetention'>, ctx: CallContext): Promise<FnOutput<'station.setAuditRetention'>> {
  const stationId = ctx.user!.stationId!;
  const before = auditRetentionDays((await organisation(ctx.now)).station(stationId));
  await setAuditRetentionDays(stationId, input.days);
  await recordStaffAction(ctx, {
    action: 'settings_changed', stationId, target: { kind: 'station', id: stationId, label: '审计日志保存期限' },
    detail: `审计日志保存期限由 ${before} 天改为 ${input.days} 天`,
  });
  return { auditRetentionDays: input.days };
}

/** The sweep runs once a day (the 03:30 tick, China time): a minute's timer must stay cheap. */
export function auditSweepDue(now: Date): boolean {
  const t = inChina(now);
  return t.hour() === 3 && t.minute() === 30;
}

/** Removes each station's entries older than its retention setting; answers how many went. */
export async function sweepAuditRetention(org: Organisation, now: Date): Promise<number> {
  const stationIds = [...new Set(org.communities.map((c) => c.stationId))];
  let removed = 0;
  for (const id of stationIds) removed += await removeAuditBefore(id, daysEarlier(now, auditRetentionDays(org.station(id))));
  return removed;
}
