/**
 * The officer's side of the month's survey (issue 10): list, look at, add a local question,
 * publish, share as a live card, bind the community's group; approve residents who never came
 * from the group. The timer creates the survey (domain/surveyTimer.ts).
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { surveyLimits, type SurveyQuestion } from '../../types/survey';
import { communityHasGroup, getGroupBinding, insertGroupBinding } from '../data/groupBindings';
import { surveysOfCommunities, surveysOfStation, updateSurveyAt, type SurveyDoc } from '../data/surveys';
import { countMembers, getUser, unverifiedMembers, updateUser } from '../data/users';
import { AppError } from '../platform/errors';
import { countingParameters, createActivityId } from '../platform/openapi';
import { iso } from '../platform/time';
import type { CallContext } from './callContext';
import { arrivedGroup } from './groupArrival';
import { organisation } from './organisation';
import { pages } from './pages';
import { canManageCommunity, loadManagedSurvey, managedCommunities, NOT_YOUR_COMMUNITY } from './surveyAccess';
import { monthLabel } from './surveyCalendar';
import { remindWaiting } from './surveyReminders';
import { staffView, surveySummary } from './surveyViews';

/** Shares kept on a survey (each card shared has its own activity id to update). */
const MAX_SHARES = 20;

export async function listForStaff(input: FnParsedInput<'surveys.listForStaff'>, ctx: CallContext): Promise<FnOutput<'surveys.listForStaff'>> {
  const [scope, org] = await Promise.all([managedCommunities(ctx), organisation(ctx.now)]);
  let rows: SurveyDoc[];
  if (scope.communityIds === null) {
    if (!scope.stationId) return { items: [] };
    rows = input.communityId
      ? (await surveysOfCommunities([input.communityId], input.limit)).filter((s) => s.stationId === scope.stationId)
      : await surveysOfStation(scope.stationId, input.limit);
  } else {
    const ids = input.communityId ? scope.communityIds.filter((c) => c === input.communityId) : scope.communityIds;
    rows = (await surveysOfCommunities(ids, input.limit)).slice(0, input.limit);
  }
  return { items: rows.map((s) => surveySummary(s, org)) };
}

async function view(s: SurveyDoc, ctx: CallContext) {
  const [org, bound] = await Promise.all([organisation(ctx.now), communityHasGroup(s.communityId)]);
  return staffView(s, org, bound, surveyLimits.maxLocalQuestions);
}

export async function get(input: FnParsedInput<'surveys.get'>, ctx: CallContext): Promise<FnOutput<'surveys.get'>> {
  return view(await loadManagedSurvey(input.surveyId, ctx), ctx);
}

/** Writes at the survey's version; a lost race is a CONFLICT the page reloads from. */
async function write(s: SurveyDoc, patch: Partial<SurveyDoc>): Promise<SurveyDoc> {
  if (!(await updateSurveyAt(s._id, s.version, patch))) throw new AppError('CONFLICT', '问卷已被他人修改，请刷新后重试');
  return { ...s, ...patch, version: s.version + 1 };
}

export async function addLocalQuestion(input: FnParsedInput<'surveys.addLocalQuestion'>, ctx: CallContext): Promise<FnOutput<'surveys.addLocalQuestion'>> {
  const s = await loadManagedSurvey(input.surveyId, ctx);
  if (s.status !== 'draft') throw new AppError('CONFLICT', '问卷已发布，不能再添加题目');
  if (s.localQuestionIds.length >= surveyLimits.maxLocalQuestions) throw new AppError('CONFLICT', `每期问卷最多添加 ${surveyLimits.maxLocalQuestions} 道本社区的题目`);
  if (s.questions.length >= surveyLimits.maxQuestions + surveyLimits.maxLocalQuestions) throw new AppError('CONFLICT', '问卷题目已达上限');
  const id = `local${s.localQuestionIds.length + 1}`;
  const q = input.question;
  const question: SurveyQuestion =
    q.type === 'rating' ? { id, type: 'rating', title: q.title, required: q.required, topic: null }
      : q.type === 'text' ? { id, type: 'text', title: q.title, required: q.required }
        : { id, type: q.type, title: q.title, required: q.required, options: q.options };
  const updated = await write(s, { questions: [...s.questions, question], localQuestionIds: [...s.localQuestionIds, id] });
  return view(updated, ctx);
}

