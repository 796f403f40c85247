/**
 * A grid's officer changes (an officer invite for it is redeemed): the grid's open cases follow
 * the grid, so the new officer's inbox, overdue list, unread count and access (all keyed on the
 * assignee) include them at once, and the previous assignee (an earlier officer, or the station
 * admin standing in for none) no longer acts on them. Closed cases keep their assignee: history.
 */
import { reassignOpenCasesOfGrid } from '../data/cases';
import { setGridOfficer } from '../data/grids';
import type { StaffProfile } from '../data/users';
import { entry, systemActor } from './timeline';

export interface NewOfficer {
  openid: string;
  /** Their card as residents will see it (copied onto the grid). */
  profile: StaffProfile;
}

/** Makes `officer` the grid's officer and moves its open cases to them; returns how many moved. */
export async function handOverGrid(gridId: string, officer: NewOfficer, now: Date): Promise<number> {
  const { name, title } = officer.profile;
  await setGridOfficer(gridId, officer.openid, officer.profile);
  const e = entry('note', systemActor, now, { text: `网格负责民警变更，本网格未办结案件转由${name}处理`, internal: true });
  return reassignOpenCasesOfGrid(gridId, { assigneeId: officer.openid, assigneeName: name, assigneeTitle: title }, now, e);
}
