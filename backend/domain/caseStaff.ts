/** What staff do with cases: inbox, open, accept, note, start, resolve, reject, transfer. */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { markStaffRead, type CaseDoc } from '../data/cases';
import { getGrid, gridsOfStation } from '../data/grids';
import { markCaseNotificationsRead } from '../data/notifications';
import { hasRole, type CallContext } from './callContext';
import { AppError } from '../platform/errors';
import { tempFileUrls } from '../platform/openapi';
import { loadForStaff } from './caseAccess';
import { acceptingMediator, listAcceptingMediator } from './mediationWork';
import { applyTransition, type Transition } from './caseLifecycle';
import { toAssignee, toAssigneeInApp, toReporter } from './caseNotifications';
import { isOverdue, staffView, visibleFileIds } from './caseViews';
import { recordReporterPhoneRead } from './personalDataReads';
import { caseSourceView } from './caseSource';
import { pressedToday } from './staffInbox';
import { organisation } from './organisation';
import { routeToGrid } from './routing';
import { followUpDueAt } from './serviceLevels';
import { entry, staffActor } from './timeline';

export async function staffCaseView(c: CaseDoc, ctx: CallContext) {
  // A view that carries the reporter's full phone is a read of personal data: audited (issue 12).
  const [urls, source] = await Promise.all([
    tempFileUrls(visibleFileIds(c, c.assigneeId === ctx.openid ? 'assignee' : 'other')),
    caseSourceView(c),
    recordReporterPhoneRead(c, ctx),
  ]);
  return { ...staffView(c, ctx.openid, ctx.now, urls), source, work: workOf(c, ctx) };
}

/** issue 11: helpers, and whether this viewer manages them (officers, admin) or may press (the admin, someone else's overdue case). */
function workOf(c: CaseDoc, ctx: CallContext) {
  const handler = hasRole(ctx, 'officer', 'admin');
  return {
    helpers: (c.helpers ?? []).map((h) => ({ id: h.id, name: h.name })),
    manageHelpers: handler && c.open,
    press: hasRole(ctx, 'admin') && isOverdue(c, ctx.now) && !!c.assigneeId && c.assigneeId !== ctx.openid,
    pressedToday: pressedToday(c, ctx.now),
  };
}

/**
 * Staff open a case: the assignee's reading clears its unread mark (the inbox row's dot), and the
 * viewer's messages about it are read (issue 11: 消息 is the one unread count).
 */
export async function staffGet(c: CaseDoc, ctx: CallContext) {
  const clearMark = c.staffUnread && c.assigneeId === ctx.openid;
  await Promise.all([clearMark ? markStaffRead(c._id) : Promise.resolve(), markCaseNotificationsRead(ctx.openid, c._id)]);
  if (clearMark) c = { ...c, staffUnread: false };
  return staffCaseView(c, ctx);
}

/** issue 11: the inbox by scope lives in staffInbox.ts. */
export { inbox } from './staffInbox';

/** A staff transition, answered with the staff view of the updated case. */
export async function asStaff(ctx: CallContext, c: CaseDoc, t: Omit<Transition, 'role'>): Promise<FnOutput<'cases.accept'>> {
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
  // A grid worker's (or the admin's) note on someone else's case is news for its assignee (issue 11).
  const toHandler = (u: CaseDoc) => (u.assigneeId && u.assigneeId !== ctx.openid ? toAssigneeInApp(u, e, `${actorName(ctx)}添加了备注`) : []);
  return asStaff(ctx, c, { action: 'note', entries: [e], notify: (u) => [...toHandler(u), ...(internal ? [] : toReporter(u, e, u.status, actorName(ctx)))] });
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
    // A grid without an officer (officerId null) is answered by the station: no name.
    grids: grids.map((g) => ({ id: g._id, name: g.name, communityName: org.community(g.communityId)?.name ?? '', officerName: g.officerId ? g.officer?.name ?? null : null })),
  };
}