export async function publish(input: FnParsedInput<'surveys.publish'>, ctx: CallContext): Promise<FnOutput<'surveys.publish'>> {
  const s = await loadManagedSurvey(input.surveyId, ctx);
  const remind = async (published: SurveyDoc) => remindWaiting(published, (await organisation(ctx.now)).community(s.communityId)?.name ?? '', ctx.now);
  if (s.status === 'published') {
    // A repeated publish finishes a "下月问卷提醒" run that stopped half-way (nobody is told twice).
    await remind(s);
    return view(s, ctx);
  }
  if (s.status === 'closed' || s.closesAt.getTime() <= ctx.now.getTime()) throw new AppError('CONFLICT', '本期问卷已结束');
  // The answer rate's denominator is kept on the survey (refreshed at close: surveyTimer.ts), and
  // the reminder run is marked unfinished until the scheduler has seen it through.
  const memberCount = await countMembers(s.communityId, true);
  const updated = await write(s, { status: 'published', publishedAt: ctx.now, publishedBy: ctx.openid, memberCount, remindersPending: true });
  await remind(updated);
  return view(updated, ctx);
}

export async function shareCard(input: FnParsedInput<'surveys.shareCard'>, ctx: CallContext): Promise<FnOutput<'surveys.shareCard'>> {
  const s = await loadManagedSurvey(input.surveyId, ctx);
  if (s.status !== 'published') throw new AppError('CONFLICT', s.status === 'draft' ? '请先发布问卷再分享' : '本期问卷已结束');
  let activity;
  try {
    activity = await createActivityId(ctx.openid);
  } catch (e) {
    console.error(JSON.stringify({ msg: 'createActivityId failed', error: e instanceof Error ? e.message : String(e) }));
    throw new AppError('INTERNAL', '生成分享卡片失败，请稍后重试');
  }
  const shares = [...s.shares, { activityId: activity.activityId, expiresAt: activity.expiresAt, sharedBy: ctx.openid, sharedAt: ctx.now }].slice(-MAX_SHARES);
  // Answers bump only the count (not the version), so this write loses only to another staff change.
  await write(s, { shares });
  const roomLimit = Math.max(s.answerCount, 1);
  return {
    activityId: activity.activityId,
    toDoActivityId: activity.activityId,
    expiresAt: iso(activity.expiresAt),
    templateInfo: { parameterList: countingParameters(s.answerCount, roomLimit) },
    title: `${monthLabel(s.month)}${s.title}`,
    path: `/${pages.surveyAnswer(s._id)}`,
  };
}

/**
 * The officer opened the card in the community's group: that group (its opengid, from the CloudID
 * CloudBase resolved) belongs to the survey's community from now on. A group already bound stays
 * with its community.
 */
export async function bindGroup(input: FnParsedInput<'surveys.bindGroup'>, ctx: CallContext): Promise<FnOutput<'surveys.bindGroup'>> {
  const opengid = await arrivedGroup(ctx.groupInfo);
  const s = await loadManagedSurvey(input.surveyId, ctx);
  const org = await organisation(ctx.now);
  const inserted = await insertGroupBinding({ _id: opengid, communityId: s.communityId, stationId: s.stationId, boundBy: ctx.openid, boundAt: ctx.now });
  if (!inserted) {
    const existing = await getGroupBinding(opengid);
    if (existing && existing.communityId !== s.communityId) throw new AppError('CONFLICT', `该群已绑定到${org.community(existing.communityId)?.name ?? '其他社区'}`);
  }
  return { communityId: s.communityId, communityName: org.community(s.communityId)?.name ?? '', alreadyBound: !inserted };
}

async function ensureManages(ctx: CallContext, communityId: string): Promise<void> {
  const community = (await organisation(ctx.now)).community(communityId);
  if (!community || !(await canManageCommunity(ctx, communityId, community.stationId))) throw new AppError('FORBIDDEN', NOT_YOUR_COMMUNITY);
}

export async function listPendingMembers(input: FnParsedInput<'surveys.listPendingMembers'>, ctx: CallContext): Promise<FnOutput<'surveys.listPendingMembers'>> {
  await ensureManages(ctx, input.communityId);
  const [rows, org] = await Promise.all([unverifiedMembers(input.communityId, 100), organisation(ctx.now)]);
  return {
    items: rows.map((u) => ({ memberId: u._id, name: u.name, buildingName: org.building(u.buildingId)?.name ?? null, unit: u.unit, boundAt: iso(u.updatedAt) })),
  };
}

/** The officer vouches for a resident who bound themselves (e.g. met at the door). */
export async function approveMember(input: FnParsedInput<'surveys.approveMember'>, ctx: CallContext): Promise<FnOutput<'surveys.approveMember'>> {
  await ensureManages(ctx, input.communityId);
  const u = await getUser(input.memberId);
  if (!u || u.communityId !== input.communityId) throw new AppError('NOT_FOUND', '该居民不在本社区');
  if (u.memberVerified !== false) return { approved: false };
  await updateUser(u._id, { memberVerified: true, verifiedCommunityIds: [...new Set([...(u.verifiedCommunityIds ?? []), input.communityId])] });
  return { approved: true };
}
