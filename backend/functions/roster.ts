/**
 * `roster`: the action table (issue 11); rules live in backend/domain/roster*.ts and visit*.ts.
 * Roles here are the first gate; each handler then checks the grid (domain/rosterAccess.ts): the
 * grid's officer, grid workers of its community, the station admin.
 */
import type { FunctionHandlers } from '../request/defineFunction';
import * as queries from '../domain/rosterQueries';
import { visitStats } from '../domain/visitStats';
import { logVisit } from '../domain/visitWork';
import { addHousehold, editHousehold } from '../domain/householdEdits';

const rosterStaff = ['officer', 'grid_worker', 'admin'] as const;

export const rosterHandlers: FunctionHandlers<'roster'> = {
  list: { auth: rosterStaff, handle: queries.list },
  get: { auth: rosterStaff, handle: queries.get },
  revealContact: { auth: rosterStaff, handle: queries.revealContact },
  logVisit: { auth: rosterStaff, handle: logVisit },
  due: { auth: rosterStaff, handle: queries.due },
  visitRules: { auth: rosterStaff, handle: queries.visitRules },
  setVisitRules: { auth: ['admin'], handle: queries.setVisitRules },
  visitStats: { auth: ['officer', 'admin'], handle: visitStats },
  // issue 11: households added and edited in the app
  addHousehold: { auth: rosterStaff, handle: addHousehold },
  editHousehold: { auth: rosterStaff, handle: editHousehold },
};
