/** What staff do with cases: inbox, open, accept, note, start, resolve, reject, transfer. */
import type { CaseStatus } from '../../types/case';
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { casesOfAssignee, countStaffUnread, escalatedOfStation, markStaffRead, overdueOfAssignee, updateCaseIf, type CaseDoc, type CasePatch, type TimelineDoc } from '../data/cases';
import { syncFollows } from '../data/caseFollows';
import { listCommunities } from '../data/communities';
import { getGrid, gridsOfOfficer, gridsOfStation } from '../data/grids';
import { hasRole, type CallContext } from './callContext';
import { AppError } from '../platform/errors';
import { tempFileUrls } from '../platform/openapi';
import { loadForStaff } from './caseAccess';
import { toAssignee, toReporter } from './caseNotices';
import { canDo, caseRules, notAllowedMessage, type CaseAction } from './caseRules';
import { inboxItem, staffView, visibleFileIds } from './caseViews';
import { notifyAll, type Notice } from './notifier';
import { ensureRoomInTimeline, parseCursor } from './caseResident';
import { routeToGrid } from './routing';
import { acceptDeadline, ratingReminderAt } from './serviceLevels';
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

export async function inbox(input: FnParsedInput<'cases.inbox'>, ctx: CallContext): Promise<FnOutput<'cases.inbox'>> {
  const before = parseCursor(input.cursor);
  const limit = input.pageSize + 1;
  const stationId = hasRole(ctx, 'admin') ? ctx.user!.stationId : null;
  const [mine, escalated, overdue, unreadCount] = await Promise.all([
    casesOfAssignee(ctx.openid, input.filter === 'open', { before, limit }),
    stationId ? escalatedOfStation(stationId, { before, limit }) : Promise.resolve([] as CaseDoc[]),
    before ? Promise.resolve([] as CaseDoc[]) : overdueOfAssignee(ctx.openid, ctx.now, 20),
    countStaffUnread(ctx.openid),
  ]);
  // Merge the two newest-first streams; paging by createdAt keeps both consistent.
  const byId = new Map<string, CaseDoc>();
  for (const c of [...mine, ...escalated]) byId.set(c._id, c);
  const merged = [...byId.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const page = merged.slice(0, input.pageSize);
  const more = mine.length === limit || escalated.length === limit || merged.length > input.pageSize;
  return {
    overdue: overdue.map((c) => inboxItem(c, ctx.now)),
    items: page.map((c) => inboxItem(c, ctx.now)),
    nextCursor: more && page.length > 0 ? page[page.length - 1]!.createdAt.toISOString() : null,
    unreadCount,
  };
}

interface StaffChange {
  action: CaseAction;
  patch: CasePatch;
  entries: TimelineDoc[];
  /** Who hears about it, computed from the updated case. */
  notices?: (updated: CaseDoc) => Notice[];
}

async function applyStaffChange(ctx: CallContext, c: CaseDoc, change: StaffChange): Promise<FnOutput<'cases.accept'>> {
  const rule = caseRules[change.action];
  if (!canDo(change.action, c.status)) throw new AppError('CONFLICT', notAllowedMessage(change.action, c.status));
  ensureRoomInTimeline(c, change.entries.length);
  const patch: CasePatch = { ...change.patch, updatedAt: ctx.now };
  const ok = await updateCaseIf(c._id, rule.from, patch, change.entries);
  if (!ok) throw new AppError('CONFLICT', '案件状态刚刚发生了变化，请刷新后重试');
  const updated: CaseDoc = { ...c, ...patch, timeline: [...c.timeline, ...change.entries] } as CaseDoc;
  const residentVisible = change.entries.some((e) => e.visibility === 'public');
  if (rule.to || residentVisible) await syncFollows(c._id, { status: updated.status, open: updated.open }, ctx.now, null);
  if (change.notices) await notifyAll(change.notices(updated), ctx.now);
  return { case: await staffCaseView(updated, ctx) };
}

function actorName(ctx: CallContext): string {
  return ctx.user?.staff?.name ?? '工作人员';
}

export async function accept(input: FnParsedInput<'cases.accept'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  const e = entry('accepted', staffActor(ctx.user, ctx.openid), ctx.now, { from: c.status, to: 'accepted' });
  return applyStaffChange(ctx, c, {
    action: 'accept',
    patch: {
      status: 'accepted', awaitingAccept: false, acceptedAt: ctx.now, staffUnread: false,
      assigneeId: ctx.openid, assigneeName: actorName(ctx), assigneeTitle: ctx.user?.staff?.title ?? '工作人员',
    },
    entries: [e],
    notices: (u) => toReporter(u, e, 'accepted', actorName(ctx)),
  });
}

export async function note(input: FnParsedInput<'cases.note'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  const internal = input.visibility === 'internal';
  const e = entry('note', staffActor(ctx.user, ctx.openid), ctx.now, { text: input.text, internal });
  return applyStaffChange(ctx, c, {
    action: 'note',
    patch: {},
    entries: [e],
    notices: internal ? undefined : (u) => toReporter(u, e, u.status, actorName(ctx)),
  });
}

export async function startProgress(input: FnParsedInput<'cases.startProgress'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  const e = entry('in_progress', staffActor(ctx.user, ctx.openid), ctx.now, { from: c.status, to: 'in_progress', text: input.text ?? null });
  return applyStaffChange(ctx, c, {
    action: 'startProgress',
    patch: { status: 'in_progress' },
    entries: [e],
    notices: (u) => toReporter(u, e, 'in_progress', actorName(ctx)),
  });
}

export async function resolve(input: FnParsedInput<'cases.resolve'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  if (c.kind === 'mediation' && !input.mediation) throw new AppError('INVALID_INPUT', '请选择调解结果', 'mediation.outcome');
  const e = entry('resolved', staffActor(ctx.user, ctx.openid), ctx.now, { from: c.status, to: 'resolved', text: input.whatWasDone });
  const mediation = c.mediation && input.mediation
    ? { ...c.mediation, outcome: input.mediation.outcome, tier: input.mediation.tier ?? c.mediation.tier, agreement: input.mediation.agreement ?? c.mediation.agreement }
    : c.mediation;
  return applyStaffChange(ctx, c, {
    action: 'resolve',
    patch: {
      status: 'resolved', open: false, awaitingAccept: false, resolvedAt: ctx.now, mediation,
      ratingReminderPending: true, ratingReminderAt: ratingReminderAt(ctx.now),
    },
    entries: [e],
    notices: (u) => toReporter(u, e, 'resolved', actorName(ctx)),
  });
}

export async function reject(input: FnParsedInput<'cases.reject'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  const e = entry('rejected', staffActor(ctx.user, ctx.openid), ctx.now, { from: c.status, to: 'rejected', text: input.reason });
  return applyStaffChange(ctx, c, {
    action: 'reject',
    patch: { status: 'rejected', open: false, awaitingAccept: false, ratingReminderPending: false, closedAt: ctx.now },
    entries: [e],
    notices: (u) => toReporter(u, e, 'rejected', actorName(ctx)),
  });
}

export async function transfer(input: FnParsedInput<'cases.transfer'>, ctx: CallContext) {
  const c = await loadForStaff(ctx, input.caseId);
  const grid = await getGrid(input.toGridId);
  if (!grid || grid.stationId !== c.stationId) throw new AppError('INVALID_INPUT', '所选网格不存在', 'toGridId');
  if (grid._id === c.gridId) throw new AppError('INVALID_INPUT', '案件已在该网格，请选择其他网格', 'toGridId');
  const route = await routeToGrid(grid);
  const actor = staffActor(ctx.user, ctx.openid);
  const to: CaseStatus = 'submitted';
  const moved = entry('transferred', actor, ctx.now, { from: c.status, to, text: `已转由${grid.name}处理` });
  const why = entry('note', actor, ctx.now, { text: `转派原因：${input.reason}`, internal: true });
  return applyStaffChange(ctx, c, {
    action: 'transfer',
    patch: {
      status: to, open: true, awaitingAccept: true, slaDueAt: acceptDeadline(ctx.now, c.urgent), escalated: false, escalatedAt: null,
      staffUnread: true, gridId: route.gridId, gridName: route.gridName,
      assigneeId: route.assigneeId, assigneeName: route.assigneeName, assigneeTitle: route.assigneeTitle,
    },
    entries: [moved, why],
    notices: (u) => [...toAssignee(u, moved, '转派案件'), ...toReporter(u, moved, to, actorName(ctx))],
  });
}

export async function transferTargets(ctx: CallContext): Promise<FnOutput<'cases.transferTargets'>> {
  let stationId = ctx.user!.stationId;
  if (!stationId) stationId = (await gridsOfOfficer(ctx.openid))[0]?.stationId ?? null;
  if (!stationId) return { grids: [] };
  const [grids, communities] = await Promise.all([gridsOfStation(stationId), listCommunities()]);
  const names = new Map(communities.map((c) => [c._id, c.name]));
  return {
    grids: grids.map((g) => ({ id: g._id, name: g.name, communityName: names.get(g.communityId) ?? '', officerName: null })),
  };
}
