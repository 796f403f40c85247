/** What residents do with cases: create (idempotent), "me too", follow, add info, withdraw, reopen, rate. */
import { openCaseStatuses } from '../../types/case';
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { getBuilding } from '../data/buildings';
import { countCreatedSince, getCase, insertCase, MAX_TIMELINE, similarOpenReports, updateCaseIf, type CaseDoc } from '../data/cases';
import { followId, followsOf, getFollow, insertFollow, markFollowRead, putFollow, syncFollows, type CaseFollowDoc } from '../data/caseFollows';
import { getCommunity } from '../data/communities';
import type { CallContext } from './callContext';
import { AppError } from '../platform/errors';
import { derivedId } from '../platform/ids';
import { tempFileUrls } from '../platform/openapi';
import { DAY } from '../platform/time';
import { isFollower, loadCase, loadForReporter } from './caseAccess';
import { toAssignee, toAssigneeInApp } from './caseNotices';
import { canDo, caseRules, notAllowedMessage } from './caseRules';
import { caseTitle, followSummary, residentView, similarItem, visibleFileIds } from './caseViews';
import { ensureSafeText } from './contentSafety';
import { notifyAll } from './notifier';
import { photosWithChecks } from './photoReview';
import { routeCase } from './routing';
import { acceptDeadline, serviceLevels } from './serviceLevels';
import { entry, residentActor } from './timeline';

const MAX_PHOTOS = 9;

/** The case id is derived from who asked and their request id: a retry can only hit the same case. */
export const caseIdFor = (openid: string, clientRequestId: string) => derivedId('case', openid, clientRequestId);

/** A case's history is bounded (documents are ≤ 512 KB); past the bound only the station can help. */
export function ensureRoomInTimeline(c: CaseDoc, adding = 1): void {
  if (c.timeline.length + adding > MAX_TIMELINE) throw new AppError('CONFLICT', '该案件的记录已满，请直接联系派出所');
}

export async function residentCaseView(c: CaseDoc, viewer: string) {
  const urls = await tempFileUrls(visibleFileIds(c, c.reporterId === viewer ? 'reporter' : 'other'));
  return residentView(c, viewer, urls);
}

function followOf(c: CaseDoc, openid: string, role: CaseFollowDoc['role'], now: Date): CaseFollowDoc {
  return {
    _id: followId(c._id, openid), caseId: c._id, openid, role, kind: c.kind, status: c.status, title: c.title,
    urgent: c.urgent, open: c.open, unread: false, caseCreatedAt: c.createdAt, updatedAt: now,
  };
}

