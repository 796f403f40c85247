/**
 * The contract between the mini-program and the cloud functions, as plain data both sides import:
 * `"<function>.<action>"` → the input schema and the output (`data`) schema.
 * The client's `call(name, input)` and each backend handler are typed from this object.
 */
import { z } from './zod';
import * as user from './user';
import * as cases from './case';
import * as notify from './notify';
import * as notice from './notice';
import * as scheduler from './scheduler';
import * as mediation from './mediation';
import * as health from './health';
import * as personalData from './personalData';
import * as open311 from './open311';
import * as survey from './survey';
import * as responseTemplates from './responseTemplates';
import * as roster from './roster';
import * as patrol from './patrol';
import * as station from './station';

export type { Result, Ok, Err, ErrorCode, AppErrorBody } from './result';

function def<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const contract = {
  'session.whoami': def(user.whoamiInput, user.whoamiOutput),
  'session.listCommunities': def(user.listCommunitiesInput, user.listCommunitiesOutput),
  'session.bindCommunity': def(user.bindCommunityInput, user.bindCommunityOutput),
  'session.consentPrivacy': def(user.consentPrivacyInput, user.consentPrivacyOutput),
  'session.redeemInvite': def(user.redeemInviteInput, user.redeemInviteOutput),
  'session.issueInvite': def(user.issueInviteInput, user.issueInviteOutput),
  'session.myData': def(personalData.myDataInput, personalData.myDataOutput),
  'session.deleteAccount': def(personalData.deleteAccountInput, personalData.deleteAccountOutput),

  'cases.create': def(cases.createCaseInput, cases.createCaseOutput),
  'cases.findSimilar': def(cases.findSimilarInput, cases.findSimilarOutput),
  'cases.joinSimilar': def(cases.joinSimilarInput, cases.joinSimilarOutput),
  'cases.listMine': def(cases.listMineInput, cases.listMineOutput),
  'cases.get': def(cases.getCaseInput, cases.getCaseOutput),
  'cases.addInfo': def(cases.addInfoInput, cases.residentCaseOutput),
  'cases.withdraw': def(cases.withdrawInput, cases.residentCaseOutput),
  'cases.reopen': def(cases.reopenInput, cases.residentCaseOutput),
  'cases.rate': def(cases.rateInput, cases.residentCaseOutput),
  'cases.inbox': def(cases.inboxInput, cases.inboxOutput),
  'cases.accept': def(cases.acceptInput, cases.staffCaseOutput),
  'cases.note': def(cases.noteInput, cases.staffCaseOutput),
  'cases.startProgress': def(cases.startProgressInput, cases.staffCaseOutput),
  'cases.resolve': def(cases.resolveInput, cases.staffCaseOutput),
  'cases.reject': def(cases.rejectInput, cases.staffCaseOutput),
  'cases.transfer': def(cases.transferInput, cases.staffCaseOutput),
  'cases.transferTargets': def(cases.transferTargetsInput, cases.transferTargetsOutput),

  'notify.recordSubscriptions': def(notify.recordSubscriptionsInput, notify.recordSubscriptionsOutput),
  'notify.myNotifications': def(notify.myNotificationsInput, notify.myNotificationsOutput),
  'notify.badge': def(notify.badgeInput, notify.badgeOutput),
  'notify.markRead': def(notify.markReadInput, notify.markReadOutput),

  'notices.latest': def(notice.latestNoticesInput, notice.latestNoticesOutput),
  'notices.get': def(notice.getNoticeInput, notice.getNoticeOutput),

  'scheduler.tick': def(scheduler.tickInput, scheduler.tickOutput),

  'mediations.get': def(mediation.getMediationInput, mediation.mediationOutput),
  'mediations.listMine': def(mediation.listMyMediationsInput, mediation.listMyMediationsOutput),
  'mediations.mediatorOptions': def(mediation.mediatorOptionsInput, mediation.mediatorOptionsOutput),
  'mediations.assignMediators': def(mediation.assignMediatorsInput, mediation.mediationOutput),
  'mediations.setParties': def(mediation.setPartiesInput, mediation.mediationOutput),
  'mediations.escalate': def(mediation.escalateInput, mediation.mediationOutput),
  'mediations.scheduleSession': def(mediation.scheduleSessionInput, mediation.mediationOutput),
  'mediations.recordSession': def(mediation.recordSessionInput, mediation.mediationOutput),
  'mediations.recordOutcome': def(mediation.recordOutcomeInput, mediation.mediationOutput),
  'mediations.confirmAgreement': def(mediation.confirmAgreementInput, mediation.mediationOutput),
  'mediations.attachAgreement': def(mediation.attachAgreementInput, mediation.mediationOutput),
  'mediations.recordFollowUp': def(mediation.recordFollowUpInput, mediation.mediationOutput),
  'mediations.extendDeadline': def(mediation.extendDeadlineInput, mediation.mediationOutput),
  'mediations.partyContacts': def(mediation.partyContactsInput, mediation.partyContactsOutput),
  'mediations.contactReads': def(mediation.contactReadsInput, mediation.contactReadsOutput),
  'mediations.routeLegalAdvice': def(mediation.routeLegalAdviceInput, mediation.mediationOutput),
  'mediations.answerLegalAdvice': def(mediation.answerLegalAdviceInput, mediation.mediationOutput),
  'mediations.stats': def(mediation.statsInput, mediation.statsOutput),

  // issue 12: Open311 GeoReport v2 API keys (the HTTP endpoint itself is the function's onHttp)
  'open311.issueKey': def(open311.issueApiKeyInput, open311.issueApiKeyOutput),
  'open311.listKeys': def(open311.listApiKeysInput, open311.listApiKeysOutput),
  'open311.revokeKey': def(open311.revokeApiKeyInput, open311.revokeApiKeyOutput),
  // issue 10: the monthly opinion survey
  'surveys.listTemplates': def(survey.listTemplatesInput, survey.listTemplatesOutput),
  'surveys.saveTemplate': def(survey.saveTemplateInput, survey.saveTemplateOutput),
  'surveys.listForStaff': def(survey.listForStaffInput, survey.listForStaffOutput),
  'surveys.get': def(survey.getSurveyInput, survey.getSurveyOutput),
  'surveys.addLocalQuestion': def(survey.addLocalQuestionInput, survey.addLocalQuestionOutput),
  'surveys.publish': def(survey.publishSurveyInput, survey.publishSurveyOutput),
  'surveys.shareCard': def(survey.shareCardInput, survey.shareCardOutput),
  'surveys.bindGroup': def(survey.bindGroupInput, survey.bindGroupOutput),
  'surveys.arrive': def(survey.arriveInput, survey.arriveOutput),
  'surveys.current': def(survey.currentInput, survey.currentOutput),
  'surveys.getForMe': def(survey.getForMeInput, survey.getForMeOutput),
  'surveys.answer': def(survey.answerInput, survey.answerOutput),
  'surveys.results': def(survey.resultsInput, survey.resultsOutput),
  'surveys.exportCsv': def(survey.exportCsvInput, survey.exportCsvOutput),
  'surveys.listPendingMembers': def(survey.listPendingMembersInput, survey.listPendingMembersOutput),
  'surveys.approveMember': def(survey.approveMemberInput, survey.approveMemberOutput),
  // issue 11: grid worker helpers, pressing an overdue case, response templates
  'cases.helperOptions': def(cases.helperOptionsInput, cases.helperOptionsOutput),
  'cases.addHelper': def(cases.helperInput, cases.staffCaseOutput),
  'cases.removeHelper': def(cases.helperInput, cases.staffCaseOutput),
  'cases.press': def(cases.pressInput, cases.pressOutput),
  'cases.templates': def(responseTemplates.listTemplatesInput, responseTemplates.listTemplatesOutput),
  'cases.saveTemplate': def(responseTemplates.saveTemplateInput, responseTemplates.saveTemplateOutput),
  'cases.removeTemplate': def(responseTemplates.removeTemplateInput, responseTemplates.removeTemplateOutput),
  // issue 11: roster and visits
  'roster.list': def(roster.rosterListInput, roster.rosterListOutput),
  'roster.get': def(roster.getHouseholdInput, roster.getHouseholdOutput),
  'roster.revealContact': def(roster.revealContactInput, roster.revealContactOutput),
  'roster.logVisit': def(roster.logVisitInput, roster.logVisitOutput),
  'roster.due': def(roster.dueVisitsInput, roster.dueVisitsOutput),
  'roster.visitRules': def(roster.visitRulesInput, roster.visitRulesOutput),
  'roster.setVisitRules': def(roster.setVisitRulesInput, roster.setVisitRulesOutput),
  'roster.visitStats': def(roster.visitStatsInput, roster.visitStatsOutput),
  // issue 11: patrols and notices
  'patrols.start': def(patrol.startPatrolInput, patrol.startPatrolOutput),
  'patrols.pass': def(patrol.passBuildingInput, patrol.patrolOutput),
  'patrols.addFinding': def(patrol.addFindingInput, patrol.addFindingOutput),
  'patrols.end': def(patrol.endPatrolInput, patrol.endPatrolOutput),
  'patrols.get': def(patrol.getPatrolInput, patrol.patrolOutput),
  'patrols.listMine': def(patrol.listMyPatrolsInput, patrol.listMyPatrolsOutput),
  'patrols.listCommunity': def(patrol.listCommunityPatrolsInput, patrol.listCommunityPatrolsOutput),
  'notices.list': def(notice.listNoticesInput, notice.listNoticesOutput),
  'notices.publish': def(notice.publishNoticeInput, notice.noticeOutput),
  'notices.edit': def(notice.editNoticeInput, notice.noticeOutput),
  'notices.withdraw': def(notice.withdrawNoticeInput, notice.noticeOutput),
  'notices.manage': def(notice.manageNoticesInput, notice.manageNoticesOutput),
  // issue 16: release readiness (post-deploy openapi smoke check)
  'cases.health': def(health.healthInput, health.healthOutput),
  'scheduler.health': def(health.healthInput, health.healthOutput),
  // issue 12: the station desk (dashboard, exports, organisation, audit log)
  'station.dashboard': def(station.dashboardInput, station.dashboardOutput),
  'station.export': def(station.exportInput, station.exportOutput),
  'station.organisation': def(station.organisationInput, station.organisationOutput),
  'station.revokeInvite': def(station.revokeInviteInput, station.revokeInviteOutput),
  'station.removeRole': def(station.removeRoleInput, station.removeRoleOutput),
  'station.moveGrid': def(station.moveGridInput, station.moveGridOutput),
  'station.auditLog': def(station.auditLogInput, station.auditLogOutput),
  'station.setAuditRetention': def(station.setAuditRetentionInput, station.setAuditRetentionOutput),
  // issue 10: the residents' list of surveys and "下月问卷提醒"
  'surveys.listForMe': def(survey.listForMeInput, survey.listForMeOutput),
  'surveys.remindMe': def(survey.remindMeInput, survey.remindMeOutput),
  // issue 11: households added and edited in the app
  'roster.addHousehold': def(roster.addHouseholdInput, roster.saveHouseholdOutput),
  'roster.editHousehold': def(roster.editHouseholdInput, roster.saveHouseholdOutput),
} as const;

