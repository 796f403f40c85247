/**
 * The `roster` function (issue 11): the grid's households (结对帮扶 and the vulnerable), their visits,
 * the next-visit rules per tag, and visits done vs due. For the grid's officer, its grid workers and
 * the station admin.
 */
import { z } from './zod';
import { docId, isoDateTime, pageInput, pageOf, phone } from './common';
import { clientRequestId } from './case';
import { rosterTextLimits, visitMethods } from './rosterLimits';

export { presetHouseholdTags, visitMethods, visitMethodLabels, rosterTextLimits, type VisitMethod } from './rosterLimits';

/** A tag: one of the presets (独居, 困难, 残疾, 重点关注) or a free one the grid uses. */
export const householdTag = z.string().trim().min(1).max(rosterTextLimits.tag.max);

export const householdRow = z.object({
  id: docId,
  gridId: docId,
  gridName: z.string(),
  buildingId: docId,
  buildingName: z.string(),
  unit: z.string(),
  room: z.string(),
  headName: z.string(),
  /** How neighbours call them (邢奶奶). */
  callName: z.string().nullable(),
  members: z.number().int(),
  tags: z.array(z.string()),
  /** Masked in every list and on the record: 138****5678 (the full number: `roster.revealContact`). */
  phoneMasked: z.string().nullable(),
  /** 结对帮扶: the officer paired with this household. */
  pairedOfficerName: z.string().nullable(),
  pairedWithMe: z.boolean(),
  visitIntervalDays: z.number().int().nullable(),
  lastVisitAt: isoDateTime.nullable(),
  nextVisitDue: isoDateTime.nullable(),
  /** Days past the due date (0 = due today); null when not due yet or no rule applies. */
  overdueDays: z.number().int().nullable(),
});
export type HouseholdRow = z.infer<typeof householdRow>;

export const visitView = z.object({
  id: docId,
  householdId: docId,
  at: isoDateTime,
  method: z.enum(visitMethods),
  /** Who went (names as written, e.g. 周建军、马丽娜). */
  visitors: z.string(),
  found: z.string(),
  helpNeeded: z.string().nullable(),
  /** The help case opened from this visit ("一键发起求助"). */
  caseId: docId.nullable(),
  loggedByName: z.string(),
});
export type VisitView = z.infer<typeof visitView>;

export const householdRecord = householdRow.extend({
  note: z.string(),
  communityName: z.string(),
  recentVisits: z.array(visitView),
});
export type HouseholdRecord = z.infer<typeof householdRecord>;

export const rosterGrid = z.object({
  id: docId,
  name: z.string(),
  communityId: docId,
  communityName: z.string(),
  /** issue 11: the grid's officer, whom a household may be paired with (结对帮扶); null when the grid has none. */
  officerName: z.string().nullable().default(null),
});

export const rosterListInput = pageInput
  .extend({
    /** The grid to list; default the caller's first grid. */
    gridId: docId.optional(),
    buildingId: docId.optional(),
    /** A name or its beginning (邢, 邢奶奶, 邢桂珍). */
    name: z.string().trim().min(1).max(rosterTextLimits.nameSearch.max).optional(),
    tag: householdTag.optional(),
  })
  .strict();
export const rosterListOutput = pageOf(householdRow).extend({
  grid: rosterGrid,
  /** The grids the caller may open (chips on the page). */
  grids: z.array(rosterGrid),
  buildings: z.array(z.object({ id: docId, name: z.string() })),
  /** The caller's own paired households (结对帮扶), on the first page only. */
  paired: z.array(householdRow),
});

export const getHouseholdInput = z.object({ householdId: docId }).strict();
export const getHouseholdOutput = householdRecord;

export const revealContactInput = z.object({ householdId: docId }).strict();
export const revealContactOutput = z.object({ phone: z.string().nullable() });

export const logVisitInput = z
  .object({
    householdId: docId,
    clientRequestId,
    /** When the visit took place (not in the future); default now. */
    at: isoDateTime.optional(),
    method: z.enum(visitMethods),
    visitors: z.string().trim().min(rosterTextLimits.visitors.min).max(rosterTextLimits.visitors.max),
    found: z.string().trim().min(rosterTextLimits.found.min).max(rosterTextLimits.found.max),
    helpNeeded: z.string().trim().min(rosterTextLimits.helpNeeded.min).max(rosterTextLimits.helpNeeded.max).optional(),
    /** "一键发起求助": open a help case for the household from what the visit found. */
    openHelpCase: z.boolean().default(false),
    urgent: z.boolean().default(false),
  })
  .strict()
  .refine((v) => !v.openHelpCase || v.helpNeeded !== undefined, { error: '发起求助时请填写需要的帮助', path: ['helpNeeded'] });
