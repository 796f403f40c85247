/**
 * The authorization matrix's fixtures and expectations, shared by the matrix and the gateway fuzz
 * test. Two stations, so "other community" is beyond every actor's reach (a station admin sees
 * every case of their own station, none of another's):
 *
 *   own:   ids.station (test/functions/station.ts) — community c1, grid g1 (officer1), building b1
 *   other: st-other — community c-other, grid g-other (o-officer-other), building b-other
 *
 * One actor per role, all of the own station (residents and grid staff in c1), plus `nobody`
 * (a WeChat user with no record: never consented).
 *
 * EXPECTED names, for every action of the contract registry, the auth rule the handler table must
 * declare and a valid input against the own or the other community. A new action without an entry
 * fails the type check and the matrix test.
 */
import { putBuilding } from '../../backend/data/buildings';
import { putCommunity } from '../../backend/data/communities';
import { putGrid } from '../../backend/data/grids';
import { communityScope, putNotice, type NoticeDoc } from '../../backend/data/notices';
import { putStation } from '../../backend/data/stations';
import { insertPatrol, type PatrolDoc } from '../../backend/data/patrols';
import { newUser, putUser, type UserDoc } from '../../backend/data/users';
import type { AuthRule } from '../../backend/domain/callContext';
import { PRIVACY_VERSION } from '../../types/privacy';
import type { FnInput, FnName } from '../../types/registry';
import type { Role } from '../../types/user';
import type { TestStack } from '../support/stack';
import { arrangeSurveys } from '../functions/surveyStation';
import { arrangeStation, fireLaneReport, ids, joinResident, requestId, unwrap } from '../functions/station';
import { householdDoc, hh, putHouseholds } from '../functions/rosterStation';

export type Actor = Role | 'nobody';
export const ACTORS: readonly Actor[] = ['resident', 'officer', 'admin', 'mediator', 'judicial_mediator', 'grid_worker', 'volunteer', 'nobody'];

export const other = {
  station: 'st-other',
  community: 'c-other',
  grid: 'g-other',
  building: 'b-other',
  officer: 'o-officer-other',
  resident: 'o-resident-other',
};

/** The openid of each actor (nobody: a fresh one per call, so a consent never makes them somebody). */
export const actorOpenid: Record<Exclude<Actor, 'nobody'>, string> = {
  resident: 'o-matrix-resident',
  officer: ids.officer1,
  admin: ids.admin,
  mediator: 'o-matrix-mediator',
  judicial_mediator: 'o-matrix-judicial',
  grid_worker: 'o-matrix-grid-worker',
  volunteer: 'o-matrix-volunteer',
};

let nobodyCounter = 0;
export function openidOf(actor: Actor): string {
  if (actor === 'nobody') return `o-matrix-nobody-${++nobodyCounter}`;
  return actorOpenid[actor];
}

export type Side = 'own' | 'other';

export interface Targets {
  /** A case of each side (own: reported by the matrix resident in b1, assigned to officer1). */
  caseId: Record<Side, string>;
  noticeId: Record<Side, string>;
  /** issue 10: this month's published survey of each side's community. */
  surveyId: Record<Side, string>;
  // issue 11: a household of each side (own: g1, other: g-other); optional for literal fixtures.
  householdId?: Record<Side, string>;
}

export interface Expectation<N extends FnName> {
  rule: AuthRule;
  collectsPersonalData?: true;
  /**
   * `community`: the input names a case, notice, building or community of one side; the other side
   * must never answer ok. `self`: the input names nothing of anyone else.
   */
  scope: 'community' | 'self';
  input(side: Side, t: Targets): FnInput<N>;
  /** The action ends the actor's account: every call is made by a new person of that role (`freshActor`). */
  freshActor?: true;
}

const handlers = ['officer', 'admin'] as const;
const mediationStaff = ['officer', 'admin', 'mediator', 'judicial_mediator'] as const;
// issue 11: the grid worker reads their grid's cases in the inbox and notes on them.
const readers = ['officer', 'admin', 'grid_worker'] as const;
const mediationLead = ['officer', 'admin', 'judicial_mediator'] as const;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
const reason = '核实后处理';
// issue 11: roster and visits
const rosterStaff = ['officer', 'grid_worker', 'admin'] as const;
const householdOf = (s: Side, t: Targets) => t.householdId?.[s] ?? (s === 'own' ? hh.xing : hh.other);

