/**
 * Reading mediations: one mediation, the workbench list, the community mediators to choose from, a
 * party's contacts in full (every read audited), the station's audit of those reads.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { casesByIds } from '../data/cases';
import { contactReadsOfStation, insertContactRead } from '../data/contactReads';
import { membershipsOf } from '../data/mediationMembers';
import { usersByIds } from '../data/users';
import { AppError } from '../platform/errors';
import { derivedId } from '../platform/ids';
import { iso } from '../platform/time';
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
  await insertContactRead({
    _id: derivedId('cr', a.c._id, ctx.openid, iso(ctx.now)),
    stationId: a.c.stationId,
    caseId: a.c._id,
    caseTitle: a.c.title,
    readerId: ctx.openid,
    readerName: ctx.user?.staff ? `${ctx.user.staff.name}（${ctx.user.staff.title}）` : '工作人员',
    createdAt: ctx.now,
  });
  return { parties: a.m.parties.map((p) => ({ name: p.name, relation: p.relation, phone: p.phone })) };
}

export async function contactReads(input: FnParsedInput<'mediations.contactReads'>, ctx: CallContext): Promise<FnOutput<'mediations.contactReads'>> {
  const stationId = ctx.user?.stationId;
  if (!stationId) return { items: [], nextCursor: null };
  const rows = await contactReadsOfStation(stationId, { after: parseCursor(input.cursor), limit: input.pageSize + 1 });
  const page = rows.slice(0, input.pageSize);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ caseId: r.caseId, caseTitle: r.caseTitle, readerName: r.readerName, at: iso(r.createdAt) })),
    nextCursor: rows.length > input.pageSize && last ? encodeCursor(last.createdAt, last._id) : null,
  };
}