export type Contract = typeof contract;
export type FnName = keyof Contract;
/** What a caller passes (defaults may be omitted). */
export type FnInput<N extends FnName> = z.input<Contract[N]['input']>;
/** What a handler receives after parsing (defaults filled in). */
export type FnParsedInput<N extends FnName> = z.output<Contract[N]['input']>;
/** The `data` of a successful answer. */
export type FnOutput<N extends FnName> = z.output<Contract[N]['output']>;

type SplitName<N> = N extends `${infer F}.${infer A}` ? [F, A] : never;
export type FunctionName = SplitName<FnName>[0];
/** The actions of one cloud function, e.g. `ActionOf<'cases'>` = 'create' | 'get' | … */
export type ActionOf<F extends FunctionName> = {
  [N in FnName]: SplitName<N>[0] extends F ? SplitName<N>[1] : never;
}[FnName];

export const functionNames = ['session', 'cases', 'notify', 'notices', 'scheduler', 'mediations', 'open311', 'surveys', 'roster', 'patrols', 'station'] as const satisfies readonly FunctionName[];

export function splitFnName<N extends FnName>(name: N): { fn: FunctionName; action: string } {
  const dot = name.indexOf('.');
  return { fn: name.slice(0, dot) as FunctionName, action: name.slice(dot + 1) };
}

/** The exact argument of `wx.cloud.callFunction` (and the H5 gateway body) for one contract entry. */
export function callFunctionPayload<N extends FnName>(name: N, input: FnInput<N>) {
  const { fn, action } = splitFnName(name);
  return { name: fn, data: { action, input } };
}
