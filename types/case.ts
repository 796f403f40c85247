/** The `cases` function: one collection, one lifecycle, three kinds. */
import { z } from './zod';
import { docId, fileId, isoDateTime, mapPoint, pageInput, pageOf, phone, photoView } from './common';
import { caseNoPattern, maxPhotos, textLimits } from './limits';
import {
  actorKindSchema, caseKindSchema, caseStatusSchema, helpTypeSchema, mediationOutcomeSchema, mediationTierSchema,
  mediationTypeSchema, noteVisibilitySchema, reportCategorySchema, timelineTypeSchema, urgencySchema,
} from './caseEnums';

export * from './caseEnums';

/** A client-made id (e.g. a UUID) kept with the draft, so a retried submit never creates a second case. */
export const clientRequestId = z.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确，请重新提交' });

/** Where the problem is: a building (and unit) of my community, or a point on the map, or both. */
export const caseLocationInput = z
  .object({
    buildingId: docId.optional(),
    unit: z.string().trim().min(textLimits.unit.min).max(textLimits.unit.max).optional(),
    point: mapPoint.optional(),
  })
  .strict()
  .refine((l) => l.buildingId !== undefined || l.point !== undefined, {
    error: '请选择楼栋或在地图上选择位置',
    path: ['buildingId'],
  });

const description = z.string().trim().min(textLimits.caseDescription.min).max(textLimits.caseDescription.max);
const photos = z.array(fileId).max(maxPhotos).default([]);

const createCommon = {
  clientRequestId,
  description,
  photos,
  location: caseLocationInput,
};

export const createReportInput = z
  .object({ kind: z.literal('report'), category: reportCategorySchema, anonymous: z.boolean().default(false), ...createCommon })
  .strict();
export const createHelpInput = z
  .object({
    kind: z.literal('help'),
    helpType: helpTypeSchema,
    urgency: urgencySchema,
    callbackAllowed: z.boolean(),
    /** Call-back number; falls back to the one in my profile. */
    phone: phone.optional(),
    ...createCommon,
  })
  .strict();
export const createMediationInput = z
  .object({
    kind: z.literal('mediation'),
    mediationType: mediationTypeSchema,
    otherParty: z.string().trim().min(textLimits.otherParty.min).max(textLimits.otherParty.max),
    wants: z.string().trim().min(textLimits.wants.min).max(textLimits.wants.max),
    ...createCommon,
  })
  .strict();
export const createCaseInput = z.discriminatedUnion('kind', [createReportInput, createHelpInput, createMediationInput]);
export type CreateCaseInput = z.input<typeof createCaseInput>;

/** Kind-specific facts of a case, as every viewer sees them. */
export const caseDetail = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('report'), category: reportCategorySchema, anonymous: z.boolean() }),
  z.object({ kind: z.literal('help'), helpType: helpTypeSchema, urgency: urgencySchema, callbackAllowed: z.boolean() }),
  z.object({
    kind: z.literal('mediation'),
    mediationType: mediationTypeSchema,
    otherParty: z.string(),
    wants: z.string(),
    tier: mediationTierSchema,
    outcome: mediationOutcomeSchema.nullable(),
    agreement: z.string().nullable(),
  }),
]);
export type CaseDetail = z.infer<typeof caseDetail>;

