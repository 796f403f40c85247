/**
 * The survey's timer work (issue 10), part of the scheduler's one run a minute (no client can
 * trigger it: only the platform's timer event, or a station admin's manual tick, reach it):
 *
 * - on the 1st of a month (China time), and in every run until they exist, one survey per community
 *   from its station's active template, in draft; `_id` = `{communityId}:{YYYY-MM}`, so a re-fired
 *   trigger creates nothing new; the community's officers are told (in-app + subscribe message);
 * - at the month's end, open surveys close, a published one with its member count refreshed;
 * - the shared cards follow the answers (`setUpdatableMsg`, state 0 with the count), at most once a
 *   minute per survey however many answers come in (answers only mark the survey dirty), and show
 *   that the survey has ended (state 1, final) once it closed.
 */
import { gridsOfStation } from '../data/grids';
import { activeTemplates } from '../data/surveyTemplates';
import { closeSurvey, countOfMonth, dirtyCards, existingIds, insertSurvey, markCardShown, openPastClose, type SurveyDoc } from '../data/surveys';
import { countMembers } from '../data/users';
import { setUpdatableMsg } from '../platform/openapi';
import { notifyAll, type NotificationDraft } from './notifier';
import { organisation } from './organisation';
import { pages } from './pages';
import { monthEnd, monthLabel, monthOf, surveyIdOf } from './surveyCalendar';
import { defaultTemplate } from './surveyTemplates';

export const CARD_UPDATE_INTERVAL_MS = 60_000;
const BATCH = 20;

export interface SurveySweep {
  created: number;
  closed: number;
  cardsUpdated: number;
}

export const SURVEY_INTRO = '为了解大家对社区治安和派出所工作的意见建议，请花一分钟填写本月问卷。问卷匿名，民警只能看到汇总结果。';

async function createMonthly(now: Date): Promise<number> {
  const month = monthOf(now);
  const org = await organisation(now);
  if (org.communities.length === 0) return 0;
  if ((await countOfMonth(month)) >= org.communities.length) return 0;
  const ids = org.communities.map((c) => surveyIdOf(c._id, month));
  const existing = await existingIds(ids);
  const missing = org.communities.filter((c) => !existing.has(surveyIdOf(c._id, month)));
  const stationIds = [...new Set(missing.map((c) => c.stationId))];
  const [templates, grids] = await Promise.all([activeTemplates(stationIds), Promise.all(stationIds.map((s) => gridsOfStation(s)))]);
  const drafts: NotificationDraft[] = [];
  let created = 0;
  for (const c of missing) {
    const template = templates.find((t) => t.stationId === c.stationId) ?? defaultTemplate(c.stationId, now);
    const doc: SurveyDoc = {
      _id: surveyIdOf(c._id, month), stationId: c.stationId, communityId: c._id, month, templateId: template._id,
      title: template.name, intro: SURVEY_INTRO, status: 'draft', questions: template.questions, localQuestionIds: [], answerCount: 0,
      createdAt: now, publishedAt: null, publishedBy: null, closesAt: monthEnd(month), closedAt: null, shares: [],
      cardDirty: false, cardUpdatedAt: null, cardCount: 0, cardEnded: false, version: 0,
    };
    // Two runs racing: the second insert is refused by the id, and it tells nobody.
    if (!(await insertSurvey(doc))) continue;
    created++;
    const officers = new Set(grids.flat().filter((g) => g.communityId === c._id && g.officerId).map((g) => g.officerId!));
    for (const officer of officers) {
      drafts.push({
        openid: officer, kind: 'survey_ready', title: `${c.name} · ${monthLabel(month)}问卷`,
        body: '本月群众意见问卷已生成，可添加本社区题目后发布并分享到社区群', caseId: null, eventKey: `survey:${doc._id}:ready`,
        message: { template: 'surveyReady', page: pages.staffSurvey(doc._id), values: { thing1: `${monthLabel(month)}${template.name}`, thing2: c.name, time3: now, thing4: '请发布并分享到社区群' } },
      });
    }
  }
  await notifyAll(drafts, now);
  return created;
}

/**
 * A published survey's member count is refreshed as it closes, never lowered: residents verified
 * during the month (many through the survey's own card) were invited too, and those who left after
 * publication had been. That number is the survey's answer-rate denominator from then on.
 */
async function closeDue(now: Date): Promise<number> {
  const due = await openPastClose(now, BATCH);
  await Promise.all(due.map(async (s) => {
    const members = s.status === 'published' ? Math.max(s.memberCount ?? 0, await countMembers(s.communityId, true)) : undefined;
    await closeSurvey(s._id, now, members);
  }));
  return due.length;
}

async function updateCards(now: Date): Promise<number> {
  const dirty = (await dirtyCards(BATCH)).filter((s) => !s.cardUpdatedAt || now.getTime() - s.cardUpdatedAt.getTime() >= CARD_UPDATE_INTERVAL_MS || s.status === 'closed');
  let updated = 0;
  for (const s of dirty) {
    const live = s.shares.filter((a) => a.expiresAt.getTime() > now.getTime());
    const ended = s.status === 'closed';
    const members = ended ? 0 : await countMembers(s.communityId, true);
    const outcomes = await Promise.all(
      live.map((a) =>
        setUpdatableMsg(a.activityId, ended ? { kind: 'ended', path: pages.surveyAnswer(s._id) } : { kind: 'counting', memberCount: s.answerCount, roomLimit: Math.max(members, s.answerCount, 1) }),
      ),
    );
    for (const o of outcomes) if (!o.ok) console.error(JSON.stringify({ msg: 'setUpdatableMsg failed', survey: s._id, errCode: o.errCode, error: o.message }));
    await markCardShown(s._id, s.answerCount, now, ended);
    updated++;
  }
  return updated;
}

export async function surveySweep(now: Date): Promise<SurveySweep> {
  const created = await createMonthly(now);
  const closed = await closeDue(now);
  const cardsUpdated = await updateCards(now);
  return { created, closed, cardsUpdated };
}

