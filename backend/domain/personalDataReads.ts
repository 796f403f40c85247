/**
 * Reads of a reporter's personal data by staff, for the audit log (issue 12): a staff case view that
 * carries the reporter's full phone (a help request allowing a call back) is recorded before it is
 * answered, as party contacts are (mediations.partyContacts).
 */
import type { CaseDoc } from '../data/cases';
import { recordStaffAction } from './audit';
import type { CallContext } from './callContext';
import { reporterPhoneShown } from './caseViews';

export async function recordReporterPhoneRead(c: CaseDoc, ctx: CallContext): Promise<void> {
  if (!reporterPhoneShown(c)) return;
  await recordStaffAction(ctx, {
    action: 'personal_data_read', stationId: c.stationId, target: { kind: 'case', id: c._id, label: c.title },
    detail: '查看求助人完整电话（求助人同意回电）',
  });
}
