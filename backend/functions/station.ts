/**
 * `station`: the station desk (issue 12) — the dashboard and exports (station admin; officers for
 * their own grids), the organisation and the audit log (station admin). Handlers check the scope
 * again (domain/deskScope.ts): an officer never sees another grid, nobody another station.
 */
import { auditLog, setAuditRetention } from '../domain/audit';
import { dashboard } from '../domain/dashboard';
import { exportCsv } from '../domain/deskExports';
import { moveGrid, organisationView, removeRole, revokeInvite } from '../domain/stationOrganisation';
import type { FunctionHandlers } from '../request/defineFunction';

const desk = ['officer', 'admin'] as const;

export const stationHandlers: FunctionHandlers<'station'> = {
  dashboard: { auth: desk, handle: dashboard },
  export: { auth: desk, handle: exportCsv },
  organisation: { auth: ['admin'], handle: organisationView },
  revokeInvite: { auth: ['admin'], handle: revokeInvite },
  removeRole: { auth: ['admin'], handle: removeRole },
  moveGrid: { auth: ['admin'], handle: moveGrid },
  auditLog: { auth: ['admin'], handle: auditLog },
  setAuditRetention: { auth: ['admin'], handle: setAuditRetention },
};