export const EXPECTED: { [N in FnName]: Expectation<N> } = {
  'session.whoami': { rule: 'anyone', scope: 'self', input: () => ({}) },
  'session.listCommunities': { rule: 'anyone', scope: 'self', input: (s) => ({ communityId: s === 'own' ? ids.c1 : other.community }) },
  'session.consentPrivacy': { rule: 'anyone', scope: 'self', input: () => ({ version: PRIVACY_VERSION }) },
  'session.bindCommunity': { rule: 'registered', collectsPersonalData: true, scope: 'self', input: () => ({ communityId: ids.c1, buildingId: ids.b1, unit: '1单元' }) },
  'session.redeemInvite': { rule: 'registered', scope: 'self', input: () => ({ code: 'ZZZZZZZZ' }) },
  'session.issueInvite': { rule: ['admin'], scope: 'community', input: (s) => ({ role: 'officer', gridId: s === 'own' ? ids.g2 : other.grid, name: '新民警' }) },
  'session.myData': { rule: 'registered', scope: 'self', input: () => ({}) },
  'session.deleteAccount': { rule: 'registered', scope: 'self', freshActor: true, input: () => ({ confirm: '注销' }) },

  'cases.create': { rule: 'resident', collectsPersonalData: true, scope: 'community', input: (s) => fireLaneReport({ location: { buildingId: s === 'own' ? ids.b1 : other.building, unit: '1单元' } }) },
  'cases.findSimilar': { rule: 'resident', scope: 'community', input: (s) => ({ category: 'fire_lane_blocked', buildingId: s === 'own' ? ids.b1 : other.building }) },
  'cases.joinSimilar': { rule: 'resident', collectsPersonalData: true, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s] }) },
  'cases.listMine': { rule: 'registered', scope: 'self', input: () => ({}) },
  'cases.get': { rule: 'registered', scope: 'community', input: (s, t) => ({ caseId: t.caseId[s] }) },
  'cases.addInfo': { rule: 'registered', collectsPersonalData: true, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], text: '补充情况', photos: [] }) },
  'cases.withdraw': { rule: 'registered', collectsPersonalData: true, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s] }) },
  'cases.reopen': { rule: 'registered', collectsPersonalData: true, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], reason: '问题没有解决' }) },
  'cases.rate': { rule: 'registered', collectsPersonalData: true, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], satisfaction: 5, safety: 5 }) },
  'cases.inbox': { rule: readers, scope: 'self', input: () => ({}) },
  'cases.accept': { rule: handlers, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s] }) },
  'cases.note': { rule: readers, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], text: '已电话联系', visibility: 'internal' }) },
  'cases.startProgress': { rule: handlers, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s] }) },
  'cases.resolve': { rule: handlers, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], whatWasDone: '已挪走车辆' }) },
  'cases.reject': { rule: handlers, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], reason }) },
  'cases.transfer': { rule: handlers, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], toGridId: ids.g2, reason }) },
  'cases.transferTargets': { rule: handlers, scope: 'self', input: () => ({}) },

  'notify.recordSubscriptions': { rule: 'anyone', scope: 'self', input: () => ({ templateIds: ['TPL_UNKNOWN'] }) },
  'notify.myNotifications': { rule: 'anyone', scope: 'self', input: () => ({}) },
  'notify.badge': { rule: 'anyone', scope: 'self', input: () => ({}) },
  'notify.markRead': { rule: 'anyone', scope: 'self', input: () => ({ all: true }) },

  'notices.latest': { rule: 'registered', scope: 'self', input: () => ({}) },
  'notices.get': { rule: 'registered', scope: 'community', input: (s, t) => ({ noticeId: t.noticeId[s] }) },

  'scheduler.tick': { rule: ['admin'], scope: 'self', input: () => ({}) },

  // The targets are reports, not mediations: past the rule, these answer a typed refusal.
  'mediations.get': { rule: 'registered', scope: 'community', input: (s, t) => ({ caseId: t.caseId[s] }) },
  'mediations.listMine': { rule: mediationStaff, scope: 'self', input: () => ({}) },
  'mediations.mediatorOptions': { rule: mediationStaff, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s] }) },
  'mediations.assignMediators': { rule: handlers, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], mediatorIds: [actorOpenid.mediator] }) },
  'mediations.setParties': {
    rule: mediationLead, scope: 'community',
    input: (s, t) => ({ caseId: t.caseId[s], parties: [{ name: '李桂兰', relation: '申请人' }, { name: '王先生', relation: '邻居' }] }),
  },
  'mediations.escalate': { rule: mediationLead, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], toTier: 'professional', reason }) },
  'mediations.scheduleSession': { rule: mediationStaff, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], at: inAWeek(), place: '社区调解室', attendees: ['李桂兰'] }) },
  'mediations.recordSession': { rule: mediationStaff, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], sessionId: 's1', notes: '双方陈述了意见' }) },
  'mediations.recordOutcome': { rule: mediationLead, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], outcome: 'failed', summary: '双方未达成一致' }) },
  'mediations.confirmAgreement': { rule: 'registered', collectsPersonalData: true, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s] }) },
  'mediations.attachAgreement': { rule: mediationLead, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], signedOnPaper: true }) },
  'mediations.recordFollowUp': { rule: mediationLead, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], honoured: true, note: '协议正在履行' }) },
  'mediations.extendDeadline': { rule: mediationLead, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], days: 7, reason }) },
  'mediations.partyContacts': { rule: mediationStaff, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s] }) },
  'mediations.contactReads': { rule: ['admin'], scope: 'self', input: () => ({}) },
  'mediations.routeLegalAdvice': { rule: handlers, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s] }) },
  'mediations.answerLegalAdvice': { rule: ['judicial_mediator'], scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], answer: '建议先协商解决' }) },
  'mediations.stats': { rule: mediationStaff, scope: 'self', input: () => ({ from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date().toISOString() }) },

  // issue 12: Open311 API keys (station-wide, admin only)
  'open311.issueKey': { rule: ['admin'], scope: 'self', input: () => ({ label: '区12345平台' }) },
  'open311.listKeys': { rule: ['admin'], scope: 'self', input: () => ({}) },
  'open311.revokeKey': { rule: ['admin'], scope: 'self', input: () => ({ keyId: 'k-unknown' }) },
  // issue 10: the monthly opinion survey
  'surveys.listTemplates': { rule: ['admin'], scope: 'self', input: () => ({}) },
  'surveys.saveTemplate': { rule: ['admin'], scope: 'self', input: () => ({ templateName: '矩阵测试模板', questions: [{ id: 'q1', type: 'rating', title: '您对社区治安满意吗', topic: 'satisfaction' }] }) },
  'surveys.listForStaff': { rule: handlers, scope: 'self', input: () => ({}) },
  'surveys.get': { rule: handlers, scope: 'community', input: (s, t) => ({ surveyId: t.surveyId[s] }) },
  'surveys.addLocalQuestion': { rule: handlers, scope: 'community', input: (s, t) => ({ surveyId: t.surveyId[s], question: { type: 'text', title: '对小区停车有什么建议' } }) },
  'surveys.publish': { rule: handlers, scope: 'community', input: (s, t) => ({ surveyId: t.surveyId[s] }) },
  'surveys.shareCard': { rule: handlers, scope: 'community', input: (s, t) => ({ surveyId: t.surveyId[s] }) },
  'surveys.bindGroup': { rule: handlers, scope: 'community', input: (s, t) => ({ surveyId: t.surveyId[s] }) },
  'surveys.arrive': { rule: 'registered', scope: 'community', input: (s, t) => ({ surveyId: t.surveyId[s] }) },
  'surveys.current': { rule: 'resident', scope: 'self', input: () => ({}) },
  'surveys.getForMe': { rule: 'resident', scope: 'community', input: (s, t) => ({ surveyId: t.surveyId[s] }) },
  'surveys.answer': { rule: 'resident', collectsPersonalData: true, scope: 'community', input: (s, t) => ({ surveyId: t.surveyId[s], items: [{ questionId: 'satisfaction', rating: 4 }, { questionId: 'safety', rating: 5 }] }) },
  'surveys.results': { rule: handlers, scope: 'community', input: (s, t) => ({ surveyId: t.surveyId[s] }) },
  'surveys.exportCsv': { rule: handlers, scope: 'community', input: (s, t) => ({ surveyId: t.surveyId[s] }) },
  'surveys.listPendingMembers': { rule: handlers, scope: 'community', input: (s) => ({ communityId: s === 'own' ? ids.c1 : other.community }) },
  'surveys.approveMember': { rule: handlers, scope: 'community', input: (s) => ({ communityId: s === 'own' ? ids.c1 : other.community, memberId: s === 'own' ? actorOpenid.resident : other.resident }) },
  // issue 11: grid worker helpers (协办), pressing an overdue case (督办)
  'cases.helperOptions': { rule: handlers, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s] }) },
  'cases.addHelper': { rule: handlers, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], helperId: actorOpenid.grid_worker }) },
  'cases.removeHelper': { rule: handlers, scope: 'community', input: (s, t) => ({ caseId: t.caseId[s], helperId: actorOpenid.grid_worker }) },
  'cases.press': { rule: ['admin'], scope: 'community', input: (s, t) => ({ caseId: t.caseId[s] }) },
  // issue 11: response templates (常用回复); the own station's set only
  'cases.templates': { rule: handlers, scope: 'self', input: () => ({}) },
  'cases.saveTemplate': { rule: handlers, scope: 'self', input: () => ({ title: '已联系物业', text: '{居民称呼}您好，已联系物业处理{楼栋}的问题。' }) },
  'cases.removeTemplate': { rule: handlers, scope: 'self', input: () => ({ id: 'tpl-missing' }) },
  // issue 11: roster and visits
  'roster.list': { rule: rosterStaff, scope: 'community', input: (s) => ({ gridId: s === 'own' ? ids.g1 : other.grid }) },
  'roster.get': { rule: rosterStaff, scope: 'community', input: (s, t) => ({ householdId: householdOf(s, t) }) },
  'roster.revealContact': { rule: rosterStaff, scope: 'community', input: (s, t) => ({ householdId: householdOf(s, t) }) },
  'roster.logVisit': {
    rule: rosterStaff, scope: 'community',
    input: (s, t) => ({ householdId: householdOf(s, t), clientRequestId: requestId(), method: 'home', visitors: '周建军', found: '老人身体还好' }),
  },
  'roster.due': { rule: rosterStaff, scope: 'community', input: (s) => ({ gridId: s === 'own' ? ids.g1 : other.grid }) },
  'roster.visitRules': { rule: rosterStaff, scope: 'self', input: () => ({}) },
  'roster.setVisitRules': { rule: ['admin'], scope: 'self', input: () => ({ rules: [{ tag: '独居', days: 7 }], pairedDays: 7 }) },
  'roster.visitStats': { rule: ['officer', 'admin'], scope: 'self', input: () => ({ month: '2026-11' }) },
  // issue 11: patrols and notices (targets from arrangePatrolsAndNotices)
  'patrols.start': { rule: ['volunteer'], scope: 'self', input: () => ({ clientRequestId: 'matrix-patrol-start', buildingIds: [ids.b1] }) },
  'patrols.pass': { rule: ['volunteer'], collectsPersonalData: true, scope: 'community', input: (s) => ({ patrolId: patrolTarget[s], buildingId: s === 'own' ? ids.b1 : other.building }) },
  'patrols.addFinding': {
    rule: ['volunteer'], collectsPersonalData: true, scope: 'community',
    input: (s) => ({ patrolId: patrolTarget[s], clientRequestId: 'matrix-finding-1', category: 'ebike_indoor_charging', description: '楼道里有电动车在充电', buildingId: s === 'own' ? ids.b1 : other.building, photos: [] }),
  },
  'patrols.end': { rule: ['volunteer'], scope: 'community', input: (s) => ({ patrolId: patrolTarget[s] }) },
  'patrols.get': { rule: ['volunteer', 'officer', 'admin'], scope: 'community', input: (s) => ({ patrolId: patrolTarget[s] }) },
  'patrols.listMine': { rule: ['volunteer'], scope: 'self', input: () => ({}) },
  'patrols.listCommunity': { rule: handlers, scope: 'community', input: (s) => ({ communityId: s === 'own' ? ids.c1 : other.community }) },
  'notices.list': { rule: 'registered', scope: 'self', input: () => ({ category: 'anti_fraud' }) },
  'notices.publish': { rule: handlers, scope: 'community', input: (s) => ({ clientRequestId: 'matrix-notice-1', communityId: s === 'own' ? ids.c1 : other.community, category: 'anti_fraud', title: '防诈骗提醒', text: '不要轻信陌生来电，不要转账。' }) },
  'notices.edit': { rule: handlers, scope: 'community', input: (s) => ({ noticeId: managedNoticeTarget[s], title: '防诈骗提醒（更新）' }) },
  'notices.withdraw': { rule: handlers, scope: 'community', input: (s) => ({ noticeId: managedNoticeTarget[s] }) },
  'notices.manage': { rule: handlers, scope: 'self', input: () => ({}) },
  // issue 16: release readiness (the post-deploy openapi smoke check; sends nothing)
  'cases.health': { rule: ['admin'], scope: 'self', input: () => ({}) },
  'scheduler.health': { rule: ['admin'], scope: 'self', input: () => ({}) },
  // issue 12: the station desk
  'station.dashboard': { rule: handlers, scope: 'community', input: (s) => ({ ...lastMonth(), communityId: s === 'own' ? ids.c1 : other.community }) },
  'station.export': { rule: handlers, scope: 'community', input: (s) => ({ kind: 'cases', ...lastMonth(), communityId: s === 'own' ? ids.c1 : other.community }) },
  'station.organisation': { rule: ['admin'], scope: 'self', input: () => ({}) },
  'station.revokeInvite': { rule: ['admin'], scope: 'self', input: () => ({ code: 'ZZZZZZZZ' }) },
  // Own side names a role the person lacks (CONFLICT), so the matrix never takes a role away.
  'station.removeRole': { rule: ['admin'], scope: 'community', input: (s) => (s === 'own' ? { userId: ids.officer2, role: 'mediator' } : { userId: other.officer, role: 'officer' }) },
  // Own side names the grid's own officer (CONFLICT), so the matrix never moves a grid.
  'station.moveGrid': { rule: ['admin'], scope: 'community', input: (s) => (s === 'own' ? { gridId: ids.g1, officerId: ids.officer1 } : { gridId: other.grid, officerId: other.officer }) },
  'station.auditLog': { rule: ['admin'], scope: 'self', input: () => ({}) },
  'station.setAuditRetention': { rule: ['admin'], scope: 'self', input: () => ({ days: 1095 }) },
  // issue 10: the residents' list of surveys and "下月问卷提醒" (both about the caller's own community)
  'surveys.listForMe': { rule: 'resident', scope: 'self', input: () => ({}) },
  'surveys.remindMe': { rule: 'resident', scope: 'self', input: () => ({}) },
  // issue 11: households added and edited in the app (a retried add answers the same household)
  'roster.addHousehold': {
    rule: rosterStaff, scope: 'community',
    input: (s) => ({ clientRequestId: 'matrix-household-1', buildingId: s === 'own' ? ids.b1 : other.building, unit: '1单元', room: '101', headName: '矩阵住户', members: 1 }),
  },
  'roster.editHousehold': { rule: rosterStaff, scope: 'community', input: (s, t) => ({ householdId: householdOf(s, t), note: '矩阵测试备注' }) },
};

