/** What staff do with cases: inbox, open, accept, note, start, resolve, reject, transfer. */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { attentionOfAssignee, caseByNumber, casesOfAssignee, countStaffUnread, escalatedOfStation, markStaffRead, type CaseDoc } from '../data/cases';
import { getGrid, gridsOfStation } from '../data/grids';
import { hasRole, type CallContext } from './callContext';
import { AppError } from '../platform/errors';
import { tempFileUrls } from '../platform/openapi';
import { hasStaffAccess, loadForStaff } from './caseAccess';
import { acceptingMediator, listAcceptingMediator } from './mediationWork';
import { applyTransition, type Transition } from './caseLifecycle';
import { toAssignee, toReporter } from './caseNotifications';
import { inboxItem, isOverdue, staffView, visibleFileIds } from './caseViews';
import { encodeCursor, parseCursor } from './cursor';
import { organisation } from './organisation';
import { routeToGrid } from './routing';
import { followUpDueAt } from './serviceLevels';
import { entry, staffActor } from './timeline';

export async function staffCaseView(c: CaseDoc, ctx: CallContext) {
  const urls = await tempFileUrls(visibleFileIds(c, c.assigneeId === ctx.openid ? 'assignee' : 'other'));
  return staffView(c, ctx.openid, ctx.now, urls);
}

/** Staff open a case: the assignee's reading clears its unread mark. */
export async function staffGet(c: CaseDoc, ctx: CallContext) {
  if (c.staffUnread && c.assigneeId === ctx.openid) {
    await markStaffRead(c._id);
    c = { ...c, staffUnread: false };
  }
  return staffCaseView(c, ctx);
}

/** How many cases needing attention one inbox call reads; beyond it the unread count is counted apart. */
const ATTENTION_LIMIT = 200;

/** The inbox searched by 受理编号: the one case, if it is this person's to see (else nothing, not an error). */
async function inboxByNumber(caseNo: string, ctx: CallContext): Promise<FnOutput<'cases.inbox'>> {
  const c = await caseByNumber(caseNo);
  const items = c && (await hasStaffAccess(ctx, c)) ? [inboxItem(c, ctx.now)] : [];
  return { overdue: [], items, nextCursor: null, unreadCount: await countStaffUnread(ctx.openid) };
}

export async function inbox(input: FnParsedInput<'cases.inbox'>, ctx: CallContext): Promise<FnOutput<'cases.inbox'>> {
  if (input.caseNo) return inboxByNumber(input.caseNo, ctx);
  const after = parseCursor(input.cursor);
  const limit = input.pageSize + 1;
  const first = !after;
  const stationId = hasRole(ctx, 'admin') ? ctx.user!.stationId : null;
  const [mine, escalated, attention] = await Promise.all([
    casesOfAssignee(ctx.openid, input.filter === 'open', { after, limit }),
    stationId ? escalatedOfStation(stationId, { after, limit }) : Promise.resolve([] as CaseDoc[]),
    // The overdue section and the unread count belong to the first page only.
    first ? attentionOfAssignee(ctx.openid, ctx.now, ATTENTION_LIMIT) : Promise.resolve([] as CaseDoc[]),
  ]);
  const overdue = attention.filter((c) => isOverdue(c, ctx.now)).sort((a, b) => a.slaDueAt!.getTime() - b.slaDueAt!.getTime()).slice(0, 20);
  const unreadCount = attention.length < ATTENTION_LIMIT ? attention.filter((c) => c.staffUnread).length : await countStaffUnread(ctx.openid);
  // Merge the two newest-first streams; both page on the same (createdAt, _id) cursor.
  const byId = new Map<string, CaseDoc>();
  for (const c of [...mine, ...escalated]) byId.set(c._id, c);
  const merged = [...byId.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : -1));
  const more = mine.length === limit || escalated.length === limit || merged.length > input.pageSize;
  const page = merged.slice(0, input.pageSize);
  const last = page[page.length - 1];
  return {
    overdue: overdue.map((c) => inboxItem(c, ctx.now)),
    items: page.map((c) => inboxItem(c, ctx.now)),
    nextCursor: more && last ? encodeCursor(last.createdAt, last._id) : null,
    unreadCount,
  };
}

/** A staff transition, answered with the staff view of the updated case. */
async function asStaff(ctx: CallContext, c: CaseDoc, t: Omit<Transition, 'role'>): Promise<FnOutput<'cases.accept'>> {
  const updated = await applyTransition(c, { ...t, role: 'staff' }, ctx.now);
  return { case: await staffCaseView(updated, ctx) };
}

function actorName(ctx: CallContext): string {
  return ctx.user?.staff?.name ?? '工作人员';
}

