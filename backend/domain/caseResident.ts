/** What residents do with cases: create (idempotent), "me too", follow, add info, withdraw, reopen, rate. */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { insertCase, recentCaseIdsOf, similarOpenReports, type CaseDoc, type CaseSource } from '../data/cases';
import { followId, followsOf, getFollow, insertFollow, markFollowRead, putFollow, type CaseFollowDoc } from '../data/caseFollows';
import type { CallContext } from './callContext';
import { AppError } from '../platform/errors';
import { derivedId } from '../platform/ids';
import { tempFileUrls } from '../platform/openapi';
import { daysEarlier } from '../platform/time';
import { loadCase, loadForReporter } from './caseAccess';
import { applyTransition, canDo, notAllowedMessage, type Transition } from './caseLifecycle';
import { toAssignee, toAssigneeInApp } from './caseNotifications';
import { followSummary, residentView, similarItem, snippetOf, visibleFileIds } from './caseViews';
import { assignCaseNumber } from './caseNumbers';
import { ensureSafeText } from './contentSafety';
import { organisation } from './organisation';
import { pageWithCursor, parseCursor } from './cursor';
import { newMediationFacts } from './mediationFacts';
import { photosWithChecks } from './photoReview';
import { ensureOwnPhotos } from './photoFiles';
import { routeCase } from './routing';
import { announceNewCase, newCaseDoc } from './caseIntake';
import { serviceLevels } from './serviceLevels';
import { entry, residentActor } from './timeline';

const MAX_PHOTOS = 9;

/** The case id is derived from who asked and their request id: a retry can only hit the same case. */
export const caseIdFor = (openid: string, clientRequestId: string) => derivedId('case', openid, clientRequestId);

export async function residentCaseView(c: CaseDoc, viewer: string) {
  const urls = await tempFileUrls(visibleFileIds(c, c.reporterId === viewer ? 'reporter' : 'other', viewer));
  return residentView(c, viewer, urls);
}

function followOf(c: CaseDoc, openid: string, role: CaseFollowDoc['role'], now: Date): CaseFollowDoc {
  return {
    _id: followId(c._id, openid), caseId: c._id, openid, role, kind: c.kind, status: c.status, title: c.title,
    urgent: c.urgent, open: c.open, unread: false, caseCreatedAt: c.createdAt, updatedAt: now,
    caseNo: c.caseNo ?? null, snippet: snippetOf(c.description),
  };
}

/** `source`: set when the case is not a resident's own form (a patrol finding, domain/patrols.ts). */
export async function createCase(input: FnParsedInput<'cases.create'>, ctx: CallContext, source?: CaseSource): Promise<FnOutput<'cases.create'>> {
  ensureOwnPhotos(input.photos, 'photos');
  const user = ctx.user!;
  const id = caseIdFor(ctx.openid, input.clientRequestId);
  const loc = input.location;
  const limit = serviceLevels().maxCasesPerDay;
  // One query answers "is this a retry?" (a retry comes within a day) and "over today's limit?".
  const [recent, org] = await Promise.all([recentCaseIdsOf(ctx.openid, daysEarlier(ctx.now, 1), limit + 1), organisation(ctx.now)]);
  if (recent.includes(id)) {
    const existing = await loadCase(id);
    // A retry after a first attempt that stopped between writing the case and its follow record
    // must still leave the case in "my cases".
    if (!(await getFollow(existing._id, ctx.openid))) await putFollow(followOf(existing, ctx.openid, 'reporter', ctx.now));
    return { case: await residentCaseView(existing, ctx.openid), duplicate: true };
  }
  if (recent.length >= limit) throw new AppError('RATE_LIMITED', '今天提交的次数太多了，请明天再试；情况紧急请直接拨打派出所电话');
  const community = org.community(user.communityId);
  if (!community) throw new AppError('FORBIDDEN', '您加入的社区已不存在，请重新选择社区');
  const building = loc.buildingId ? org.building(loc.buildingId) : null;
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
  const route = await routeCase(org, community, building);
  const caseNo = await assignCaseNumber(org.station(community.stationId) ?? { _id: community.stationId }, id, ctx.now);
  // Checks are requested (and recorded) before the case is written: see photoReview.ts.
  const photos = await photosWithChecks(id, ctx.openid, input.photos, ctx.now);

  const anonymous = input.kind === 'report' && input.anonymous;
  const doc = newCaseDoc({
    id,
    clientRequestId: input.clientRequestId,
    kind: input.kind,
    category: input.kind === 'report' ? input.category : null,
    help: input.kind === 'help' ? { helpType: input.helpType, urgency: input.urgency, callbackAllowed: input.callbackAllowed } : null,
    mediation: input.kind === 'mediation' ? newMediationFacts(input, user, ctx.now) : null,
    caseNo,
    community,
    building,
    unit: loc.unit ?? null,
    point: loc.point ?? null,
    route,
    reporter: { id: ctx.openid, name: user.name, phone, anonymous },
    description: input.description,
    urgent: input.kind === 'help' && input.urgency === 'urgent',
    photos,
    created: entry('created', residentActor(user, ctx.openid, { anonymous, reporterId: ctx.openid }), ctx.now, { to: 'submitted' }),
    now: ctx.now,
    source,
  });
  if (!(await insertCase(doc))) {
    // Lost a race with a concurrent retry of the same request: answer with the case that won.
    return { case: await residentCaseView(await loadCase(id), ctx.openid), duplicate: true };
  }
  await putFollow(followOf(doc, ctx.openid, 'reporter', ctx.now));
  await announceNewCase(doc, route, ctx.now);
  return { case: await residentCaseView(doc, ctx.openid), duplicate: false };
}

