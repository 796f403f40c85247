/** `patrols` (issue 11): the action table; rules live in backend/domain/patrols.ts. */
import * as patrols from '../domain/patrols';
import type { FunctionHandlers } from '../request/defineFunction';

export const patrolsHandlers: FunctionHandlers<'patrols'> = {
  start: { auth: ['volunteer'], handle: patrols.start },
  pass: { auth: ['volunteer'], collectsPersonalData: true, handle: patrols.pass },
  addFinding: { auth: ['volunteer'], collectsPersonalData: true, handle: patrols.addFinding },
  end: { auth: ['volunteer'], handle: patrols.end },
  get: { auth: ['volunteer', 'officer', 'admin'], handle: patrols.get },
  listMine: { auth: ['volunteer'], handle: patrols.listMine },
  listCommunity: { auth: ['officer', 'admin'], handle: patrols.listCommunity },
};
