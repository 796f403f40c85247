/** `visitRules` (issue 11): a station's next-visit rules per tag, `_id` = the station id. Read by id only. */
import { collections, getById, putById } from './db';

export interface VisitRulesDoc {
  _id: string;
  rules: { tag: string; days: number }[];
  pairedDays: number;
  updatedAt: Date;
  updatedById: string;
  updatedByName: string;
}

export const getVisitRules = (stationId: string) => getById<VisitRulesDoc>(collections.visitRules, stationId);
export const putVisitRules = (doc: VisitRulesDoc) => putById(collections.visitRules, doc);