// issue 11: a patrol and a published notice on each side (the own patrol is the matrix volunteer's).
const patrolTarget: Record<Side, string> = { own: 'patrol-matrix-own', other: 'patrol-matrix-other' };
const managedNoticeTarget: Record<Side, string> = { own: 'n-matrix-own-managed', other: 'n-matrix-other-managed' };
async function arrangePatrolsAndNotices(now: Date): Promise<void> {
  const patrol = (id: string, stationId: string, communityId: string, volunteerId: string): PatrolDoc => ({
    _id: id, stationId, communityId, communityName: '小区', volunteerId, volunteerName: '志愿者', memberIds: [volunteerId], status: 'active',
    startedAt: now, endedAt: null, month: '2026-01', plannedBuildings: [], route: [], points: [], findings: [], findingCount: 0,
    endNote: null, routeNote: null, version: 0, createdAt: now,
  });
  await insertPatrol(patrol(patrolTarget.own, ids.station, ids.c1, actorOpenid.volunteer));
  await insertPatrol(patrol(patrolTarget.other, other.station, other.community, 'o-volunteer-other'));
  const notice = (id: string, stationId: string, communityId: string, authorId: string): NoticeDoc => ({
    _id: id, stationId, communityId, scope: communityScope(communityId), category: 'anti_fraud', title: '防诈骗提醒', summary: '不要轻信陌生来电',
    body: '不要轻信陌生来电。', publishedAt: now, readCount: 0, createdAt: now, authorId, authorName: '民警',
  });
  await putNotice(notice(managedNoticeTarget.own, ids.station, ids.c1, ids.officer1));
  await putNotice(notice(managedNoticeTarget.other, other.station, other.community, other.officer));
}

