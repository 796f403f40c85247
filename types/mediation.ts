/**
 * The `mediations` function (issue 9): tiers as a workflow, participants and access, sessions,
 * outcome and agreement, follow-up, the one-month limit, the success rate and legal advice.
 * A mediation is a case (`kind: 'mediation'`; legal advice is a `help` case of type 法律咨询): the
 * case page keeps showing it through `cases.get`, and `mediations.get` adds what only mediation has.
 * Enum values and labels for pages live in ./enums (zod-free).
 */
import { z } from './zod';
import { docId, fileId, isoDateTime, pageInput, pageOf, phone } from './common';
import {
  agreementConfirmations, caseKinds, caseStatuses, mediationOutcomes, mediationSessionStatuses, mediationStages, mediationTiers,
  mediationTypes, mediationViewerRoles,
} from './enums';

export {
  agreementConfirmations, agreementConfirmationLabels, mediationSessionStatuses, mediationSessionStatusLabels, mediationStages,
  mediationStageLabels, mediationViewerRoles, mediationStaffRoles,
} from './enums';
export type { AgreementConfirmation, MediationSessionStatus, MediationStage, MediationViewerRole } from './enums';

const tierSchema = z.enum(mediationTiers);
const outcomeSchema = z.enum(mediationOutcomes);
const caseRef = { caseId: docId };
const reason = z.string().trim().min(2).max(300);
const shortText = (max: number) => z.string().trim().min(1).max(max);

// ---- views ----
/** A party to the dispute. `phone` is masked (138****5678) everywhere but `mediations.partyContacts`. */
export const partyView = z.object({ name: z.string(), relation: z.string(), phone: z.string().nullable() });
export type PartyView = z.infer<typeof partyView>;

export const mediatorView = z.object({ name: z.string(), title: z.string(), isMe: z.boolean() });

export const referralView = z.object({ body: z.string(), contact: z.string(), date: isoDateTime });

export const sessionView = z.object({
  id: z.string(),
  at: isoDateTime,
  place: z.string(),
  attendees: z.array(z.string()),
  status: z.enum(mediationSessionStatuses),
  notes: z.string().nullable(),
  proposals: z.string().nullable(),
  recordedAt: isoDateTime.nullable(),
});
export type SessionView = z.infer<typeof sessionView>;

export const agreementView = z.object({
  terms: z.string(),
  /** The signed paper (photo or PDF); `url` is a temporary link. */
  file: z.object({ fileId: z.string(), url: z.string().nullable() }).nullable(),
  confirmation: z.object({ by: z.enum(agreementConfirmations), at: isoDateTime }).nullable(),
});

export const mediationView = z.object({
  caseId: docId,
  kind: z.enum(caseKinds),
  status: z.enum(caseStatuses),
  title: z.string(),
  viewerRole: z.enum(mediationViewerRoles),
  /** Null for a legal-advice help request. */
  mediationType: z.enum(mediationTypes).nullable(),
  tier: tierSchema.nullable(),
  stage: z.enum(mediationStages),
  parties: z.array(partyView),
  /** Who leads now: the grid's officer at 警民联调, the judicial mediator from 专业助调 on. */
  handler: z.object({ name: z.string(), title: z.string() }).nullable(),
  mediators: z.array(mediatorView),
  referral: referralView.nullable(),
  sessions: z.array(sessionView),
  outcome: outcomeSchema.nullable(),
  /** Where a `referred` mediation went (court, department). */
  referredTo: z.string().nullable(),
  /** Terms and signed paper: parties and the case's staff only (this view is only theirs). */
  agreement: agreementView.nullable(),
  followUp: z
    .object({ dueAt: isoDateTime, due: z.boolean(), done: z.object({ at: isoDateTime, honoured: z.boolean(), note: z.string() }).nullable() })
    .nullable(),
  /** The one-month limit while the mediation is open; `daysLeft` < 0 when past it. */
  deadline: z.object({ at: isoDateTime, daysLeft: z.number().int(), extensions: z.number().int() }).nullable(),
  legalAdvice: z.object({ advisorName: z.string().nullable(), answer: z.string().nullable() }).nullable(),
  can: z.object({
    assignMediators: z.boolean(),
    setParties: z.boolean(),
    escalate: z.boolean(),
    scheduleSession: z.boolean(),
    recordSession: z.boolean(),
    recordOutcome: z.boolean(),
    confirmAgreement: z.boolean(),
    attachAgreement: z.boolean(),
    recordFollowUp: z.boolean(),
    extendDeadline: z.boolean(),
    viewContacts: z.boolean(),
    routeLegalAdvice: z.boolean(),
    answerLegalAdvice: z.boolean(),
  }),
});
export type MediationView = z.infer<typeof mediationView>;
export const mediationOutput = z.object({ mediation: mediationView });

