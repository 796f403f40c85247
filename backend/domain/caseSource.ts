/**
 * issue 11: where a case came from, for the staff case page (巡逻发现: who patrolled, when, which
 * way). Read from the patrol itself (1 read, only for patrol findings), so a route walked after the
 * finding shows too.
 */
import type { StaffCaseView } from '../../types/case';
import type { CaseDoc } from '../data/cases';
import { getPatrol, type PatrolDoc } from '../data/patrols';
import { chinaTime } from '../platform/time';

function routeOf(p: PatrolDoc): string {
  const passed = p.route.map((s) => s.buildingName);
  if (passed.length > 0) return passed.join(' → ');
  if (p.plannedBuildings.length > 0) return `计划：${p.plannedBuildings.map((b) => b.name).join('、')}`;
  return p.routeNote ?? '未记录路线';
}

export async function caseSourceView(c: Pick<CaseDoc, 'source'>): Promise<StaffCaseView['source']> {
  if (c.source?.kind !== 'patrol') return null;
  const patrol = await getPatrol(c.source.patrolId);
  if (!patrol) return null;
  return { kind: 'patrol', patrolId: patrol._id, volunteerName: patrol.volunteerName, startedAt: chinaTime(patrol.startedAt), route: routeOf(patrol) };
}
