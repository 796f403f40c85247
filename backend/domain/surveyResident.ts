/**
 * The resident's side of the month's survey (issue 10): arriving from the group card (which makes
 * them a verified member of the group's community), the open survey on home, answering once, and
 * their own answer with the published summary afterwards.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import type { SurveyAnswerItem } from '../../types/survey';
import { getGroupBinding } from '../data/groupBindings';
import { answeredAmong, getAnswer, insertAnswer, answerId, type AnswerItemDoc, type SurveyAnswerDoc } from '../data/surveyAnswers';
import { getReminder } from '../data/surveyReminders';
import { countAnswer, latestOfCommunity, surveysOfCommunities, type SurveyDoc } from '../data/surveys';
import { updateUser } from '../data/users';
import { AppError } from '../platform/errors';
import type { CallContext } from './callContext';
import { ensureSafeText } from './contentSafety';
import { arrivedGroup } from './groupArrival';
import { loadResidentSurvey, loadSurvey } from './surveyAccess';
import { computeResults } from './surveyResults';
import { myMonthSurvey, residentView, type ResidentStanding } from './surveyViews';

/**
 * The caller opened a survey card in a WeChat group. When that group is bound to the survey's
 * community, they become a verified member of it (for their current binding if it is that
 * community, and for a later binding to it).
 */
export async function arrive(input: FnParsedInput<'surveys.arrive'>, ctx: CallContext): Promise<FnOutput<'surveys.arrive'>> {
  const opengid = await arrivedGroup(ctx.groupInfo);
  const [s, binding] = await Promise.all([loadSurvey(input.surveyId), getGroupBinding(opengid)]);
  const user = ctx.user!;
  if (!binding || binding.communityId !== s.communityId) {
    return { fromCommunityGroup: false, verified: user.memberVerified !== false && !!user.communityId, communityId: user.communityId };
  }
  const verifiedFor = [...new Set([...(user.verifiedCommunityIds ?? []), binding.communityId])];
  const nowVerified = user.communityId === binding.communityId;
  if (verifiedFor.length !== (user.verifiedCommunityIds ?? []).length || (nowVerified && user.memberVerified === false)) {
    await updateUser(ctx.openid, { verifiedCommunityIds: verifiedFor, ...(nowVerified ? { memberVerified: true } : {}), updatedAt: ctx.now });
  }
  return { fromCommunityGroup: true, verified: nowVerified || (user.memberVerified !== false && !!user.communityId), communityId: user.communityId };
}

export const NOT_VERIFIED = '您的社区身份尚未核实，暂时不能填写问卷。请在本社区的微信群里打开问卷卡片，或请社区民警为您核实';

/** Only a verified member of the community answers (self-declared bindings do not). */
const isVerifiedMember = (ctx: CallContext, communityId: string): boolean => ctx.user?.communityId === communityId && ctx.user.memberVerified !== false;

async function reminderWaiting(ctx: CallContext, communityId: string): Promise<boolean> {
  return (await getReminder(ctx.openid, communityId))?.status === 'waiting';
}

/** My answer to the survey and my standing in its community (two reads, in parallel). */
async function mineAndStanding(s: SurveyDoc, ctx: CallContext): Promise<[SurveyAnswerDoc | null, ResidentStanding]> {
  const [mine, remindNext] = await Promise.all([getAnswer(s._id, ctx.openid), reminderWaiting(ctx, s.communityId)]);
  return [mine, { verified: isVerifiedMember(ctx, s.communityId), remindNext }];
}

async function viewFor(s: SurveyDoc, ctx: CallContext) {
  const [mine, me] = await mineAndStanding(s, ctx);
  // The summary is shown once they answered, or when the survey is over.
  const summary = mine || s.status === 'closed' ? await computeResults(s) : null;
  return residentView(s, mine, summary, ctx.now, me);
}

export async function current(_input: FnParsedInput<'surveys.current'>, ctx: CallContext): Promise<FnOutput<'surveys.current'>> {
  const s = await latestOfCommunity(ctx.user!.communityId!);
  if (!s || s.status !== 'published') return { survey: null };
  // Home's entry: no "下月问卷提醒" there, so no read of it.
  const mine = await getAnswer(s._id, ctx.openid);
  return { survey: residentView(s, mine, null, ctx.now, { verified: isVerifiedMember(ctx, s.communityId) }) };
}

export async function getForMe(input: FnParsedInput<'surveys.getForMe'>, ctx: CallContext): Promise<FnOutput<'surveys.getForMe'>> {
  const s = await loadResidentSurvey(input.surveyId, ctx);
  if (s.status === 'draft') throw new AppError('NOT_FOUND', '问卷尚未发布');
  return viewFor(s, ctx);
}

/** Past months shown on the resident's list (a year). */
const PAST_MONTHS = 12;

/**
 * The resident's notices-and-surveys list: this month's open survey of my community, earlier
 * months' (closed) ones with whether I answered each, and my "下月问卷提醒". Three reads: the
 * surveys (community_month), then my answers among them (by id) beside my reminder.
 */
