/**
 * `surveys`: the monthly opinion survey (issue 10); rules live in backend/domain/survey*.ts. Roles
 * here are the first gate; each handler then checks the caller's relation to the survey's
 * community (domain/surveyAccess.ts). The timer's work (create, close, card updates) is not here:
 * it runs in the scheduler (domain/surveyTimer.ts), which no client can reach.
 */
import { caseHandlerRoles } from '../../types/enums';
import type { FunctionHandlers } from '../request/defineFunction';
import * as manage from '../domain/surveyManage';
import * as resident from '../domain/surveyResident';
import { remindMe } from '../domain/surveyReminders';
import { exportCsv, results } from '../domain/surveyResults';
import { listTemplates, saveTemplate } from '../domain/surveyTemplates';

export const surveysHandlers: FunctionHandlers<'surveys'> = {
  listTemplates: { auth: ['admin'], handle: listTemplates },
  saveTemplate: { auth: ['admin'], handle: saveTemplate },
  listForStaff: { auth: caseHandlerRoles, handle: manage.listForStaff },
  get: { auth: caseHandlerRoles, handle: manage.get },
  addLocalQuestion: { auth: caseHandlerRoles, handle: manage.addLocalQuestion },
  publish: { auth: caseHandlerRoles, handle: manage.publish },
  shareCard: { auth: caseHandlerRoles, handle: manage.shareCard },
  bindGroup: { auth: caseHandlerRoles, handle: manage.bindGroup },
  // Anyone with a record may arrive from a group; it verifies them for the group's community.
  arrive: { auth: 'registered', handle: resident.arrive },
  current: { auth: 'resident', handle: resident.current },
  getForMe: { auth: 'resident', handle: resident.getForMe },
  answer: { auth: 'resident', collectsPersonalData: true, handle: resident.answer },
  results: { auth: caseHandlerRoles, handle: results },
  exportCsv: { auth: caseHandlerRoles, handle: exportCsv },
  listPendingMembers: { auth: caseHandlerRoles, handle: manage.listPendingMembers },
  approveMember: { auth: caseHandlerRoles, handle: manage.approveMember },
  // The resident's list of surveys, and "下月问卷提醒" (told when the community's next survey is published).
  listForMe: { auth: 'resident', handle: resident.listForMe },
  remindMe: { auth: 'resident', handle: remindMe },
};
