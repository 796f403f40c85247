/**
 * The resident's rights over their data (PIPL), and the retention period:
 * - `myData`: everything the app holds about the caller, as one document they can save;
 * - `deleteAccount`: the user record, follows, notifications, subscriptions, notice reads and photo
 *   checks go; the cases stay for the station's statistics with the person's identifying fields
 *   erased (reporter id, name, phone; their name and id in the timeline; their rating's comment);
 *   the deletion is written to the audit log under a one-way hash of the OPENID;
 * - `anonymiseExpired`: the scheduler's sweep anonymises a finished case's personal fields once the
 *   station's retention period (`serviceLevels.personalDataRetentionYears`) has passed.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { appendAudit } from '../data/auditLog';
import { allFollowsOf, removeFollowsOf, removeFollowsOfCase } from '../data/caseFollows';
import { casesByIds, ERASED_REPORTER, getCase, rewritePersonalFields, type CaseDoc, type CasePersonalFields, type PartyDoc, type TimelineDoc } from '../data/cases';
import { allNotificationsOf, removeNotificationsOf } from '../data/notifications';
import { removeNoticeReadsOf } from '../data/noticeReads';
import { removePhotoChecksOf } from '../data/photoChecks';
import { removeSubscriptionsOf, subscriptionsOf } from '../data/subscriptions';
import { answersOfPerson, removeAnswersOf } from '../data/surveyAnswers';
import { removeRemindersOf } from '../data/surveyReminders';
import { surveysByIds } from '../data/surveys';
import { removeUser } from '../data/users';
import { AppError } from '../platform/errors';
import { derivedId } from '../platform/ids';
import { iso, isoOrNull } from '../platform/time';
import type { CallContext } from './callContext';
import { organisation } from './organisation';
import { retentionEndsAt } from './serviceLevels';
import { answerCell } from './surveyResults';

/** How an erased resident appears in a case's history. */
export const ERASED_NAME = '已注销居民';
const RETAINED_NAME = '居民';

/** One export or deletion reads at most this many followed cases (a resident has a handful). */
const MAX_FOLLOWS = 1000;
/** One answer a month: ten years of surveys. */
const MAX_SURVEY_ANSWERS = 120;
const MAX_NOTIFICATIONS = 500;

const entryLabels: Partial<Record<TimelineDoc['type'], string>> = {
  created: '提交', info_added: '补充信息', withdrawn: '撤回理由', reopened: '未解决的说明', rated: '评价',
};

/** What the person wrote on a case, from its description and their own timeline entries. */
function answersOf(c: CaseDoc, openid: string): FnOutput<'session.myData'>['cases'][number]['answers'] {
  const out = [];
  if (c.reporterId === openid) {
    out.push({ at: iso(c.createdAt), what: '问题描述', text: c.description });
    if (c.mediation) out.push({ at: iso(c.createdAt), what: '对方', text: c.mediation.otherParty }, { at: iso(c.createdAt), what: '诉求', text: c.mediation.wants });
  }
  for (const e of c.timeline) {
    if (e.actorId === openid && e.text) out.push({ at: iso(e.at), what: entryLabels[e.type] ?? '记录', text: e.text });
  }
  return out;
}

