/**
 * A new case document and its announcement, whoever brings the case in: a resident's form
 * (caseResident.createCase) or the city's 12345 platform (open311.ts). One place decides the
 * initial status, derived flags, sweep time and routing fields, so every source starts the same way.
 */
import type { BuildingDoc } from '../data/buildings';
import type { CasePhoto, CaseDoc, CaseSource, HelpFacts, MediationFacts, TimelineDoc } from '../data/cases';
import type { CommunityDoc } from '../data/communities';
import type { ReportCategory } from '../../types/case';
import { derivedFlags, nextSweepAt } from './caseLifecycle';
import { toAssignee } from './caseNotifications';
import { caseTitle } from './caseViews';
import { notifyAll } from './notifier';
import type { Route } from './routing';

export interface NewCase {
  id: string;
  /** 受理编号 (domain/caseNumbers.ts), assigned before the case is written. */
  caseNo?: string;
  clientRequestId: string;
  kind: CaseDoc['kind'];
  category: ReportCategory | null;
  help: HelpFacts | null;
  mediation: MediationFacts | null;
  community: CommunityDoc;
  building: BuildingDoc | null;
  unit: string | null;
  point: CaseDoc['point'];
  route: Route;
  reporter: { id: string; name: string | null; phone: string | null; anonymous: boolean };
  description: string;
  urgent: boolean;
  photos: CasePhoto[];
  /** The `created` timeline entry (who brought the case in, as history shows it). */
  created: TimelineDoc;
  now: Date;
  /** Where the case came from when not a resident's own form (a patrol finding). */
  source?: CaseSource;
}

export function newCaseDoc(p: NewCase): CaseDoc {
  const facts = { kind: p.kind, category: p.category, help: p.help, mediation: p.mediation, buildingName: p.building?.name ?? null };
  const flags = derivedFlags('submitted', p.urgent, p.now);
  return {
    _id: p.id,
    ...(p.caseNo ? { caseNo: p.caseNo } : {}),
    ...facts,
    status: 'submitted',
    clientRequestId: p.clientRequestId,
    stationId: p.community.stationId,
    communityId: p.community._id,
    communityName: p.community.name,
    buildingId: p.building?._id ?? null,
    unit: p.unit,
    point: p.point,
    gridId: p.route.gridId,
    gridName: p.route.gridName,
    assigneeId: p.route.assigneeId,
    assigneeName: p.route.assigneeName,
    assigneeTitle: p.route.assigneeTitle,
    reporterId: p.reporter.id,
    anonymous: p.reporter.anonymous,
    reporterName: p.reporter.anonymous ? null : p.reporter.name,
    reporterPhone: p.reporter.phone,
    title: caseTitle(facts),
    description: p.description,
    urgent: p.urgent,
    photos: p.photos,
    timeline: [p.created],
    supporterCount: 0,
    ...flags,
    staffUnread: true,
    rating: null,
    createdAt: p.now,
    updatedAt: p.now,
    version: 0,
    sweepAt: nextSweepAt({ status: 'submitted', ...flags, mediation: p.mediation }),
    mediationClosedAt: null,
    ...(p.source ? { source: p.source } : {}),
  };
}

/** Tells whoever must act (the grid's officer, or the station standing in for a missing one). */
export async function announceNewCase(doc: CaseDoc, route: Route, now: Date): Promise<void> {
  await notifyAll(toAssignee(doc, doc.timeline[0]!, route.viaStation ? '新案件（网格暂无民警）' : '新案件'), now);
}
