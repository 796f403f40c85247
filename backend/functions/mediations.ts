/**
 * `mediations`: the action table (issue 9); rules live in backend/domain/mediation*.ts. Roles here
 * are the first gate; each handler then checks the caller's relation to the case
 * (domain/mediationAccess.ts): party, grid officer, station admin, assigned mediator, judicial mediator.
 */
import { mediationStaffRoles } from '../../types/enums';
import type { FunctionHandlers } from '../request/defineFunction';
import * as queries from '../domain/mediationQueries';
import { stats } from '../domain/mediationStats';
import * as work from '../domain/mediationWork';

export const mediationsHandlers: FunctionHandlers<'mediations'> = {
  // Parties (residents) and staff: the handler decides which view, or FORBIDDEN.
  get: { auth: 'registered', handle: queries.get },
  listMine: { auth: mediationStaffRoles, handle: queries.listMine },
  mediatorOptions: { auth: mediationStaffRoles, handle: queries.mediatorOptions },
  assignMediators: { auth: ['officer', 'admin'], handle: work.assignMediators },
  setParties: { auth: ['officer', 'admin', 'judicial_mediator'], handle: work.setParties },
  escalate: { auth: ['officer', 'admin', 'judicial_mediator'], handle: work.escalate },
  scheduleSession: { auth: mediationStaffRoles, handle: work.scheduleSession },
  recordSession: { auth: mediationStaffRoles, handle: work.recordSession },
  recordOutcome: { auth: ['officer', 'admin', 'judicial_mediator'], handle: work.recordOutcome },
  // The applicant confirms the written agreement: a resident act on their own personal matter.
  confirmAgreement: { auth: 'registered', collectsPersonalData: true, handle: work.confirmAgreement },
  attachAgreement: { auth: ['officer', 'admin', 'judicial_mediator'], handle: work.attachAgreement },
  recordFollowUp: { auth: ['officer', 'admin', 'judicial_mediator'], handle: work.recordFollowUp },
  extendDeadline: { auth: ['officer', 'admin', 'judicial_mediator'], handle: work.extendDeadline },
  partyContacts: { auth: mediationStaffRoles, handle: queries.partyContacts },
  contactReads: { auth: ['admin'], handle: queries.contactReads },
  routeLegalAdvice: { auth: ['officer', 'admin'], handle: work.routeLegalAdvice },
  answerLegalAdvice: { auth: ['judicial_mediator'], handle: work.answerLegalAdvice },
  stats: { auth: mediationStaffRoles, handle: stats },
};
