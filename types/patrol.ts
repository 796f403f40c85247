/** The `patrols` function (issue 11): 和苑家人 volunteers walk their community and report what they find. */
import { z } from './zod';
import { docId, fileId, isoDateTime, mapPoint, pageInput } from './common';
import { clientRequestId, reportCategorySchema } from './case';
import { maxPhotos, patrolLimits, textLimits } from './limits';
import { patrolStatuses } from './enums';

export const patrolStatusSchema = z.enum(patrolStatuses);

const buildingRef = z.object({ id: docId, name: z.string() });

/** A finding recorded on the way: it became the report case `caseId`. */
export const patrolFindingView = z.object({
  caseId: docId,
  category: reportCategorySchema,
  buildingName: z.string().nullable(),
  description: z.string(),
  at: isoDateTime,
});
export type PatrolFindingView = z.infer<typeof patrolFindingView>;

export const patrolSummary = z.object({
  id: docId,
  communityId: docId,
  communityName: z.string(),
  volunteerName: z.string(),
  status: patrolStatusSchema,
  startedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
  /** The buildings passed, in order, as one line ("3号楼—5号楼"), or the seed's route text. */
  routeText: z.string(),
  buildingCount: z.number().int(),
  findingCount: z.number().int(),
});
export type PatrolSummary = z.infer<typeof patrolSummary>;

export const patrolView = patrolSummary.extend({
  plannedBuildings: z.array(buildingRef),
  route: z.array(z.object({ buildingId: docId, buildingName: z.string(), at: isoDateTime })),
  pointCount: z.number().int(),
  findings: z.array(patrolFindingView),
  endNote: z.string().nullable(),
  /** The caller is the volunteer who walks it (may record, pass, end). */
  mine: z.boolean(),
});
export type PatrolView = z.infer<typeof patrolView>;

const patrolRef = { patrolId: docId };

export const startPatrolInput = z
  .object({ clientRequestId, buildingIds: z.array(docId).max(patrolLimits.buildings).default([]) })
  .strict();
export const startPatrolOutput = z.object({ patrol: patrolView, resumed: z.boolean() });

export const passBuildingInput = z.object({ ...patrolRef, buildingId: docId, point: mapPoint.optional() }).strict();
export const patrolOutput = z.object({ patrol: patrolView });

export const addFindingInput = z
  .object({
    ...patrolRef,
    clientRequestId,
    category: reportCategorySchema,
    description: z.string().trim().min(textLimits.caseDescription.min).max(textLimits.caseDescription.max),
    buildingId: docId,
    unit: z.string().trim().min(textLimits.unit.min).max(textLimits.unit.max).optional(),
    photos: z.array(fileId).max(maxPhotos).default([]),
  })
  .strict();
export const addFindingOutput = z.object({ patrol: patrolView, caseId: docId, duplicate: z.boolean() });

export const endPatrolInput = z
  .object({ ...patrolRef, endNote: z.string().trim().max(patrolLimits.endNote.max).optional() })
  .strict();
export const endPatrolOutput = z.object({ patrol: patrolView, alreadyEnded: z.boolean() });

export const getPatrolInput = z.object(patrolRef).strict();

export const listMyPatrolsInput = pageInput.strict();
export const listMyPatrolsOutput = z.object({
  /** My running patrol, if any (the page resumes it). */
  active: patrolSummary.nullable(),
  items: z.array(patrolSummary),
  nextCursor: z.string().nullable(),
});

export const listCommunityPatrolsInput = pageInput.extend({ communityId: docId.optional() }).strict();
export const listCommunityPatrolsOutput = z.object({
  communityId: docId,
  items: z.array(patrolSummary),
  nextCursor: z.string().nullable(),
});