export async function accept(input: FnParsedInput<'cases.accept'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  const e = entry('accepted', staffActor(ctx.user, ctx.openid), ctx.now, { from: c.status, to: 'accepted' });
  const answer = await asStaff(ctx, c, {
    action: 'accept',
    patch: { assigneeId: ctx.openid, assigneeName: actorName(ctx), assigneeTitle: ctx.user?.staff?.title ?? '工作人员', ...acceptingMediator(c, ctx) },
    entries: [e],
    notify: (u) => toReporter(u, e, 'accepted', actorName(ctx)),
  });
  await listAcceptingMediator(c, ctx);
  return answer;
}

export async function note(input: FnParsedInput<'cases.note'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  const internal = input.visibility === 'internal';
  const e = entry('note', staffActor(ctx.user, ctx.openid), ctx.now, { text: input.text, internal });
  return asStaff(ctx, c, { action: 'note', entries: [e], notify: internal ? undefined : (u) => toReporter(u, e, u.status, actorName(ctx)) });
}

export async function startProgress(input: FnParsedInput<'cases.startProgress'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  const e = entry('in_progress', staffActor(ctx.user, ctx.openid), ctx.now, { from: c.status, to: 'in_progress', text: input.text ?? null });
  return asStaff(ctx, c, { action: 'startProgress', entries: [e], notify: (u) => toReporter(u, e, 'in_progress', actorName(ctx)) });
}

export async function resolve(input: FnParsedInput<'cases.resolve'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  if (c.kind === 'mediation' && !input.mediation) throw new AppError('INVALID_INPUT', '请选择调解结果', 'mediation.outcome');
  const e = entry('resolved', staffActor(ctx.user, ctx.openid), ctx.now, { from: c.status, to: 'resolved', text: input.whatWasDone });
  // The one-step close kept for the case page; mediations.recordOutcome is the full path (agreement file, referral).
  const mediation = c.mediation && input.mediation
    ? {
        ...c.mediation, outcome: input.mediation.outcome, tier: input.mediation.tier ?? c.mediation.tier, agreement: input.mediation.agreement ?? c.mediation.agreement,
        followUpDueAt: input.mediation.outcome === 'success' ? followUpDueAt(ctx.now) : null, followUp: null, followUpReminded: false,
      }
    : c.mediation;
  const closed = mediation ? { mediationClosedAt: ctx.now } : {};
  return asStaff(ctx, c, { action: 'resolve', patch: { mediation, ...closed }, entries: [e], notify: (u) => toReporter(u, e, 'resolved', actorName(ctx)) });
}

export async function reject(input: FnParsedInput<'cases.reject'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  const e = entry('rejected', staffActor(ctx.user, ctx.openid), ctx.now, { from: c.status, to: 'rejected', text: input.reason });
  return asStaff(ctx, c, { action: 'reject', entries: [e], notify: (u) => toReporter(u, e, 'rejected', actorName(ctx)) });
}

export async function transfer(input: FnParsedInput<'cases.transfer'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  const [grid, org] = await Promise.all([getGrid(input.toGridId), organisation(ctx.now)]);
  if (!grid || grid.stationId !== c.stationId) throw new AppError('INVALID_INPUT', '所选网格不存在', 'toGridId');
  if (grid._id === c.gridId) throw new AppError('INVALID_INPUT', '案件已在该网格，请选择其他网格', 'toGridId');
  const route = routeToGrid(grid, org);
  const actor = staffActor(ctx.user, ctx.openid);
  const moved = entry('transferred', actor, ctx.now, { from: c.status, to: 'submitted', text: `已转由${grid.name}处理` });
  const why = entry('note', actor, ctx.now, { text: `转派原因：${input.reason}`, internal: true });
  return asStaff(ctx, c, {
    action: 'transfer',
    patch: { gridId: route.gridId, gridName: route.gridName, assigneeId: route.assigneeId, assigneeName: route.assigneeName, assigneeTitle: route.assigneeTitle },
    entries: [moved, why],
    notify: (u) => [...toAssignee(u, moved, '转派案件'), ...toReporter(u, moved, 'submitted', actorName(ctx))],
  });
}

export async function transferTargets(ctx: CallContext): Promise<FnOutput<'cases.transferTargets'>> {
  const org = await organisation(ctx.now);
  const stationId = ctx.user!.stationId ?? org.communities[0]?.stationId ?? null;
  if (!stationId) return { grids: [] };
  const grids = await gridsOfStation(stationId);
  return {
    grids: grids.map((g) => ({ id: g._id, name: g.name, communityName: org.community(g.communityId)?.name ?? '', officerName: g.officer?.name ?? null })),
  };
}
