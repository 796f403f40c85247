/**
 * The demo station's 和苑家人 patrols (issue 11), written through backend/data: the patrols the content
 * generates (content/patrols.ts), each with its team, its route in words, its findings text as the
 * closing note and, when it found something, the finding's report case (already written with the cases).
 */
import { insertOrReplaceMany } from '../../backend/data/bulkWrite';
import type { CaseDoc } from '../../backend/data/cases';
import type { PatrolDoc } from '../../backend/data/patrols';
import { inChina } from '../../backend/platform/time';
import type { SeedContent } from './content/model';

export function patrolDocuments(content: SeedContent, cases: CaseDoc[]): PatrolDoc[] {
  const caseById = new Map(cases.map((c) => [c._id, c]));
  const nameOf = (openid: string) => content.people.find((p) => p.openid === openid)?.name ?? '志愿者';
  return content.patrols.map((p) => {
    const community = content.communities.find((c) => c.id === p.communityId);
    const found = p.caseId ? caseById.get(p.caseId) : undefined;
    const findings = found && found.category
      ? [{ caseId: found._id, category: found.category, buildingName: found.buildingName, description: found.description.slice(0, 100), at: found.createdAt }]
      : [];
    return {
      _id: p.id,
      stationId: content.station.id,
      communityId: p.communityId,
      communityName: community?.name ?? '',
      volunteerId: p.leaderOpenid,
      volunteerName: nameOf(p.leaderOpenid),
      memberIds: p.volunteerOpenids,
      status: 'ended',
      startedAt: p.startedAt,
      endedAt: p.endedAt,
      month: inChina(p.startedAt).format('YYYY-MM'),
      plannedBuildings: [],
      route: [],
      points: [],
      findings,
      findingCount: findings.length,
      endNote: p.findings,
      routeNote: p.route,
      version: 0,
      createdAt: p.startedAt,
    };
  });
}

/** Writes them; answers how many. */
export async function writePatrols(content: SeedContent, cases: CaseDoc[]): Promise<number> {
  const docs = patrolDocuments(content, cases);
  await insertOrReplaceMany('patrols', docs);
  return docs.length;
}
