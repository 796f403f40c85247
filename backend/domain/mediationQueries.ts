/**
 * Reading mediations: one mediation, the workbench list, the community mediators to choose from, a
 * party's contacts in full (every read audited), the station's audit of those reads.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { casesByIds } from '../data/cases';
import { auditPage } from '../data/auditLog';
import { membershipsOf } from '../data/mediationMembers';
import { usersByIds } from '../data/users';
import { AppError } from '../platform/errors';
import { iso } from '../platform/time';
import { recordStaffAction } from './audit';
import type { CallContext } from './callContext';
import { encodeCursor, parseCursor } from './cursor';
import { loadMediation, STAFF } from './mediationAccess';
import { mediationItem } from './mediationViews';
import { viewFor } from './mediationWork';
import { organisation } from './organisation';

export async function get(input: FnParsedInput<'mediations.get'>, ctx: CallContext): Promise<FnOutput<'mediations.get'>> {
  return viewFor(ctx, await loadMediation(ctx, input.caseId));
}

/** My mediations (and legal-advice requests routed to me), newest first; `open` keeps those still needing me (incl. follow-ups). */
export async function listMine(input: FnParsedInput<'mediations.listMine'>, ctx: CallContext): Promise<FnOutput<'mediations.listMine'>> {
  const after = parseCursor(input.cursor);
  const members = await membershipsOf(ctx.openid, { after, limit: input.pageSize + 1 });
  const page = members.slice(0, input.pageSize);
  const cases = new Map((await casesByIds(page.map((m) => m.caseId))).map((c) => [c._id, c]));
  const items = page
    .map((m) => cases.get(m.caseId))
    .filter((c) => c !== undefined)
    .map((c) => mediationItem(c, ctx.now))
    .filter((i) => input.filter === 'all' || i.stage === 'active' || i.stage === 'follow_up_due');
  const last = page[page.length - 1];
  return { items, nextCursor: members.length > input.pageSize && last ? encodeCursor(last.createdAt, last._id) : null };
}

export async function mediatorOptions(input: FnParsedInput<'mediations.mediatorOptions'>, ctx: CallContext): Promise<FnOutput<'mediations.mediatorOptions'>> {
  const a = await loadMediation(ctx, input.caseId, STAFF);
  const org = await organisation(ctx.now);
  const ids = org.community(a.c.communityId)?.mediatorIds ?? [];
  const people = (await usersByIds(ids)).filter((u) => u.roles.includes('mediator'));
  const assigned = new Set(a.m?.mediatorIds ?? []);
  const judicial = org.station(a.c.stationId)?.judicialMediator ?? null;
  return {
    community: people.map((u) => ({ id: u._id, name: u.staff?.name ?? u.name ?? '调解员', title: u.staff?.title ?? '社区调解员', assigned: assigned.has(u._id) })),
    judicial: judicial ? { name: judicial.name, title: judicial.title } : null,
  };
}

/** The parties' contacts in full, for staff on the mediation only; the read is recorded before it is answered. */
export async function partyContacts(input: FnParsedInput<'mediations.partyContacts'>, ctx: CallContext): Promise<FnOutput<'mediations.partyContacts'>> {
  const a = await loadMediation(ctx, input.caseId, STAFF);
  if (!a.m) throw new AppError('INVALID_INPUT', '该案件不是调解', 'caseId');
  // Recorded before the contacts are answered (the audit log, issue 12).
  await recordStaffAction(ctx, {
    action: 'personal_data_read', stationId: a.c.stationId, target: { kind: 'mediation', id: a.c._id, label: a.c.title },
    detail: `查看调解当事人完整联系方式（${a.m.parties.length} 人）`,
  });
  return { parties: a.m.parties.map((p) => ({ name: p.name, relation: p.relation, phone: p.phone })) };
}

export async function contactReads(input: FnParsedInput<'mediations.contactReads'>, ctx: CallContext): Promise<FnOutput<'mediations.contactReads'>> {
  const stationId = ctx.user?.stationId;
  if (!stationId) return { items: [], nextCursor: null };
  // The reads of personal data in the station's audit log (index station_action_at); party contacts are the mediation ones.
  const rows = await auditPage({ stationId, action: 'personal_data_read', after: parseCursor(input.cursor), limit: input.pageSize + 1 });
  const page = rows.slice(0, input.pageSize);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ caseId: r.target?.id ?? '', caseTitle: r.target?.label ?? '', readerName: r.actorName ?? '工作人员', at: iso(r.at) })),
    nextCursor: rows.length > input.pageSize && last ? encodeCursor(last.at, last._id) : null,
  };
}
