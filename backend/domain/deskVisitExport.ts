/**
 * The desk's visit export (issue 12): visits made in the period in scope, newest first, one row each
 * with the household's place (building, unit, room) but not its people: no names, no phones.
 */
import { visitMethodLabels } from '../../types/roster';
import { householdsByIds, type HouseholdDoc } from '../data/households';
import { deskVisitPage, type VisitDoc } from '../data/visits';
import { toCsv, type CsvColumn } from '../platform/csv';
import { chinaTime, inChina } from '../platform/time';
import { encodeCursor, parseCursor } from './cursor';
import { placeNarrowing, type DeskPlaces } from './deskScope';
import type { Organisation } from './organisation';

/** One part of a desk export: the CSV, its data rows, and where the next part starts (null: none). */
export interface ExportPart {
  csv: string;
  rows: number;
  nextCursor: string | null;
}

type Row = VisitDoc & { household: HouseholdDoc | null };

function columns(org: Organisation, gridName: (id: string) => string): CsvColumn<Row>[] {
  const date = (d: Date | null) => (d ? inChina(d).format('YYYY-MM-DD') : '');
  return [
    { header: '走访时间', value: (v) => chinaTime(v.at) },
    { header: '社区', value: (v) => org.community(v.communityId)?.name ?? '' },
    { header: '网格', value: (v) => gridName(v.gridId) },
    { header: '楼栋', value: (v) => v.household?.buildingName ?? '' },
    { header: '单元', value: (v) => v.household?.unit ?? '' },
    { header: '房号', value: (v) => v.household?.room ?? '' },
    { header: '方式', value: (v) => visitMethodLabels[v.method] ?? v.method },
    { header: '走访人', value: (v) => v.visitors },
    { header: '发现情况', value: (v) => v.found },
    { header: '需要帮助', value: (v) => v.helpNeeded ?? '' },
    { header: '转求助案件', value: (v) => v.caseId ?? '' },
    { header: '应访日期', value: (v) => date(v.dueAt) },
    { header: '记录人', value: (v) => v.loggedByName },
  ];
}

/** Visits per part: one household read (≤ 1000 ids) per part. */
export const VISIT_PART_ROWS = 500;

export async function visitExportPart(
  stationId: string, places: DeskPlaces, from: Date, to: Date, cursor: string | undefined, org: Organisation, gridName: (id: string) => string,
): Promise<ExportPart> {
  const maxRows = VISIT_PART_ROWS;
  const page = await deskVisitPage(stationId, placeNarrowing(places), from, to, { after: parseCursor(cursor), limit: maxRows + 1 });
  const visits = page.slice(0, maxRows);
  const households = new Map((await householdsByIds([...new Set(visits.map((v) => v.householdId))])).map((h) => [h._id, h]));
  const last = visits[visits.length - 1];
  return {
    csv: toCsv(columns(org, gridName), visits.map((v) => ({ ...v, household: households.get(v.householdId) ?? null }))),
    rows: visits.length,
    nextCursor: page.length > maxRows && last ? encodeCursor(last.at, last._id) : null,
  };
}