export const timelineEntry = z.object({
  id: z.string(),
  at: isoDateTime,
  type: timelineTypeSchema,
  actor: z.object({ kind: actorKindSchema, name: z.string() }),
  fromStatus: caseStatusSchema.nullable(),
  toStatus: caseStatusSchema.nullable(),
  text: z.string().nullable(),
  /** Only staff ever receive `internal` entries. */
  visibility: z.enum(['public', 'internal']),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const rating = z.object({
  satisfaction: z.number().int().min(1).max(5),
  safety: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  at: isoDateTime,
});
export type Rating = z.infer<typeof rating>;

export const caseLocationView = z.object({
  communityName: z.string(),
  buildingId: docId.nullable(),
  buildingName: z.string().nullable(),
  unit: z.string().nullable(),
  point: mapPoint.nullable(),
});

/** A row in "my cases" or the staff inbox. */
export const caseSummary = z.object({
  id: docId,
  kind: caseKindSchema,
  status: caseStatusSchema,
  title: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Something happened since this viewer last opened the case. */
  unread: z.boolean(),
  /** Still waiting to be accepted after its service-level deadline. */
  overdue: z.boolean(),
  urgent: z.boolean(),
  /** 受理编号, e.g. HY-20261130-0042; null on cases filed before numbers existed. */
  caseNo: z.string().nullable(),
  /** The start of what was written, to tell rows with the same title apart. */
  snippet: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

const caseViewCommon = {
  id: docId,
  caseNo: z.string().nullable(),
  kind: caseKindSchema,
  status: caseStatusSchema,
  title: z.string(),
  description: z.string(),
  detail: caseDetail,
  location: caseLocationView,
  photos: z.array(photoView),
  timeline: z.array(timelineEntry),
  rating: rating.nullable(),
  supporterCount: z.number().int(),
  /** Everyone who reported it: the reporter and those who joined. */
  peopleCount: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
};

export const residentCaseView = z.object({
  viewer: z.literal('resident'),
  ...caseViewCommon,
  /** false when I joined someone else's report ("我也遇到了"). */
  isReporter: z.boolean(),
  /** The promise made to the resident ("紧急求助 30 分钟内受理") and how it stands. */
  serviceLevel: z.object({
    promise: z.string(),
    /** While waiting to be accepted: the deadline. */
    dueAt: isoDateTime.nullable(),
    /** When it was accepted (the promise met, or late). */
    acceptedAt: isoDateTime.nullable(),
  }),
  /** Why I cannot rate it now (null when I can, or when rating is not the question yet). */
  rateRefusal: z.string().nullable(),
  handler: z.object({ name: z.string(), title: z.string() }).nullable(),
  can: z.object({ addInfo: z.boolean(), withdraw: z.boolean(), reopen: z.boolean(), rate: z.boolean() }),
});
export type ResidentCaseView = z.infer<typeof residentCaseView>;

/** The reporter as staff may see them: an anonymous reporter is never identified. */
export const reporterView = z.discriminatedUnion('anonymous', [
  z.object({ anonymous: z.literal(true) }),
  z.object({
    anonymous: z.literal(false),
    name: z.string(),
    /** Present only when the resident allowed a call back. */
    phone: z.string().nullable(),
  }),
]);
export type ReporterView = z.infer<typeof reporterView>;

export const staffCaseView = z.object({
  viewer: z.literal('staff'),
  ...caseViewCommon,
  reporter: reporterView,
  grid: z.object({ id: docId, name: z.string() }),
  assignee: z.object({ name: z.string(), isMe: z.boolean() }).nullable(),
  slaDueAt: isoDateTime.nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  /** issue 11: where the case came from when it is not a resident's own form (巡逻发现); null otherwise. */
  source: z
    .object({
      kind: z.literal('patrol'),
      patrolId: docId,
      /** The volunteer who started the patrol, as the station knows them. */
      volunteerName: z.string(),
      /** The patrol's start, China time (YYYY-MM-DD HH:mm). */
      startedAt: z.string(),
      /** Buildings passed in order; else the planned ones; else the route in words. */
      route: z.string(),
    })
    .nullable(),
  /** issue 11: grid workers helping on the case (协办), and what this viewer may do about helpers and pressing. */
  work: z.object({
    helpers: z.array(z.object({ id: docId, name: z.string() })),
    /** The grid's officer or the admin: add and remove helpers. */
    manageHelpers: z.boolean(),
    /** The station admin on an overdue case assigned to someone else (督办). */
    press: z.boolean(),
    /** Already pressed today (the press is once per case and day). */
    pressedToday: z.boolean(),
  }),
  can: z.object({
    accept: z.boolean(),
    note: z.boolean(),
    startProgress: z.boolean(),
    resolve: z.boolean(),
    reject: z.boolean(),
    transfer: z.boolean(),
  }),
});
export type StaffCaseView = z.infer<typeof staffCaseView>;

export const caseView = z.discriminatedUnion('viewer', [residentCaseView, staffCaseView]);
export type CaseView = z.infer<typeof caseView>;

// ---- resident actions ----
export const createCaseOutput = z.object({ case: residentCaseView, duplicate: z.boolean() });

export const findSimilarInput = z.object({ category: reportCategorySchema, buildingId: docId }).strict();
export const similarCase = z.object({
  id: docId,
  category: reportCategorySchema,
  buildingName: z.string(),
  status: caseStatusSchema,
  createdAt: isoDateTime,
  supporterCount: z.number().int(),
  /** Everyone who reported it: the reporter and those who joined. */
  peopleCount: z.number().int(),
});
export type SimilarCase = z.infer<typeof similarCase>;
export const findSimilarOutput = z.object({ items: z.array(similarCase) });

const caseRef = z.object({ caseId: docId }).strict();
/** Joining may add what I saw: my own words and photos, kept on the case as my contribution. */
export const joinSimilarInput = z
  .object({
    caseId: docId,
    text: z.string().trim().max(textLimits.addInfo.max).optional(),
    photos,
  })
  .strict();
export const joinSimilarOutput = z.object({ case: residentCaseView, alreadyJoined: z.boolean() });

export const listMineInput = pageInput.extend({ filter: z.enum(['all', 'open', 'done']).default('all') }).strict();
export const listMineOutput = pageOf(caseSummary);

export const getCaseInput = z.object({ caseId: docId, as: z.enum(['resident', 'staff']).optional() }).strict();
export const getCaseOutput = caseView;

export const addInfoInput = z
  .object({ caseId: docId, text: z.string().trim().min(textLimits.addInfo.min).max(textLimits.addInfo.max), photos })
  .strict();
export const withdrawInput = z.object({ caseId: docId, reason: z.string().trim().max(textLimits.withdrawReason.max).optional() }).strict();
export const reopenInput = z.object({ caseId: docId, reason: z.string().trim().min(textLimits.reopenReason.min).max(textLimits.reopenReason.max) }).strict();
export const rateInput = z
  .object({
    caseId: docId,
    satisfaction: z.number().int().min(1).max(5),
    safety: z.number().int().min(1).max(5),
    comment: z.string().trim().max(textLimits.rateComment.max).optional(),
  })
  .strict();
export const residentCaseOutput = z.object({ case: residentCaseView });

// ---- staff actions ----
export const inboxInput = pageInput
  .extend({
    filter: z.enum(['open', 'all']).default('open'),
    /** Find one case by its 受理编号 (case-insensitive, e.g. hy-20261130-0042). */
    caseNo: z.string().trim().toUpperCase().regex(caseNoPattern, { error: '受理编号格式应如 HY-20261130-0042' }).optional(),
  })
  .strict();
export const inboxItem = caseSummary.extend({
  gridName: z.string(),
  buildingName: z.string().nullable(),
  /** Never the name of an anonymous reporter. */
  reporterLabel: z.string(),
  slaDueAt: isoDateTime.nullable(),
  escalated: z.boolean(),
  /** issue 11: the admin pressed the assignee today (督办). */
  pressed: z.boolean().optional(),
});
export type InboxItem = z.infer<typeof inboxItem>;
export const inboxOutput = z.object({
  /** Overdue cases waiting for acceptance in the viewer's scope, oldest deadline first (first page only, at most 20). */
  overdue: z.array(inboxItem),
  /** Every overdue case of the viewer's scope (the section's count); 0 after the first page. */
  overdueCount: z.number().int(),
  /** Whose cases these are: assigned to me (officer), + the station's escalated ones (admin), my grid's (grid worker). */
  scope: z.enum(['assigned', 'station', 'grid']),
  /** The rest, never repeating an overdue one: 待办 by deadline (urgent first), 全部 newest first. */
  items: z.array(inboxItem),
  nextCursor: z.string().nullable(),
});

export const acceptInput = caseRef;
export const noteInput = z
  // issue 11: a note stays internal unless the officer chooses "让居民看到".
  .object({ caseId: docId, text: z.string().trim().min(textLimits.note.min).max(textLimits.note.max), visibility: noteVisibilitySchema.default('internal') })
  .strict();
export const startProgressInput = z.object({ caseId: docId, text: z.string().trim().max(textLimits.startProgress.max).optional() }).strict();
export const resolveInput = z
  .object({
    caseId: docId,
    whatWasDone: z.string().trim().min(textLimits.whatWasDone.min).max(textLimits.whatWasDone.max),
    /** Required for mediations. */
    mediation: z
      .object({
        outcome: mediationOutcomeSchema,
        tier: mediationTierSchema.optional(),
        agreement: z.string().trim().max(textLimits.mediationAgreement.max).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export const rejectInput = z.object({ caseId: docId, reason: z.string().trim().min(textLimits.staffReason.min).max(textLimits.staffReason.max) }).strict();
export const transferInput = z
  .object({ caseId: docId, toGridId: docId, reason: z.string().trim().min(textLimits.staffReason.min).max(textLimits.staffReason.max) })
  .strict();
export const staffCaseOutput = z.object({ case: staffCaseView });

export const transferTargetsInput = z.object({}).strict();
export const transferTargetsOutput = z.object({
  /** officerName null: the grid has no officer and the station (its admin) receives the case. */
  grids: z.array(z.object({ id: docId, name: z.string(), communityName: z.string(), officerName: z.string().nullable() })),
});

// ---- issue 11: grid worker helpers (协办) and pressing an overdue case (督办) ----
export const helperInput = z.object({ caseId: docId, helperId: docId }).strict();
export const helperOptionsInput = caseRef;
export const helperOptionsOutput = z.object({
  /** The grid workers of the case's grid. */
  workers: z.array(z.object({ id: docId, name: z.string(), isHelper: z.boolean() })),
});
export const pressInput = z
  .object({ caseId: docId, text: z.string().trim().max(textLimits.staffReason.max).optional() })
  .strict();
export const pressOutput = z.object({ case: staffCaseView, alreadyPressed: z.boolean() });