export async function listForMe(_input: FnParsedInput<'surveys.listForMe'>, ctx: CallContext): Promise<FnOutput<'surveys.listForMe'>> {
  const communityId = ctx.user!.communityId!;
  const [rows, remindNext] = await Promise.all([surveysOfCommunities([communityId], PAST_MONTHS + 1), reminderWaiting(ctx, communityId)]);
  // A month the officer never published was never shown to residents.
  const shown = rows.filter((s) => s.status !== 'draft' && s.publishedAt !== null);
  const answered = await answeredAmong(shown.map((s) => s._id), ctx.openid);
  const open = shown.find((s) => s.status === 'published' && s.closesAt.getTime() > ctx.now.getTime()) ?? null;
  const mine = (s: SurveyDoc) => myMonthSurvey(s, answered.has(s._id), ctx.now);
  return {
    current: open ? mine(open) : null,
    past: shown.filter((s) => s !== open).slice(0, PAST_MONTHS).map(mine),
    verified: ctx.user!.memberVerified !== false,
    remindNext,
  };
}

/** Checks the answers against the questions; answers the stored items. */
function validItems(s: SurveyDoc, items: SurveyAnswerItem[]): AnswerItemDoc[] {
  const byId = new Map(items.map((i) => [i.questionId, i]));
  if (byId.size !== items.length) throw new AppError('INVALID_INPUT', '同一道题只能回答一次', 'items');
  for (const i of items) if (!s.questions.some((q) => q.id === i.questionId)) throw new AppError('INVALID_INPUT', '回答中有不属于本问卷的题目', 'items');
  const out: AnswerItemDoc[] = [];
  s.questions.forEach((q, index) => {
    const a = byId.get(q.id);
    const field = `items.${index}`;
    const label = `第 ${index + 1} 题`;
    const empty = !a || (q.type === 'text' ? !a.text : q.type === 'rating' ? a.rating === undefined : !a.choices || a.choices.length === 0);
    if (empty) {
      if (q.required) throw new AppError('INVALID_INPUT', `请回答${label}`, field);
      return;
    }
    if (q.type === 'single' || q.type === 'multiple') {
      const choices = [...new Set(a!.choices!)];
      if (choices.some((c) => c >= q.options.length)) throw new AppError('INVALID_INPUT', `${label}的选项无效`, field);
      if (q.type === 'single' && choices.length !== 1) throw new AppError('INVALID_INPUT', `${label}只能选一项`, field);
      if (a!.rating !== undefined || a!.text) throw new AppError('INVALID_INPUT', `${label}的回答格式不正确`, field);
      out.push({ questionId: q.id, choices: choices.sort((x, y) => x - y), rating: null, text: null, topic: null });
    } else if (q.type === 'rating') {
      if (a!.choices || a!.text) throw new AppError('INVALID_INPUT', `${label}的回答格式不正确`, field);
      out.push({ questionId: q.id, choices: null, rating: a!.rating!, text: null, topic: q.topic });
    } else {
      if (a!.choices || a!.rating !== undefined) throw new AppError('INVALID_INPUT', `${label}的回答格式不正确`, field);
      out.push({ questionId: q.id, choices: null, rating: null, text: a!.text!, topic: null });
    }
  });
  return out;
}

export async function answer(input: FnParsedInput<'surveys.answer'>, ctx: CallContext): Promise<FnOutput<'surveys.answer'>> {
  const s = await loadResidentSurvey(input.surveyId, ctx);
  const [existing, me] = await mineAndStanding(s, ctx);
  if (existing) return { alreadyAnswered: true, survey: residentView(s, existing, await computeResults(s), ctx.now, me) };
  if (!me.verified) throw new AppError('FORBIDDEN', NOT_VERIFIED);
  if (s.status !== 'published' || s.closesAt.getTime() <= ctx.now.getTime()) throw new AppError('CONFLICT', s.status === 'draft' ? '问卷尚未发布' : '本期问卷已结束');
  const items = validItems(s, input.items);
  const texts = Object.fromEntries(items.filter((i) => i.text).map((i) => [`text.${i.questionId}`, i.text]));
  await ensureSafeText(ctx.openid, texts);
  const doc: SurveyAnswerDoc = { _id: answerId(s._id, ctx.openid), surveyId: s._id, communityId: s.communityId, month: s.month, openid: ctx.openid, items, createdAt: ctx.now };
  const inserted = await insertAnswer(doc);
  const mine = inserted ? doc : ((await getAnswer(s._id, ctx.openid)) ?? doc);
  // Only the winner of concurrent submits counts (and marks the card for its throttled update).
  if (inserted) await countAnswer(s._id);
  const counted = { ...s, answerCount: s.answerCount + (inserted ? 1 : 0) };
  return { alreadyAnswered: !inserted, survey: residentView(counted, mine, await computeResults(counted), ctx.now, me) };
}