/**
 * issue 10: a self-declared binding does not open the community's reports to its holder; arriving
 * from the community's WeChat group (a survey card) or the officer's approval does.
 */
function ensureVerifiedMember(ctx: CallContext): void {
  if (ctx.user?.memberVerified === false) throw new AppError('FORBIDDEN', '您的社区身份尚未核实：从社区微信群里的问卷卡片进入，或请社区民警核实后即可查看');
}

export async function findSimilar(input: FnParsedInput<'cases.findSimilar'>, ctx: CallContext): Promise<FnOutput<'cases.findSimilar'>> {
  const building = (await organisation(ctx.now)).building(input.buildingId);
  if (!building || building.communityId !== ctx.user!.communityId) throw new AppError('FORBIDDEN', '只能查看本社区的情况');
  ensureVerifiedMember(ctx);
  const since = daysEarlier(ctx.now, serviceLevels().similarWindowDays);
  const found = await similarOpenReports(input.buildingId, input.category, since, 6);
  return { items: found.filter((c) => c.reporterId !== ctx.openid).slice(0, 5).map(similarItem) };
}

export async function joinSimilar(input: FnParsedInput<'cases.joinSimilar'>, ctx: CallContext): Promise<FnOutput<'cases.joinSimilar'>> {
  ensureOwnPhotos(input.photos, 'photos');
  const c = await loadCase(input.caseId);
  if (c.communityId !== ctx.user!.communityId) throw new AppError('FORBIDDEN', '只能加入本社区的问题');
  ensureVerifiedMember(ctx);
  if (c.kind !== 'report' || !c.open) throw new AppError('CONFLICT', notAllowedMessage('join', c.status));
  if (c.reporterId === ctx.openid) throw new AppError('CONFLICT', '这是您自己上报的问题');
  if (c.photos.length + input.photos.length > MAX_PHOTOS) throw new AppError('INVALID_INPUT', `这件事的照片已有 ${c.photos.length} 张，最多还能加 ${Math.max(0, MAX_PHOTOS - c.photos.length)} 张`, 'photos');
  // What the joiner wrote is checked like any text, before anything is written.
  const text = input.text ? input.text : null;
  if (text) await ensureSafeText(ctx.openid, { text });
  const joined = await insertFollow({ ...followOf(c, ctx.openid, 'joiner', ctx.now) });
  if (!joined) return { case: await residentCaseView(c, ctx.openid), alreadyJoined: true };
  // Their photos are theirs (`addedBy`): checked under their openid, shown to them as their own.
  const photos = (await photosWithChecks(c._id, ctx.openid, input.photos, ctx.now)).map((p) => ({ ...p, addedBy: ctx.openid }));
  const e = entry('joined', residentActor(ctx.user, ctx.openid, c), ctx.now, { text });
  const updated = await applyTransition(c, {
    action: 'join', role: 'resident', entries: [e], ops: { incSupporters: 1, pushPhotos: photos },
    notify: (u) => toAssigneeInApp(u, e, '又有居民反映同样问题'),
  }, ctx.now).catch((err: unknown) => {
    // Closed meanwhile: they still follow it and see how it ended.
    if (err instanceof AppError && err.code === 'CONFLICT') return c;
    throw err;
  });
  return { case: await residentCaseView(updated, ctx.openid), alreadyJoined: false };
}

export async function listMine(input: FnParsedInput<'cases.listMine'>, ctx: CallContext): Promise<FnOutput<'cases.listMine'>> {
  const rows = await followsOf(ctx.openid, input.filter, parseCursor(input.cursor), input.pageSize + 1);
  const { page, nextCursor } = pageWithCursor(rows, input.pageSize, (f) => ({ at: f.caseCreatedAt, id: f._id }));
  return { items: page.map(followSummary), nextCursor };
}

