/**
 * The visit-due reminders (issue 11), a sweep of the scheduler: on the due day's morning the
 * household's officer (the paired officer and the grid's officer; the station admin where the grid
 * has none) is told in the app and by subscribe message. Once per due date: the notification id
 * derives from the household and the due date, and the reminder time is cleared only if no visit
 * moved it meanwhile.
 */
import { clearReminder, remindersDue, type HouseholdDoc } from '../data/households';
import { getGrid, type GridDoc } from '../data/grids';
import type { NotificationDraft } from './notifier';
import { notifyOnce } from './notifier';
import { organisation } from './organisation';
import { pages } from './pages';
import { householdLabel } from './rosterViews';

export function visitDueNotifications(h: HouseholdDoc, grid: GridDoc | null, adminIds: readonly string[]): NotificationDraft[] {
  const due = h.nextVisitDue ?? new Date();
  const recipients = new Set<string>();
  if (h.pairedOfficerId) recipients.add(h.pairedOfficerId);
  if (grid?.officerId) recipients.add(grid.officerId);
  if (recipients.size === 0) for (const a of adminIds) recipients.add(a);
  const who = h.callName ?? h.headName;
  const tags = h.tags.length > 0 ? `（${h.tags.join('、')}）` : '';
  return [...recipients].map((openid) => ({
    openid,
    kind: 'visit_due' as const,
    title: householdLabel(h),
    body: `${who}${tags}今天该走访了${h.pairedOfficerId === openid ? '（结对帮扶）' : ''}`,
    caseId: null,
    eventKey: `visit-due:${h._id}:${due.toISOString()}`,
    message: {
      template: 'caseOverdue' as const,
      page: pages.household(h._id),
      values: { thing1: `走访${who}`, thing2: `${h.buildingName}${h.room}`, time3: due, thing4: '今天该走访了' },
    },
  }));
}

export async function sweepVisitReminders(now: Date, batch: number): Promise<number> {
  const due = await remindersDue(now, batch);
  if (due.length === 0) return 0;
  const org = await organisation(now);
  const gridIds = [...new Set(due.map((h) => h.gridId))];
  const grids = new Map((await Promise.all(gridIds.map((id) => getGrid(id)))).filter((g): g is GridDoc => !!g).map((g) => [g._id, g]));
  for (const h of due) {
    // Two sweeps may meet the same due reminder (or one re-done after a crash): told once.
    await notifyOnce(visitDueNotifications(h, grids.get(h.gridId) ?? null, org.station(h.stationId)?.adminIds ?? []), now);
    await clearReminder(h._id, h.remindAt!);
  }
  return due.length;
}