export async function createCase(input: FnParsedInput<'cases.create'>, ctx: CallContext): Promise<FnOutput<'cases.create'>> {
  const user = ctx.user!;
  const id = caseIdFor(ctx.openid, input.clientRequestId);
  const loc = input.location;
  const [existing, community, building, recent] = await Promise.all([
    getCase(id),
    getCommunity(user.communityId!),
    loc.buildingId ? getBuilding(loc.buildingId) : Promise.resolve(null),
    countCreatedSince(ctx.openid, new Date(ctx.now.getTime() - DAY)),
  ]);
  if (existing) {
    // A retry after a first attempt that stopped between writing the case and its follow record
    // must still leave the case in "my cases".
    if (!(await getFollow(existing._id, ctx.openid))) await putFollow(followOf(existing, ctx.openid, 'reporter', ctx.now));
    return { case: await residentCaseView(existing, ctx.openid), duplicate: true };
  }
  if (recent >= serviceLevels().maxCasesPerDay) throw new AppError('RATE_LIMITED', '今天提交的次数太多了，请明天再试；情况紧急请直接拨打派出所电话');
  if (!community) throw new AppError('FORBIDDEN', '您加入的社区已不存在，请重新选择社区');
  if (loc.buildingId && (!building || building.communityId !== community._id)) {
    throw new AppError('INVALID_INPUT', '只能选择本社区的楼栋', 'location.buildingId');
  }
  if (loc.unit && building && building.units.length > 0 && !building.units.includes(loc.unit)) {
    throw new AppError('INVALID_INPUT', '所选单元不属于该楼栋', 'location.unit');
  }
  let phone: string | null = null;
  if (input.kind === 'help' && input.callbackAllowed) {
    phone = input.phone ?? user.phone;
    if (!phone) throw new AppError('INVALID_INPUT', '允许回电时请填写手机号', 'phone');
  }
  await ensureSafeText(ctx.openid, {
    description: input.description,
    ...(input.kind === 'mediation' ? { otherParty: input.otherParty, wants: input.wants } : {}),
  });
  const route = await routeCase(community, building);
  // Checks are requested (and recorded) before the case is written: see photoReview.ts.
  const photos = await photosWithChecks(id, ctx.openid, input.photos, ctx.now);

  const urgent = input.kind === 'help' && input.urgency === 'urgent';
  const anonymous = input.kind === 'report' && input.anonymous;
  const base = {
    kind: input.kind,
    category: input.kind === 'report' ? input.category : null,
    help: input.kind === 'help' ? { helpType: input.helpType, urgency: input.urgency, callbackAllowed: input.callbackAllowed } : null,
    mediation: input.kind === 'mediation'
      ? { mediationType: input.mediationType, otherParty: input.otherParty, wants: input.wants, tier: 'police_community' as const, outcome: null, agreement: null }
      : null,
    buildingName: building?.name ?? null,
  };
  const created = entry('created', residentActor(user, ctx.openid, { anonymous, reporterId: ctx.openid }), ctx.now, { to: 'submitted' });
  const doc: CaseDoc = {
    _id: id,
    ...base,
    status: 'submitted',
    clientRequestId: input.clientRequestId,
    stationId: community.stationId,
    communityId: community._id,
    communityName: community.name,
    buildingId: building?._id ?? null,
    unit: loc.unit ?? null,
    point: loc.point ?? null,
    gridId: route.gridId,
    gridName: route.gridName,
    assigneeId: route.assigneeId,
    assigneeName: route.assigneeName,
    assigneeTitle: route.assigneeTitle,
    reporterId: ctx.openid,
    anonymous,
    reporterName: anonymous ? null : user.name,
    reporterPhone: phone,
    title: caseTitle(base),
    description: input.description,
    urgent,
    photos,
    timeline: [created],
    supporterCount: 0,
    open: true,
    awaitingAccept: true,
    slaDueAt: acceptDeadline(ctx.now, urgent),
    escalated: false,
    escalatedAt: null,
    staffUnread: true,
    rating: null,
    ratingReminderPending: false,
    ratingReminderAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
  };
  if (!(await insertCase(doc))) {
    // Lost a race with a concurrent retry of the same request: answer with the case that won.
    const winner = await getCase(id);
    if (!winner) throw new AppError('INTERNAL');
    return { case: await residentCaseView(winner, ctx.openid), duplicate: true };
  }
  await putFollow(followOf(doc, ctx.openid, 'reporter', ctx.now));
  await notifyAll(toAssignee(doc, created, route.viaStation ? '新案件（网格暂无民警）' : '新案件'), ctx.now);
  return { case: await residentCaseView(doc, ctx.openid), duplicate: false };
}

export async function findSimilar(input: FnParsedInput<'cases.findSimilar'>, ctx: CallContext): Promise<FnOutput<'cases.findSimilar'>> {
  const building = await getBuilding(input.buildingId);
  if (!building || building.communityId !== ctx.user!.communityId) throw new AppError('FORBIDDEN', '只能查看本社区的情况');
  const since = new Date(ctx.now.getTime() - serviceLevels().similarWindowDays * DAY);
  const found = await similarOpenReports(input.buildingId, input.category, since, 6);
  return { items: found.filter((c) => c.reporterId !== ctx.openid).slice(0, 5).map(similarItem) };
}