export async function myData(ctx: CallContext): Promise<FnOutput<'session.myData'>> {
  const user = ctx.user!;
  const [follows, notifications, subscriptions, org, answers] = await Promise.all([
    allFollowsOf(ctx.openid, MAX_FOLLOWS),
    allNotificationsOf(ctx.openid, MAX_NOTIFICATIONS),
    subscriptionsOf(ctx.openid),
    organisation(ctx.now),
    answersOfPerson(ctx.openid, MAX_SURVEY_ANSWERS),
  ]);
  const [caseDocs, surveyDocs] = await Promise.all([casesByIds(follows.map((f) => f.caseId)), surveysByIds([...new Set(answers.map((a) => a.surveyId))])]);
  const cases = new Map(caseDocs.map((c) => [c._id, c]));
  const surveys = new Map(surveyDocs.map((s) => [s._id, s]));
  const mine = follows.flatMap((f) => {
    const c = cases.get(f.caseId);
    if (!c) return [];
    const reporter = c.reporterId === ctx.openid;
    return [{
      id: c._id, role: reporter ? ('reporter' as const) : ('joiner' as const), kind: c.kind, status: c.status, title: c.title,
      communityName: c.communityName, createdAt: iso(c.createdAt),
      anonymous: reporter ? c.anonymous : null, phone: reporter ? c.reporterPhone : null, answers: answersOf(c, ctx.openid),
    }];
  });
  const ratings = follows.flatMap((f) => {
    const c = cases.get(f.caseId);
    if (!c || c.reporterId !== ctx.openid || !c.rating) return [];
    const r = c.rating;
    return [{ caseId: c._id, title: c.title, satisfaction: r.satisfaction, safety: r.safety, comment: r.comment, at: iso(r.at) }];
  });
  return {
    exportedAt: iso(ctx.now),
    account: { roles: user.roles, createdAt: iso(user.createdAt), privacyVersion: user.privacyVersion, privacyConsentAt: isoOrNull(user.privacyConsentAt) },
    binding: { communityName: org.community(user.communityId)?.name ?? null, buildingName: org.building(user.buildingId)?.name ?? null, unit: user.unit },
    contact: { name: user.name, phone: user.phone },
    cases: mine,
    ratings,
    notifications: notifications.map((n) => ({ title: n.title, body: n.body, createdAt: iso(n.createdAt), read: n.read })),
    subscriptions: subscriptions.map((s) => ({ templateId: s.templateId, grants: s.grants, lastGrantedAt: iso(s.lastGrantedAt) })),
    surveyAnswers: [...answers]
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime())
      .map((a) => {
        const s = surveys.get(a.surveyId);
        const items = s ? s.questions.map((q) => ({ question: q.title, answer: answerCell(q, a) })) : [];
        return {
          month: a.month,
          title: s?.title ?? '月度问卷',
          answeredAt: iso(a.createdAt),
          items: items.filter((i) => i.answer !== null && i.answer !== '').map((i) => ({ question: i.question, answer: String(i.answer) })),
        };
      }),
  };
}

/**
 * A case's personal fields with one person erased (`who`), or every resident (`who` null, the
 * retention sweep). null when there is nothing to change.
 */
export function erasedFields(c: CaseDoc, who: string | null, now: Date): Partial<CasePersonalFields> | null {
  const isTarget = (id: string | null) => (who === null ? id !== null : id === who);
  const reporterGoes = who === null || c.reporterId === who;
  const timeline = c.timeline.map((e) =>
    e.actorKind === 'resident' && isTarget(e.actorId) ? { ...e, actorId: null, actorName: who === null ? RETAINED_NAME : ERASED_NAME } : e,
  );
  const timelineChanged = timeline.some((e, i) => e !== c.timeline[i]);
  const fields: Partial<CasePersonalFields> = {};
  if (timelineChanged) fields.timeline = timeline;
  const hidden = '（已匿名）';
  const anonymousParty = (p: PartyDoc): PartyDoc => ({ ...p, name: hidden, phone: null });
  if (reporterGoes) {
    Object.assign(fields, { reporterId: ERASED_REPORTER, reporterName: null, reporterPhone: null, anonymous: true });
    if (c.rating?.comment) fields.rating = { ...c.rating, comment: null };
    // The applicant of a mediation is the reporter.
    if (c.mediation?.parties && who !== null) {
      fields.mediation = { ...c.mediation, parties: c.mediation.parties.map((p) => (p.relation === '申请人' ? anonymousParty(p) : p)) };
    }
  }
  if (who === null) {
    // Everyone named in a mediation is a person too; tier, outcome and dates stay for the statistics.
    if (c.mediation) {
      const m = c.mediation;
      fields.mediation = {
        ...m,
        otherParty: hidden,
        agreement: m.agreement ? hidden : null,
        parties: m.parties?.map(anonymousParty),
        sessions: m.sessions?.map((x) => ({ ...x, attendees: x.attendees.map(() => hidden), notes: x.notes ? hidden : null, proposals: x.proposals ? hidden : null })),
        agreementFileId: null,
        followUp: m.followUp ? { ...m.followUp, note: hidden } : m.followUp,
      };
    }
    fields.personalDataErasedAt = now;
    fields.sweepAt = null;
  }
  if (!reporterGoes && !timelineChanged) return null;
  return fields;
}