export const logVisitOutput = z.object({ visit: visitView, household: householdRow, duplicate: z.boolean() });

export const dueVisitsInput = pageInput.extend({ gridId: docId.optional() }).strict();
export const dueVisitsOutput = pageOf(householdRow).extend({ grid: rosterGrid, grids: z.array(rosterGrid) });

export const visitRule = z.object({ tag: householdTag, days: z.number().int().min(1).max(365) });
export const visitRulesView = z.object({
  rules: z.array(visitRule),
  /** The officer's paired household (结对帮扶). */
  pairedDays: z.number().int().min(1).max(365),
  updatedAt: isoDateTime.nullable(),
  updatedByName: z.string().nullable(),
});
export type VisitRulesView = z.infer<typeof visitRulesView>;

export const visitRulesInput = z.object({}).strict();
export const visitRulesOutput = visitRulesView;
export const setVisitRulesInput = z
  .object({ rules: z.array(visitRule).max(20), pairedDays: z.number().int().min(1).max(365) })
  .strict()
  .refine((v) => new Set(v.rules.map((r) => r.tag)).size === v.rules.length, { error: '每个标签只能设置一条规则', path: ['rules'] });
export const setVisitRulesOutput = visitRulesView;

/** Visits done vs due per grid in one calendar month (China time), for the station desk. */
export const visitStatsInput = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 2026-11' }) }).strict();
export const visitStatsOutput = z.object({
  month: z.string(),
  grids: z.array(z.object({ gridId: docId, gridName: z.string(), done: z.number().int(), due: z.number().int(), dueMet: z.number().int() })),
});
export type VisitStatsOutput = z.infer<typeof visitStatsOutput>;


// issue 11: households added and edited in the app (the grid's officer, its grid workers, the admin)
const L = rosterTextLimits;
const householdFields = {
  /** A building of a grid the caller works; the household belongs to that building's grid. */
  buildingId: docId,
  unit: z.string().trim().min(L.unit.min, { error: '请填写单元，如 1单元' }).max(L.unit.max, { error: `单元最多 ${L.unit.max} 个字` }),
  room: z.string().trim().min(L.room.min, { error: '请填写门牌号，如 301' }).max(L.room.max, { error: `门牌号最多 ${L.room.max} 个字` }),
  headName: z.string().trim().min(L.headName.min, { error: '请填写户主姓名' }).max(L.headName.max, { error: `户主姓名最多 ${L.headName.max} 个字` }),
  /** How neighbours call them (邢奶奶); null: none. */
  callName: z.string().trim().min(L.callName.min, { error: '称呼不能为空' }).max(L.callName.max, { error: `称呼最多 ${L.callName.max} 个字` }).nullable(),
  members: z.number().int().min(L.members.min, { error: '家庭人数至少 1 人' }).max(L.members.max, { error: `家庭人数最多 ${L.members.max} 人` }),
  /** The full number; null: none. Lists and the record show it masked. */
  phone: phone.nullable(),
  tags: z
    .array(householdTag)
    .max(L.tags.max, { error: `标签最多 ${L.tags.max} 个` })
    .refine((tags) => new Set(tags).size === tags.length, { error: '标签不能重复' }),
  note: z.string().trim().max(L.note.max, { error: `备注最多 ${L.note.max} 个字` }),
  /** Paired with the grid's officer (结对帮扶), or not. */
  paired: z.boolean(),
};
export const addHouseholdInput = z
  .object({
    clientRequestId,
    ...householdFields,
    callName: householdFields.callName.default(null),
    phone: householdFields.phone.default(null),
    tags: householdFields.tags.default([]),
    note: householdFields.note.default(''),
    paired: householdFields.paired.default(false),
  })
  .strict();
/** Only what changes: an absent field stays as it is (the phone too: the form never holds the full number). */
export const editHouseholdInput = z
  .object({ householdId: docId, ...householdFields })
  .partial()
  .required({ householdId: true })
  .strict();
export const saveHouseholdOutput = z.object({ household: householdRow, duplicate: z.boolean() });