export async function joinSimilar(input: FnParsedInput<'cases.joinSimilar'>, ctx: CallContext): Promise<FnOutput<'cases.joinSimilar'>> {
  const c = await loadCase(input.caseId);
  if (c.communityId !== ctx.user!.communityId) throw new AppError('FORBIDDEN', '只能加入本社区的问题');
  if (c.kind !== 'report' || !c.open) throw new AppError('CONFLICT', '该问题已处理完毕，如仍存在请重新上报');
  if (c.reporterId === ctx.openid) throw new AppError('CONFLICT', '这是您自己上报的问题');
  const joined = await insertFollow({ ...followOf(c, ctx.openid, 'joiner', ctx.now) });
  if (!joined) return { case: await residentCaseView(c, ctx.openid), alreadyJoined: true };
  const e = entry('joined', residentActor(ctx.user, ctx.openid, c), ctx.now);
  const ok = await updateCaseIf(c._id, openCaseStatuses, { staffUnread: true, updatedAt: ctx.now }, [e], { incSupporters: 1 });
  const updated: CaseDoc = ok ? { ...c, supporterCount: c.supporterCount + 1, timeline: [...c.timeline, e], updatedAt: ctx.now } : c;
  if (ok) await notifyAll(toAssigneeInApp(updated, e, '又有居民反映同样问题'), ctx.now);
  return { case: await residentCaseView(updated, ctx.openid), alreadyJoined: false };
}

export function parseCursor(cursor: string | undefined): Date | undefined {
  if (cursor === undefined) return undefined;
  const d = new Date(cursor);
  if (Number.isNaN(d.getTime())) throw new AppError('INVALID_INPUT', '翻页位置无效，请刷新列表', 'cursor');
  return d;
}

export async function listMine(input: FnParsedInput<'cases.listMine'>, ctx: CallContext): Promise<FnOutput<'cases.listMine'>> {
  const rows = await followsOf(ctx.openid, input.filter, parseCursor(input.cursor), input.pageSize + 1);
  const page = rows.slice(0, input.pageSize);
  const more = rows.length > input.pageSize;
  return { items: page.map(followSummary), nextCursor: more && page.length > 0 ? page[page.length - 1]!.caseCreatedAt.toISOString() : null };
}

/** A resident opens a case they follow: mark it read, show it. */
export async function residentGet(c: CaseDoc, ctx: CallContext) {
  if (!(await isFollower(ctx, c))) throw new AppError('FORBIDDEN', '只能查看自己提交或关注的案件');
  await markFollowRead(c._id, ctx.openid);
  return residentCaseView(c, ctx.openid);
}

async function residentTransition(
  ctx: CallContext,
  c: CaseDoc,
  action: 'withdraw' | 'reopen' | 'rate' | 'addInfo',
  patch: Parameters<typeof updateCaseIf>[2],
  e: ReturnType<typeof entry>,
  extra: Parameters<typeof updateCaseIf>[4] = {},
): Promise<CaseDoc> {
  const rule = caseRules[action];
  if (!canDo(action, c.status)) throw new AppError('CONFLICT', notAllowedMessage(action, c.status));
  ensureRoomInTimeline(c);
  const ok = await updateCaseIf(c._id, rule.from, { ...patch, updatedAt: ctx.now, staffUnread: true }, [e], extra);
  if (!ok) throw new AppError('CONFLICT', '案件状态刚刚发生了变化，请刷新后重试');
  const updated: CaseDoc = {
    ...c, ...patch, updatedAt: ctx.now, staffUnread: true, timeline: [...c.timeline, e],
    photos: extra.pushPhotos ? [...c.photos, ...extra.pushPhotos] : c.photos,
  };
  if (rule.to) await syncFollows(c._id, { status: updated.status, open: updated.open }, ctx.now, ctx.openid);
  return updated;
}

