/**
 * The zod schemas of every enum of a case. The values, their types and their Chinese labels live in
 * ./enums (zod-free, for pages) and are re-exported here so existing imports keep working.
 */
import { z } from './zod';
import {
  actorKinds, caseKinds, caseStatuses, helpTypes, mediationOutcomes, mediationTiers, mediationTypes,
  noteVisibilities, reportCategories, timelineTypes, urgencies,
} from './enums';

export {
  caseKinds, caseKindLabels, caseStatuses, caseStatusLabels, openCaseStatuses, awaitingAcceptStatuses,
  reportCategories, reportCategoryLabels, helpTypes, helpTypeLabels, urgencies, urgencyLabels,
  mediationTypes, mediationTypeLabels, mediationTiers, mediationTierLabels, mediationOutcomes, mediationOutcomeLabels,
  noteVisibilities, noteVisibilityLabels, timelineTypes, timelineTypeLabels, actorKinds,
} from './enums';
export type {
  CaseKind, CaseStatus, ReportCategory, HelpType, Urgency, MediationType, MediationTier, MediationOutcome,
  NoteVisibility, TimelineType, ActorKind,
} from './enums';

export const caseKindSchema = z.enum(caseKinds);
export const caseStatusSchema = z.enum(caseStatuses);
export const reportCategorySchema = z.enum(reportCategories);
export const helpTypeSchema = z.enum(helpTypes);
export const urgencySchema = z.enum(urgencies);
export const mediationTypeSchema = z.enum(mediationTypes);
export const mediationTierSchema = z.enum(mediationTiers);
export const mediationOutcomeSchema = z.enum(mediationOutcomes);
export const noteVisibilitySchema = z.enum(noteVisibilities);
export const timelineTypeSchema = z.enum(timelineTypes);
export const actorKindSchema = z.enum(actorKinds);
