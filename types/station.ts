/**
 * The station desk (issue 12): the dashboard, exports, the organisation (grids, staff, invites) and
 * the audit log — the `station` function's contracts.
 */
import { z } from './zod';
import { docId, isoDateTime, pageInput, pageOf } from './common';
import { caseKinds, mediationTiers, staffRoles } from './enums';
import { statsBucket } from './mediation';
import { auditActions } from './stationLabels';

const range = { from: isoDateTime, to: isoDateTime };

function checkedRange<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((o) => new Date(o.from) < new Date(o.to), { error: '开始时间应早于结束时间', path: ['from'] })
    .refine((o) => new Date(o.to).getTime() - new Date(o.from).getTime() <= 366 * 86_400_000, { error: '统计区间最长一年', path: ['to'] });
}

/** Narrow the numbers to one community, grid or officer (at most one; an officer is always limited to their own grids). */
const scopeFilter = { communityId: docId.optional(), gridId: docId.optional(), officerId: docId.optional() };

export const dashboardInput = checkedRange(z.object({ ...range, ...scopeFilter }).strict());

/** Median and 90th percentile of a duration; null when there is nothing to measure. */
export const durationStats = z.object({ n: z.number().int(), median: z.number().nullable(), p90: z.number().nullable() });
export type DurationStats = z.infer<typeof durationStats>;

/** A 12345-style rate: numerator / denominator, null when the denominator is 0. */
export const rateOf = z.object({ numerator: z.number().int(), denominator: z.number().int(), rate: z.number().nullable() });
export type RateOf = z.infer<typeof rateOf>;

export const casesSection = z.object({
  total: z.number().int(),
  byKind: z.array(z.object({ kind: z.enum(caseKinds), count: z.number().int() })),
  /** `category`: a report category, a help type or a mediation type, per `kind`. */
  byCategory: z.array(z.object({ kind: z.enum(caseKinds), category: z.string(), count: z.number().int() })),
  byCommunity: z.array(z.object({ communityId: z.string(), communityName: z.string(), count: z.number().int() })),
  /** Minutes from submission to acceptance. */
  acceptMinutes: durationStats,
  /** Hours from submission to resolution. */
  resolveHours: durationStats,
  /** 响应率: accepted within the service level (30 min urgent, 24 h others). */
  responseRate: rateOf,
  /** 解决率: resolved (or closed after resolution) among cases handled to an end. */
  resolutionRate: rateOf,
  /** 满意率: rated 4 or 5 for satisfaction among rated cases. */
  satisfactionRate: rateOf,
});
export type CasesSection = z.infer<typeof casesSection>;

export const nearLimitItem = z.object({
  caseId: docId, title: z.string(), communityName: z.string(), tier: z.enum(mediationTiers), deadlineAt: isoDateTime, daysLeft: z.number().int(),
});
export const mediationsSection = z.object({
  overall: statsBucket,
  byTier: z.array(statsBucket.extend({ tier: z.enum(mediationTiers) })),
  /** Open mediations whose one-month limit is within the reminder window (or past), soonest first. */
  nearLimit: z.array(nearLimitItem),
});
export type MediationsSection = z.infer<typeof mediationsSection>;

const scoreStats = z.object({
  average: z.number().nullable(),
  /** Counts of the scores 1..5 (index 0 = score 1). */
  distribution: z.array(z.number().int()).length(5),
});
export const ratingsSection = z.object({
  /** Resolved or closed cases the resident could rate. */
  rateable: z.number().int(),
  rated: z.number().int(),
  unratedShare: z.number().nullable(),
  satisfaction: scoreStats,
  safety: scoreStats,
});
export type RatingsSection = z.infer<typeof ratingsSection>;

/** Survey answers against verified members (issue 10's monthly survey), and the month-over-month trend. */
export const surveysSection = z.object({
  /** The China months the period touches (`YYYY-MM`). */
  months: z.array(z.string()),
  /** Verified members (群内认证) of the communities in scope, as of now. */
  members: z.number().int(),
  /** Answers to the published surveys of those months. */
  answers: z.number().int(),
  /** answers ÷ the verified members of each survey's community, summed over the period's surveys. */
  answerRate: rateOf,
  byCommunity: z.array(z.object({
    communityId: z.string(), communityName: z.string(), members: z.number().int(), surveys: z.number().int(), answers: z.number().int(), answerRate: rateOf,
  })),
  /** Per month (oldest first, from the first month with a survey): answers, answer rate, average satisfaction and sense of safety (1–5). */
  trend: z.array(z.object({
    month: z.string(), answers: z.number().int(), answerRate: z.number().nullable(), satisfaction: z.number().nullable(), safety: z.number().nullable(),
  })),
});
export type SurveysSection = z.infer<typeof surveysSection>;

const visitCounts = { done: z.number().int(), due: z.number().int(), dueMet: z.number().int() };
/** Household visits (走访): made in the period vs due dates that fell in it (answered or still open), per grid. */
export const visitsSection = z.object({
  ...visitCounts,
  byGrid: z.array(z.object({ gridId: z.string(), gridName: z.string(), communityName: z.string(), ...visitCounts })),
});
export type VisitsSection = z.infer<typeof visitsSection>;

