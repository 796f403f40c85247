/** People, roles and the `session` function's contracts. */
import { z } from './zod';
import { docId, isoDateTime, phone } from './common';
import { dutyPhonePattern, inviteCodePattern, textLimits } from './limits';
import { buildingView, communitySummary } from './community';
import { roles, staffRoles } from './enums';

export { roles, roleLabels, staffRoles, caseHandlerRoles, type Role, type StaffRole } from './enums';
export const roleSchema = z.enum(roles);
export const staffRoleSchema = z.enum(staffRoles);

/** What a resident sees about their grid's officer ("有困难找老周"). */
export const officerCard = z.object({
  name: z.string(),
  title: z.string(),
  photo: z.object({ fileId: z.string(), url: z.string().nullable() }).nullable(),
  dutyHours: z.string(),
  /** Duty phone; shown in full because the card exists to be called. */
  phone: z.string(),
  /** true when the grid has no officer and the station answers instead. */
  isStationFallback: z.boolean(),
});
export type OfficerCard = z.infer<typeof officerCard>;

export const subscribeTemplateIds = z.object({
  /** Ask for these when a resident submits a case (status updates, rating reminders). */
  onSubmit: z.array(z.string()).max(5),
  /** Ask for these when staff open the inbox (new case, overdue). */
  onOpenInbox: z.array(z.string()).max(5),
  /** issue 10: ask for these when a resident taps "下月问卷提醒" (optional only so older fixtures still parse). */
  onSurveyReminder: z.array(z.string()).max(5).optional(),
});
export type SubscribeTemplateIds = z.infer<typeof subscribeTemplateIds>;

/** The station behind the app, as the pages name it: nothing station-specific is built into the pages. */
export const stationInfo = z.object({
  name: z.string(),
  shortName: z.string(),
  /** The volunteer team's name (和苑家人); null when the station has none. */
  volunteerBrand: z.string().nullable(),
  hotline: z.string(),
});
export type StationInfo = z.infer<typeof stationInfo>;

export const whoamiInput = z.object({}).strict();
export const whoamiOutput = z.object({
  /** false before the first consent: the page shows the privacy step. */
  registered: z.boolean(),
  roles: z.array(roleSchema),
  name: z.string().nullable(),
  privacyConsented: z.boolean(),
  privacyVersion: z.string().nullable(),
  /**
   * The guide version currently in force (types/privacy.ts PRIVACY_VERSION); when it differs from
   * `privacyVersion` the page may ask again. Optional only so older fixtures still parse.
   */
  currentPrivacyVersion: z.string().optional(),
  community: communitySummary.nullable(),
  building: z.object({ id: docId, name: z.string() }).nullable(),
  unit: z.string().nullable(),
  grid: z.object({ id: docId, name: z.string() }).nullable(),
  officer: officerCard.nullable(),
  /** Staff only: the grids whose cases reach this person. */
  staffGrids: z.array(z.object({ id: docId, name: z.string(), communityId: docId })),
  subscribeTemplates: subscribeTemplateIds,
  /**
   * The caller's station (before joining: the only station of the organisation), null when none is
   * set up yet. Optional only so older fixtures still parse.
   */
  station: stationInfo.nullable().optional(),
  /** issue 14: a phone is on record (the help form's call back can use it). Optional for older fixtures. */
  hasPhone: z.boolean().optional(),
});
export type WhoamiOutput = z.infer<typeof whoamiOutput>;

export const listCommunitiesInput = z.object({ communityId: docId.optional() }).strict();
export const listCommunitiesOutput = z.object({
  communities: z.array(communitySummary),
  /** Buildings (with units) of `communityId` when one was asked for; otherwise empty. */
  buildings: z.array(buildingView),
});

export const bindCommunityInput = z
  .object({
    communityId: docId,
    buildingId: docId.optional(),
    unit: z.string().trim().min(textLimits.unit.min).max(textLimits.unit.max).optional(),
    name: z.string().trim().min(textLimits.personName.min).max(textLimits.personName.max).optional(),
    phone: phone.optional(),
  })
  .strict();
export const bindCommunityOutput = whoamiOutput;

export const consentPrivacyInput = z.object({ version: z.string().trim().min(1).max(20) }).strict();
export const consentPrivacyOutput = z.object({ privacyConsented: z.literal(true), consentedAt: isoDateTime });

export const inviteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(inviteCodePattern, { error: '邀请码应为 6–12 位字母或数字' });

export const redeemInviteInput = z.object({ code: inviteCode }).strict();
export const redeemInviteOutput = z.object({ roles: z.array(roleSchema), granted: staffRoleSchema });

export const issueInviteInput = z
  .object({
    role: staffRoleSchema,
    /** For officers: the grid they will own. */
    gridId: docId.optional(),
    communityId: docId.optional(),
    /** The staff member's name as residents will see it. */
    name: z.string().trim().min(textLimits.personName.min).max(textLimits.personName.max),
    title: z.string().trim().min(textLimits.staffTitle.min).max(textLimits.staffTitle.max).optional(),
    dutyHours: z.string().trim().min(textLimits.dutyHours.min).max(textLimits.dutyHours.max).optional(),
    phone: z.string().trim().regex(dutyPhonePattern, { error: '值班电话格式不正确' }).optional(),
    validDays: z.number().int().min(1).max(30).default(7),
  })
  .strict();
export const issueInviteOutput = z.object({
  code: z.string(),
  expiresAt: isoDateTime,
  /** The mini-program code (wxacode.getUnlimited) opening the redeem page with scene = code; null if it could not be made. */
  qr: z.object({ fileId: z.string(), url: z.string() }).nullable().optional(),
});