function lastMonth(): { from: string; to: string } {
  return { from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
}

let freshCounter = 0;
/** A new person of the actor's role (a resident joins the own community), for `freshActor` actions. */
export async function freshActorOf(stack: TestStack, actor: Actor): Promise<string> {
  if (actor === 'nobody') return openidOf(actor);
  const openid = `o-matrix-fresh-${actor}-${++freshCounter}`;
  if (actor === 'resident') await joinResident(stack, openid, { communityId: ids.c1, buildingId: ids.b1 }, '临时居民');
  else await putUser(roleUser(openid, actor, new Date()));
  return openid;
}

/** The messages of defineFunction's rule check (and only of it): a refusal by the auth rule. */
export const RULE_REFUSALS = ['请先同意隐私保护指引并加入社区', '请先加入所在社区', '您没有进行此操作的权限'];

/** `joined`: the actor has a community binding now (any role may bind; the rule 'resident' asks for one). */
export function ruleAdmits(rule: AuthRule, actor: Actor, joined: boolean): boolean {
  if (rule === 'anyone') return true;
  if (actor === 'nobody') return false;
  if (rule === 'registered') return true;
  if (rule === 'resident') return joined;
  return rule.includes(actor);
}

function roleUser(openid: string, role: Role, now: Date): UserDoc {
  return {
    ...newUser(openid, now),
    roles: [role],
    stationId: ids.station,
    communityId: null,
    privacyVersion: PRIVACY_VERSION,
    privacyConsentAt: now,
    staff: { name: '测试', title: '工作人员', dutyHours: '周一至周五', phone: '022-12345678', photoFileId: null },
    // issue 11: the grid worker works the own grid.
    ...(role === 'grid_worker' ? { workerGridId: ids.g1 } : {}),
  };
}

/** Both stations, every actor, a case and a notice on each side. */
export async function arrangeMatrix(stack: TestStack): Promise<Targets> {
  await arrangeStation(stack);
  const now = new Date();
  await putStation({ _id: other.station, name: '欣苑派出所', adminIds: ['o-admin-other'], phone: '022-77776666', dutyHours: '24 小时', createdAt: now });
  await putCommunity({ _id: other.community, stationId: other.station, name: '远方小区', address: '远方路 1 号', order: 1, defaultGridId: other.grid, createdAt: now });
  await putGrid({ _id: other.grid, stationId: other.station, communityId: other.community, name: '远方第一网格', officerId: other.officer, officer: null, order: 1, createdAt: now });
  await putBuilding({ _id: other.building, communityId: other.community, gridId: other.grid, name: '1号楼', units: ['1单元'], order: 1, createdAt: now });
  await putUser({ ...roleUser(other.officer, 'officer', now), stationId: other.station });
  for (const role of ['mediator', 'judicial_mediator', 'grid_worker', 'volunteer'] as const) await putUser(roleUser(actorOpenid[role], role, now));

  await joinResident(stack, actorOpenid.resident, { communityId: ids.c1, buildingId: ids.b1 }, '李桂兰');
  await joinResident(stack, other.resident, { communityId: other.community, buildingId: other.building }, '远方');
  const own = unwrap(await stack.call('cases.create', fireLaneReport(), actorOpenid.resident)).case.id;
  const far = unwrap(await stack.call('cases.create', fireLaneReport({ location: { buildingId: other.building, unit: '1单元' } }), other.resident)).case.id;

  const notice = (id: string, stationId: string, communityId: string): NoticeDoc => ({
    _id: id, stationId, communityId, scope: communityScope(communityId), category: 'anti_fraud', title: '防诈骗提醒', summary: '不要轻信陌生来电',
    body: '不要轻信陌生来电。', publishedAt: now, readCount: 0, createdAt: now,
  });
  await putNotice(notice('n-matrix-own', ids.station, ids.c1));
  await putNotice(notice('n-matrix-other', other.station, other.community));
  const [surveyOwn, surveyOther] = await arrangeSurveys(stack, [{ communityId: ids.c1, officer: ids.officer1 }, { communityId: other.community, officer: other.officer }]);
  // issue 11: a household on each side.
  await putHouseholds([householdDoc({ _id: hh.xing }), householdDoc({ _id: hh.other, stationId: other.station, communityId: other.community, gridId: other.grid, buildingId: other.building, buildingName: '1号楼' })]);
  await arrangePatrolsAndNotices(now); // issue 11
  return {
    caseId: { own, other: far }, noticeId: { own: 'n-matrix-own', other: 'n-matrix-other' },
    surveyId: { own: surveyOwn!, other: surveyOther! }, householdId: { own: hh.xing, other: hh.other },
  };
}

/** A stack trace or a server path anywhere in an answer. */
export const LEAK = /\n\s+at\s|\bat\s+\S+\s\(|\.(?:js|ts):\d+|\/(?:home|work|tmp|usr|root|var)\/[\w.-]+/;
