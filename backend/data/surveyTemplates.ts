/**
 * `surveyTemplates`: the station's survey templates; one is `active` (the monthly timer uses it).
 * Indexes: station_updated (the admin's list), station_active (the timer).
 */
import type { SurveyQuestion } from '../../types/survey';
import { coll, collections, docsOf, getById, putById, rt } from './db';

export interface SurveyTemplateDoc {
  _id: string;
  stationId: string;
  name: string;
  active: boolean;
  questions: SurveyQuestion[];
  createdAt: Date;
  updatedAt: Date;
}

export const getTemplate = (id: string) => getById<SurveyTemplateDoc>(collections.surveyTemplates, id);
export const putTemplate = (doc: SurveyTemplateDoc) => putById(collections.surveyTemplates, doc);

/** A station keeps a handful of templates; 50 is a generous bound. */
export async function templatesOfStation(stationId: string): Promise<SurveyTemplateDoc[]> {
  return docsOf<SurveyTemplateDoc>(await rt(() => coll(collections.surveyTemplates).where({ stationId }).orderBy('updatedAt', 'desc').limit(50).get()));
}

/** The active templates of several stations (one each), for the monthly timer: one round trip. */
export async function activeTemplates(stationIds: string[]): Promise<SurveyTemplateDoc[]> {
  if (stationIds.length === 0) return [];
  const _ = coll(collections.surveyTemplates);
  const rows = await Promise.all(stationIds.map((stationId) => rt(() => _.where({ stationId, active: true }).limit(1).get())));
  return rows.flatMap((r) => docsOf<SurveyTemplateDoc>(r));
}

/** Saving one as active deactivates the station's others (a handful of documents, one write). */
export async function deactivateOthers(stationId: string, keepId: string): Promise<void> {
  const rows = await templatesOfStation(stationId);
  const others = rows.filter((t) => t.active && t._id !== keepId);
  await Promise.all(others.map((t) => rt(() => coll(collections.surveyTemplates).doc(t._id).update({ data: { active: false } }))));
}