const patrolCounts = { patrols: z.number().int(), findings: z.number().int() };
/** Volunteer patrols started in the period and the findings they reported, per community and per month. */
export const patrolsSection = z.object({
  ...patrolCounts,
  byCommunity: z.array(z.object({ communityId: z.string(), communityName: z.string(), ...patrolCounts })),
  byMonth: z.array(z.object({ month: z.string(), ...patrolCounts })),
});
export type PatrolsSection = z.infer<typeof patrolsSection>;

/** One object per section; a new section is added here and in backend/domain/dashboardSections.ts. */
export const dashboardSections = z.object({
  cases: casesSection,
  mediations: mediationsSection,
  ratings: ratingsSection,
  surveys: surveysSection,
  visits: visitsSection,
  patrols: patrolsSection,
});

export const dashboardOutput = z.object({
  from: isoDateTime,
  to: isoDateTime,
  /** What the numbers cover: the filter applied, and whether the caller is limited to their own grids. */
  scope: z.object({ communityId: z.string().nullable(), gridId: z.string().nullable(), officerId: z.string().nullable(), ownGridsOnly: z.boolean() }),
  serviceLevels: z.object({ urgentAcceptMinutes: z.number(), normalAcceptHours: z.number(), mediationLimitDays: z.number() }),
  sections: dashboardSections,
});
export type DashboardOutput = z.infer<typeof dashboardOutput>;

/** issue 12 (d2): visits and survey answers besides cases and the mediation register. */
export const exportKinds = ['cases', 'mediations', 'visits', 'survey_answers'] as const;
export type ExportKind = (typeof exportKinds)[number];

export const exportInput = checkedRange(
  z.object({
    kind: z.enum(exportKinds),
    ...range,
    ...scopeFilter,
    /** Full phone numbers (station admin only; every such export is in the audit log). */
    fullPhones: z.boolean().default(false),
    /** Continue a long export: the `nextCursor` of the previous part. */
    cursor: z.string().max(200).optional(),
    part: z.number().int().min(1).max(100).default(1),
  }).strict(),
);
export const exportOutput = z.object({
  fileId: z.string(),
  url: z.string(),
  expiresAt: isoDateTime,
  fileName: z.string(),
  rows: z.number().int(),
  part: z.number().int(),
  /** Non-null: more rows follow; call again with it and `part + 1`. */
  nextCursor: z.string().nullable(),
});
export type ExportOutput = z.infer<typeof exportOutput>;

export const organisationInput = z.object({}).strict();
export const inviteItem = z.object({
  code: z.string(), role: z.enum(staffRoles), name: z.string(), title: z.string(), gridId: z.string().nullable(), gridName: z.string().nullable(),
  status: z.enum(['active', 'used', 'revoked', 'expired']), expiresAt: isoDateTime, createdAt: isoDateTime,
});
export const organisationOutput = z.object({
  station: z.object({ id: z.string(), name: z.string(), auditRetentionDays: z.number().int() }),
  communities: z.array(z.object({
    id: z.string(), name: z.string(),
    grids: z.array(z.object({
      id: z.string(), name: z.string(), officerId: z.string().nullable(), officerName: z.string().nullable(),
      buildings: z.array(z.object({ id: z.string(), name: z.string() })),
    })),
  })),
  staff: z.array(z.object({
    id: z.string(), name: z.string(), title: z.string(), roles: z.array(z.enum(staffRoles)), phone: z.string(), gridNames: z.array(z.string()),
  })),
  invites: z.array(inviteItem),
});
export type OrganisationOutput = z.infer<typeof organisationOutput>;

export const revokeInviteInput = z.object({ code: z.string().trim().toUpperCase().min(6).max(12) }).strict();
export const revokeInviteOutput = z.object({ code: z.string(), status: z.literal('revoked') });

export const removeRoleInput = z.object({ userId: docId, role: z.enum(staffRoles) }).strict();
export const removeRoleOutput = z.object({ userId: z.string(), roles: z.array(z.string()) });

export const moveGridInput = z.object({ gridId: docId, officerId: docId }).strict();
export const moveGridOutput = z.object({ gridId: z.string(), officerName: z.string(), movedCases: z.number().int() });

export { auditActions, auditActionLabels, type AuditActionName } from './stationLabels';

export const auditLogInput = pageInput
  .extend({ action: z.enum(auditActions).optional(), actorId: docId.optional(), from: isoDateTime.optional(), to: isoDateTime.optional() })
  .strict()
  .refine((o) => !(o.action && o.actorId), { error: '操作类型和操作人只能选一项筛选', path: ['actorId'] });
export const auditItem = z.object({
  id: z.string(), action: z.enum(auditActions), at: isoDateTime, actorName: z.string(), detail: z.string(),
  target: z.object({ kind: z.string(), id: z.string().nullable(), label: z.string() }).nullable(),
});
export const auditLogOutput = pageOf(auditItem);

export const setAuditRetentionInput = z.object({ days: z.number().int().min(30).max(3650) }).strict();
export const setAuditRetentionOutput = z.object({ auditRetentionDays: z.number().int() });