export async function addInfo(input: FnParsedInput<'cases.addInfo'>, ctx: CallContext): Promise<FnOutput<'cases.addInfo'>> {
  const c = await loadForReporter(ctx, input.caseId);
  if (c.photos.length + input.photos.length > MAX_PHOTOS) throw new AppError('INVALID_INPUT', `照片总数不能超过 ${MAX_PHOTOS} 张`, 'photos');
  if (!canDo('addInfo', c.status)) throw new AppError('CONFLICT', notAllowedMessage('addInfo', c.status));
  await ensureSafeText(ctx.openid, { text: input.text });
  const e = entry('info_added', residentActor(ctx.user, ctx.openid, c), ctx.now, { text: input.text });
  const photos = await photosWithChecks(c._id, ctx.openid, input.photos, ctx.now);
  const updated = await residentTransition(ctx, c, 'addInfo', {}, e, { pushPhotos: photos });
  await notifyAll(toAssigneeInApp(updated, e, '居民补充了信息'), ctx.now);
  return { case: await residentCaseView(updated, ctx.openid) };
}

export async function withdraw(input: FnParsedInput<'cases.withdraw'>, ctx: CallContext): Promise<FnOutput<'cases.withdraw'>> {
  const c = await loadForReporter(ctx, input.caseId);
  if (input.reason) await ensureSafeText(ctx.openid, { reason: input.reason });
  const e = entry('withdrawn', residentActor(ctx.user, ctx.openid, c), ctx.now, { from: c.status, to: 'withdrawn', text: input.reason ?? null });
  const updated = await residentTransition(ctx, c, 'withdraw', { status: 'withdrawn', open: false, awaitingAccept: false, ratingReminderPending: false, closedAt: ctx.now }, e);
  await notifyAll(toAssigneeInApp(updated, e, '居民撤回了案件'), ctx.now);
  return { case: await residentCaseView(updated, ctx.openid) };
}

export async function reopen(input: FnParsedInput<'cases.reopen'>, ctx: CallContext): Promise<FnOutput<'cases.reopen'>> {
  const c = await loadForReporter(ctx, input.caseId);
  if (!canDo('reopen', c.status)) throw new AppError('CONFLICT', notAllowedMessage('reopen', c.status));
  await ensureSafeText(ctx.openid, { reason: input.reason });
  const e = entry('reopened', residentActor(ctx.user, ctx.openid, c), ctx.now, { from: c.status, to: 'reopened', text: input.reason });
  const updated = await residentTransition(ctx, c, 'reopen', {
    status: 'reopened', open: true, awaitingAccept: true, slaDueAt: acceptDeadline(ctx.now, c.urgent), escalated: false, escalatedAt: null,
    ratingReminderPending: false, ratingReminderAt: null, resolvedAt: null,
  }, e);
  await notifyAll(toAssignee(updated, e, '居民反馈未解决'), ctx.now);
  return { case: await residentCaseView(updated, ctx.openid) };
}

export async function rate(input: FnParsedInput<'cases.rate'>, ctx: CallContext): Promise<FnOutput<'cases.rate'>> {
  const c = await loadForReporter(ctx, input.caseId);
  if (c.rating || !canDo('rate', c.status)) throw new AppError('CONFLICT', c.rating ? '该案件已评价过了' : notAllowedMessage('rate', c.status));
  if (input.comment) await ensureSafeText(ctx.openid, { comment: input.comment });
  const rating = { satisfaction: input.satisfaction, safety: input.safety, comment: input.comment ?? null, at: ctx.now };
  const text = `满意度 ${input.satisfaction}/5，安全感 ${input.safety}/5${input.comment ? `：${input.comment}` : ''}`;
  const e = entry('rated', residentActor(ctx.user, ctx.openid, c), ctx.now, { from: c.status, to: 'closed', text });
  const updated = await residentTransition(ctx, c, 'rate', { status: 'closed', open: false, rating, ratingReminderPending: false, closedAt: ctx.now }, e);
  await notifyAll(toAssigneeInApp(updated, e, '居民已评价'), ctx.now);
  return { case: await residentCaseView(updated, ctx.openid) };
}
