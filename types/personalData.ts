/**
 * The resident's rights over their data (PIPL): "我的信息" shows and exports what the app holds about
 * the caller, and deletes the account. Both actions are `session.*`.
 */
import { z } from './zod';
import { caseKindSchema, caseStatusSchema } from './case';
import { isoDateTime } from './common';
import { DELETE_ACCOUNT_WORD } from './limits';
import { roleSchema } from './user';

export const myDataInput = z.object({}).strict();

/** One thing I wrote on a case: its description, added information, reasons, my rating's comment. */
const myWords = z.object({ at: isoDateTime, what: z.string(), text: z.string() });

export const myDataCase = z.object({
  id: z.string(),
  /** I reported it, or joined it with "我也遇到了". */
  role: z.enum(['reporter', 'joiner']),
  kind: caseKindSchema,
  status: caseStatusSchema,
  title: z.string(),
  communityName: z.string(),
  createdAt: isoDateTime,
  /** Reporter only: whether my name was hidden from staff, and the call-back number I left. */
  anonymous: z.boolean().nullable(),
  phone: z.string().nullable(),
  /** What I wrote on it (answers to the form, added information, reasons). */
  answers: z.array(myWords),
});

export const myDataOutput = z.object({
  exportedAt: isoDateTime,
  account: z.object({
    roles: z.array(roleSchema),
    createdAt: isoDateTime,
    privacyVersion: z.string().nullable(),
    privacyConsentAt: isoDateTime.nullable(),
  }),
  binding: z.object({ communityName: z.string().nullable(), buildingName: z.string().nullable(), unit: z.string().nullable() }),
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }),
  cases: z.array(myDataCase),
  ratings: z.array(z.object({ caseId: z.string(), title: z.string(), satisfaction: z.number(), safety: z.number(), comment: z.string().nullable(), at: isoDateTime })),
  notifications: z.array(z.object({ title: z.string(), body: z.string(), createdAt: isoDateTime, read: z.boolean() })),
  /** Subscribe-message grants I gave (template ids and how often). */
  subscriptions: z.array(z.object({ templateId: z.string(), grants: z.number().int(), lastGrantedAt: isoDateTime })),
  /** My answers to the monthly surveys, newest first, with the questions' wording. */
  surveyAnswers: z.array(z.object({ month: z.string(), title: z.string(), answeredAt: isoDateTime, items: z.array(z.object({ question: z.string(), answer: z.string() })) })),
});
export type MyDataOutput = z.infer<typeof myDataOutput>;


export const deleteAccountInput = z
  .object({ confirm: z.literal(DELETE_ACCOUNT_WORD, { error: `请输入“${DELETE_ACCOUNT_WORD}”确认注销` }) })
  .strict();
export const deleteAccountOutput = z.object({
  deleted: z.literal(true),
  /** How many of my cases stay, without my name, for the station's statistics. */
  casesAnonymised: z.number().int(),
});