/**
 * A resident opens a case they follow (the caller checked that; `follow` is their record when they
 * joined it, null for the reporter): clear its unread mark, show it.
 */
export async function residentGet(c: CaseDoc, follow: CaseFollowDoc | null, ctx: CallContext) {
  if (!follow || follow.unread) await markFollowRead(c._id, ctx.openid);
  return residentCaseView(c, ctx.openid);
}

/** The reporter's own transitions: the timeline says who, staff get an unread mark and a notification. */
function asReporter(ctx: CallContext, c: CaseDoc, t: Omit<Transition, 'role' | 'followerActor'>): Promise<CaseDoc> {
  return applyTransition(c, { ...t, role: 'reporter', followerActor: ctx.openid }, ctx.now);
}

export async function addInfo(input: FnParsedInput<'cases.addInfo'>, ctx: CallContext): Promise<FnOutput<'cases.addInfo'>> {
  ensureOwnPhotos(input.photos, 'photos');
  const c = await loadForReporter(ctx, input.caseId);
  if (c.photos.length + input.photos.length > MAX_PHOTOS) throw new AppError('INVALID_INPUT', `照片总数不能超过 ${MAX_PHOTOS} 张`, 'photos');
  if (!canDo('addInfo', c.status)) throw new AppError('CONFLICT', notAllowedMessage('addInfo', c.status));
  await ensureSafeText(ctx.openid, { text: input.text });
  const e = entry('info_added', residentActor(ctx.user, ctx.openid, c), ctx.now, { text: input.text });
  const photos = await photosWithChecks(c._id, ctx.openid, input.photos, ctx.now);
  const updated = await asReporter(ctx, c, {
    action: 'addInfo', entries: [e], ops: { pushPhotos: photos }, notify: (u) => toAssigneeInApp(u, e, '居民补充了信息'),
  });
  return { case: await residentCaseView(updated, ctx.openid) };
}

export async function withdraw(input: FnParsedInput<'cases.withdraw'>, ctx: CallContext): Promise<FnOutput<'cases.withdraw'>> {
  const c = await loadForReporter(ctx, input.caseId);
  if (input.reason) await ensureSafeText(ctx.openid, { reason: input.reason });
  const e = entry('withdrawn', residentActor(ctx.user, ctx.openid, c), ctx.now, { from: c.status, to: 'withdrawn', text: input.reason ?? null });
  const updated = await asReporter(ctx, c, { action: 'withdraw', entries: [e], notify: (u) => toAssigneeInApp(u, e, '居民撤回了案件') });
  return { case: await residentCaseView(updated, ctx.openid) };
}

export async function reopen(input: FnParsedInput<'cases.reopen'>, ctx: CallContext): Promise<FnOutput<'cases.reopen'>> {
  const c = await loadForReporter(ctx, input.caseId);
  if (!canDo('reopen', c.status)) throw new AppError('CONFLICT', notAllowedMessage('reopen', c.status));
  await ensureSafeText(ctx.openid, { reason: input.reason });
  const e = entry('reopened', residentActor(ctx.user, ctx.openid, c), ctx.now, { from: c.status, to: 'reopened', text: input.reason });
  const updated = await asReporter(ctx, c, { action: 'reopen', entries: [e], notify: (u) => toAssignee(u, e, '居民反馈未解决') });
  return { case: await residentCaseView(updated, ctx.openid) };
}

export async function rate(input: FnParsedInput<'cases.rate'>, ctx: CallContext): Promise<FnOutput<'cases.rate'>> {
  const c = await loadForReporter(ctx, input.caseId);
  const notRated = (x: CaseDoc) => (x.rating ? '该案件已评价过了' : null);
  const already = notRated(c);
  if (already || !canDo('rate', c.status)) throw new AppError('CONFLICT', already ?? notAllowedMessage('rate', c.status));
  if (input.comment) await ensureSafeText(ctx.openid, { comment: input.comment });
  const rating = { satisfaction: input.satisfaction, safety: input.safety, comment: input.comment ?? null, at: ctx.now };
  const text = `满意度 ${input.satisfaction}/5，安全感 ${input.safety}/5${input.comment ? `：${input.comment}` : ''}`;
  const e = entry('rated', residentActor(ctx.user, ctx.openid, c), ctx.now, { from: c.status, to: 'closed', text });
  const updated = await asReporter(ctx, c, {
    action: 'rate', patch: { rating }, entries: [e], guard: notRated, notify: (u) => toAssigneeInApp(u, e, '居民已评价'),
  });
  return { case: await residentCaseView(updated, ctx.openid) };
}