/** Rewrite at the case's version; a concurrent change re-reads and decides again (3 attempts). */
async function rewrite(c: CaseDoc, who: string | null, now: Date): Promise<boolean> {
  let current: CaseDoc | null = c;
  for (let attempt = 0; attempt < 3 && current; attempt++) {
    const fields = erasedFields(current, who, now);
    if (!fields) return false;
    if (await rewritePersonalFields(current._id, current.version, fields)) return true;
    current = await getCase(current._id);
  }
  throw new AppError('CONFLICT', '案件刚刚发生了变化，请稍后重试');
}

export async function deleteAccount(_input: FnParsedInput<'session.deleteAccount'>, ctx: CallContext): Promise<FnOutput<'session.deleteAccount'>> {
  const user = ctx.user!;
  if (user.staff || user.roles.some((r) => r !== 'resident')) {
    throw new AppError('FORBIDDEN', '工作人员账号请联系派出所管理员办理注销');
  }
  const follows = await allFollowsOf(ctx.openid, MAX_FOLLOWS);
  const cases = await casesByIds(follows.map((f) => f.caseId));
  let anonymised = 0;
  // One at a time: each is a compare-and-set, and a resident has a handful.
  for (const c of cases) if (await rewrite(c, ctx.openid, ctx.now)) anonymised++;
  const [followsRemoved, notificationsRemoved, subscriptionsRemoved] = await Promise.all([
    removeFollowsOf(ctx.openid),
    removeNotificationsOf(ctx.openid),
    removeSubscriptionsOf(ctx.openid),
    removeNoticeReadsOf(ctx.openid),
    removePhotoChecksOf(ctx.openid),
    // issue 10: a waiting "下月问卷提醒", and my survey answers (the months' results lose one answer)
    removeRemindersOf(ctx.openid),
    removeAnswersOf(ctx.openid),
  ]);
  // The record goes last: a deletion that stopped half-way can be asked for again.
  await appendAudit({
    _id: derivedId('audit', 'account_deleted', ctx.openid, iso(user.createdAt)), action: 'account_deleted',
    stationId: user.stationId, subject: derivedId('subject', ctx.openid), by: 'resident',
    counts: { casesAnonymised: anonymised, follows: followsRemoved, notifications: notificationsRemoved, subscriptions: subscriptionsRemoved },
    at: ctx.now,
  });
  await removeUser(ctx.openid);
  return { deleted: true as const, casesAnonymised: anonymised };
}

/** The scheduler found this case due: is it a finished case past the retention period? */
export const retentionDue = (c: CaseDoc, now: Date): boolean =>
  !!c.closedAt && !c.personalDataErasedAt && !c.open && c.status !== 'resolved' && retentionEndsAt(c.closedAt) <= now;

/** Anonymise a batch of finished cases past retention (found by the scheduler's sweep); one audit entry per station. */
export async function anonymiseExpired(due: CaseDoc[], now: Date): Promise<number> {
  const byStation = new Map<string, number>();
  for (const c of due) {
    if (!(await rewrite(c, null, now))) continue;
    await removeFollowsOfCase(c._id);
    byStation.set(c.stationId, (byStation.get(c.stationId) ?? 0) + 1);
  }
  for (const [stationId, n] of byStation) {
    await appendAudit({
      _id: derivedId('audit', 'cases_anonymised', stationId, iso(now)), action: 'cases_anonymised',
      stationId, subject: null, by: 'system', counts: { cases: n }, at: now,
    });
  }
  return [...byStation.values()].reduce((a, b) => a + b, 0);
}