/** A row on the workbench. */
export const mediationItem = z.object({
  caseId: docId,
  kind: z.enum(caseKinds),
  title: z.string(),
  status: z.enum(caseStatuses),
  tier: tierSchema.nullable(),
  stage: z.enum(mediationStages),
  /** Masked names of the parties ("刘**"), for a list. */
  partiesLabel: z.string(),
  daysLeft: z.number().int().nullable(),
  nextSessionAt: isoDateTime.nullable(),
  followUpDueAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type MediationItem = z.infer<typeof mediationItem>;

// ---- actions ----
export const getMediationInput = z.object(caseRef).strict();

/**
 * `open` keeps the rows still needing the caller (stage active or follow_up_due); it filters within
 * a page of listings, so a page may hold fewer than `pageSize` rows — follow `nextCursor`.
 */
export const listMyMediationsInput = pageInput.extend({ filter: z.enum(['open', 'all']).default('open') }).strict();
export const listMyMediationsOutput = pageOf(mediationItem);

export const mediatorOptionsInput = z.object(caseRef).strict();
export const mediatorOptionsOutput = z.object({
  /** Community mediators of the case's community (id = their user id, to pass to assignMediators). */
  community: z.array(z.object({ id: docId, name: z.string(), title: z.string(), assigned: z.boolean() })),
  judicial: z.object({ name: z.string(), title: z.string() }).nullable(),
});

export const assignMediatorsInput = z.object({ ...caseRef, mediatorIds: z.array(docId).min(1).max(5) }).strict();

export const partyInput = z
  .object({ name: shortText(20), relation: shortText(20), phone: phone.optional() })
  .strict();
export const setPartiesInput = z.object({ ...caseRef, parties: z.array(partyInput).min(2).max(6) }).strict();

export const escalateInput = z.discriminatedUnion('toTier', [
  z.object({ ...caseRef, toTier: z.literal('professional'), reason }).strict(),
  z
    .object({
      ...caseRef,
      toTier: z.literal('joint_office'),
      reason,
      /** The receiving body (街道综治中心 / 司法所), a contact there and the date handed over. */
      referral: z.object({ body: shortText(40), contact: shortText(40), date: isoDateTime }).strict(),
    })
    .strict(),
]);

export const scheduleSessionInput = z
  .object({ ...caseRef, at: isoDateTime, place: shortText(60), attendees: z.array(shortText(20)).min(1).max(12) })
  .strict();
export const recordSessionInput = z
  .object({ ...caseRef, sessionId: z.string().trim().min(1).max(32), notes: shortText(2000), proposals: z.string().trim().max(1000).optional() })
  .strict();

export const recordOutcomeInput = z
  .object({
    ...caseRef,
    outcome: outcomeSchema,
    /** What happened, for the timeline (the resident reads it). */
    summary: z.string().trim().min(2).max(500),
    /** Required for `referred`: the court or department. */
    referredTo: shortText(40).optional(),
    /** Required for `success`. */
    agreement: z
      .object({ terms: z.string().trim().min(2).max(2000), fileId: fileId.optional(), signedOnPaper: z.boolean().default(false) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((o) => o.outcome !== 'referred' || !!o.referredTo, { error: '请填写移交的法院或部门', path: ['referredTo'] })
  .refine((o) => o.outcome !== 'success' || !!o.agreement, { error: '调解成功请填写调解协议内容', path: ['agreement'] });

export const confirmAgreementInput = z.object(caseRef).strict();

/** After the outcome: the photo / PDF of the signed paper, and/or that the parties signed it on paper. */
export const attachAgreementInput = z
  .object({ ...caseRef, fileId: fileId.optional(), signedOnPaper: z.boolean().default(false) })
  .strict()
  .refine((o) => !!o.fileId || o.signedOnPaper, { error: '请上传签字协议或确认已签署书面协议', path: ['fileId'] });

export const recordFollowUpInput = z
  .object({ ...caseRef, honoured: z.boolean(), note: z.string().trim().min(2).max(500), reopen: z.boolean().default(false) })
  .strict()
  .refine((o) => !o.reopen || !o.honoured, { error: '协议正在履行，无需重新调解', path: ['reopen'] });

export const extendDeadlineInput = z.object({ ...caseRef, days: z.number().int().min(1).max(30), reason }).strict();

export const partyContactsInput = z.object(caseRef).strict();
export const partyContactsOutput = z.object({ parties: z.array(partyView) });

export const contactReadsInput = pageInput.strict();
export const contactReadItem = z.object({ caseId: docId, caseTitle: z.string(), readerName: z.string(), at: isoDateTime });
export const contactReadsOutput = pageOf(contactReadItem);

export const routeLegalAdviceInput = z.object({ ...caseRef, note: z.string().trim().max(300).optional() }).strict();
export const answerLegalAdviceInput = z.object({ ...caseRef, answer: z.string().trim().min(2).max(2000) }).strict();

export const statsInput = z
  .object({ from: isoDateTime, to: isoDateTime })
  .strict()
  .refine((o) => new Date(o.from) < new Date(o.to), { error: '开始时间应早于结束时间', path: ['from'] })
  .refine((o) => new Date(o.to).getTime() - new Date(o.from).getTime() <= 366 * 86_400_000, { error: '统计区间最长一年', path: ['to'] });

export const statsBucket = z.object({
  closed: z.number().int(),
  success: z.number().int(),
  failed: z.number().int(),
  referred: z.number().int(),
  /** success / (success + failed + referred); null when nothing closed. */
  successRate: z.number().nullable(),
  medianDaysToClose: z.number().nullable(),
});
export type StatsBucket = z.infer<typeof statsBucket>;
export const statsOutput = z.object({
  from: isoDateTime,
  to: isoDateTime,
  /** true: only the caller's own mediations (a community mediator). */
  ownOnly: z.boolean(),
  overall: statsBucket,
  byTier: z.array(statsBucket.extend({ tier: tierSchema })),
  byMediator: z.array(statsBucket.extend({ name: z.string(), isMe: z.boolean() })),
  byCommunity: z.array(statsBucket.extend({ communityId: docId, communityName: z.string() })),
});
export type StatsOutput = z.infer<typeof statsOutput>;
