/**
 * The `surveys` function (issue 10): the monthly opinion survey of each community (每月征求一次群众意见建议).
 * The station keeps templates; a timer creates each community's survey of the month from the active
 * one (draft); the officer may add a local question, publishes and shares it into the group as a
 * live card; residents answer once; staff see aggregates only (answers are anonymous to them).
 */
import { z } from './zod';
import { docId, isoDateTime } from './common';
import { surveyLimits } from './limits';

export { surveyLimits } from './limits';

export const surveyQuestionTypes = ['single', 'multiple', 'rating', 'text'] as const;
export type SurveyQuestionType = (typeof surveyQuestionTypes)[number];
export const surveyQuestionTypeLabels: Record<SurveyQuestionType, string> = {
  single: '单选题',
  multiple: '多选题',
  rating: '评分题（1-5分）',
  text: '简答题',
};

/** Rating questions the station follows month over month (the trend chart). */
export const surveyTopics = ['satisfaction', 'safety'] as const;
export type SurveyTopic = (typeof surveyTopics)[number];
export const surveyTopicLabels: Record<SurveyTopic, string> = { satisfaction: '满意度', safety: '安全感' };

export const surveyStatuses = ['draft', 'published', 'closed'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];
export const surveyStatusLabels: Record<SurveyStatus, string> = { draft: '待发布', published: '进行中', closed: '已结束' };

/** "YYYY-MM" in China time. */
export const surveyMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });

const questionTitle = z.string().trim().min(surveyLimits.questionTitle.min).max(surveyLimits.questionTitle.max);
const optionText = z.string().trim().min(surveyLimits.option.min).max(surveyLimits.option.max);
const options = z.array(optionText).min(2, { error: '每道选择题至少需要 2 个选项' }).max(surveyLimits.maxOptions, { error: `每道选择题最多 ${surveyLimits.maxOptions} 个选项` });
const questionId = z.string().trim().min(1).max(20).regex(/^[A-Za-z0-9_-]+$/, { error: '题目编号只能包含字母、数字、下划线' });

const questionBase = { id: questionId, title: questionTitle, required: z.boolean().default(true) };

export const surveyQuestion = z.discriminatedUnion('type', [
  z.object({ ...questionBase, type: z.literal('single'), options }).strict(),
  z.object({ ...questionBase, type: z.literal('multiple'), options }).strict(),
  z.object({ ...questionBase, type: z.literal('rating'), topic: z.enum(surveyTopics).nullable().default(null) }).strict(),
  z.object({ ...questionBase, type: z.literal('text') }).strict(),
]);
export type SurveyQuestion = z.output<typeof surveyQuestion>;
export type SurveyQuestionInput = z.input<typeof surveyQuestion>;

const questionList = z
  .array(surveyQuestion)
  .min(1, { error: '问卷至少需要 1 道题' })
  .max(surveyLimits.maxQuestions, { error: `问卷最多 ${surveyLimits.maxQuestions} 道题` })
  .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, { error: '题目编号不能重复' });

// ---- templates (station admin) ----

export const surveyTemplate = z.object({
  id: docId,
  name: z.string(),
  /** The one template the monthly timer uses. */
  active: z.boolean(),
  questions: z.array(surveyQuestion),
  updatedAt: isoDateTime,
});
export type SurveyTemplate = z.infer<typeof surveyTemplate>;

export const listTemplatesInput = z.object({}).strict();
export const listTemplatesOutput = z.object({ items: z.array(surveyTemplate) });

export const saveTemplateInput = z
  .object({
    /** Absent: a new template. */
    templateId: docId.optional(),
    templateName: z.string().trim().min(surveyLimits.templateName.min).max(surveyLimits.templateName.max),
    active: z.boolean().default(false),
    questions: questionList,
  })
  .strict();
export const saveTemplateOutput = surveyTemplate;

// ---- a survey, as staff see it ----

export const surveyCard = z.object({
  /** The live card's activity id is bound to a group once the officer opened it there. */
  groupBound: z.boolean(),
  /** Cards shared so far (each share of an updatable message has its own activity id). */
  shares: z.number().int(),
  /** The number the card shows (answers), as last pushed to WeChat. */
  shownCount: z.number().int(),
  ended: z.boolean(),
});

export const surveySummary = z.object({
  id: docId,
  communityId: docId,
  communityName: z.string(),
  month: surveyMonth,
  title: z.string(),
  status: z.enum(surveyStatuses),
  questionCount: z.number().int(),
  answerCount: z.number().int(),
  publishedAt: isoDateTime.nullable(),
  closesAt: isoDateTime,
});
export type SurveySummary = z.infer<typeof surveySummary>;

export const surveyStaffView = surveySummary.extend({
  intro: z.string(),
  questions: z.array(surveyQuestion),
  /** Ids of questions the officer added (a local matter); only in draft, at most `surveyLimits.maxLocalQuestions`. */
  localQuestionIds: z.array(z.string()),
  card: surveyCard,
  can: z.object({ addLocalQuestion: z.boolean(), publish: z.boolean(), share: z.boolean(), results: z.boolean(), exportCsv: z.boolean() }),
});
export type SurveyStaffView = z.infer<typeof surveyStaffView>;

export const listForStaffInput = z.object({ communityId: docId.optional(), limit: z.number().int().min(1).max(24).default(12) }).strict();
export const listForStaffOutput = z.object({ items: z.array(surveySummary) });

export const surveyIdInput = z.object({ surveyId: docId }).strict();
export const getSurveyInput = surveyIdInput;
export const getSurveyOutput = surveyStaffView;

/** The officer adds a question about a local matter; its id is made by the backend. */
export const addLocalQuestionInput = z.object({ surveyId: docId, question: z.discriminatedUnion('type', [
  z.object({ type: z.literal('single'), title: questionTitle, required: z.boolean().default(false), options }).strict(),
  z.object({ type: z.literal('multiple'), title: questionTitle, required: z.boolean().default(false), options }).strict(),
  z.object({ type: z.literal('rating'), title: questionTitle, required: z.boolean().default(false) }).strict(),
  z.object({ type: z.literal('text'), title: questionTitle, required: z.boolean().default(false) }).strict(),
]) }).strict();
export const addLocalQuestionOutput = surveyStaffView;

export const publishSurveyInput = surveyIdInput;
export const publishSurveyOutput = surveyStaffView;

/**
 * What the page passes to `wx.updateShareMenu({ withShareTicket: true, isUpdatableMessage: true,
 * activityId, toDoActivityId, templateInfo })` before the officer shares the card.
 */
export const shareCardInput = surveyIdInput;
export const shareCardOutput = z.object({
  activityId: z.string(),
  /** Same activity as a group to-do (群待办, base library ≥ 2.17.3); null where not offered. */
  toDoActivityId: z.string().nullable(),
  expiresAt: isoDateTime,
  templateInfo: z.object({ parameterList: z.array(z.object({ name: z.string(), value: z.string() })) }),
  title: z.string(),
  /** The resident's answer page with the survey id (the card opens it). */
  path: z.string(),
});
export type ShareCard = z.infer<typeof shareCardOutput>;

// ---- group arrival (wx.getGroupEnterInfo → CloudID → { opengid }) ----

export { GROUP_INFO_FIELD } from './openData';

export const bindGroupInput = surveyIdInput;
export const bindGroupOutput = z.object({ communityId: docId, communityName: z.string(), alreadyBound: z.boolean() });

export const arriveInput = surveyIdInput;
export const arriveOutput = z.object({
  /** The group the card was opened from is bound to this survey's community. */
  fromCommunityGroup: z.boolean(),
  /** The caller is now (or already was) a verified member of the community they are bound to. */
  verified: z.boolean(),
  communityId: docId.nullable(),
});

// ---- results (aggregates only) ----

export const questionResult = z.object({
  questionId: z.string(),
  type: z.enum(surveyQuestionTypes),
  title: z.string(),
  topic: z.enum(surveyTopics).nullable(),
  /** People who answered this question. */
  answered: z.number().int(),
  /** Choices: per option, count and percentage of `answered` (0–100, one decimal). */
  options: z.array(z.object({ label: z.string(), count: z.number().int(), percent: z.number() })),
  /** Ratings: count per score 1..5 and the average (one decimal, null without answers). */
  distribution: z.array(z.object({ score: z.number().int(), count: z.number().int(), percent: z.number() })),
  average: z.number().nullable(),
  /** Texts: the answers without names, newest first (≤ 200). */
  texts: z.array(z.string()),
});
export type QuestionResult = z.infer<typeof questionResult>;

export const surveyResults = z.object({
  surveyId: docId,
  answerCount: z.number().int(),
  /** Verified members of the community; the rate is answers / members (percent, null without members). */
  memberCount: z.number().int(),
  answerRate: z.number().nullable(),
  questions: z.array(questionResult),
});
export type SurveyResults = z.infer<typeof surveyResults>;

// ---- residents ----

export const surveyAnswerItem = z.object({
  questionId: questionId,
  /** single: one index; multiple: the chosen indexes. */
  choices: z.array(z.number().int().min(0).max(surveyLimits.maxOptions - 1)).max(surveyLimits.maxOptions).optional(),
  rating: z.number().int().min(1, { error: '评分应在 1 到 5 分之间' }).max(5, { error: '评分应在 1 到 5 分之间' }).optional(),
  text: z.string().trim().max(surveyLimits.answerText.max).optional(),
}).strict();
export type SurveyAnswerItem = z.infer<typeof surveyAnswerItem>;

export const surveyResidentView = z.object({
  id: docId,
  month: surveyMonth,
  title: z.string(),
  intro: z.string(),
  status: z.enum(surveyStatuses),
  closesAt: isoDateTime,
  questions: z.array(surveyQuestion),
  answerCount: z.number().int(),
  myAnswer: z.object({ items: z.array(surveyAnswerItem), answeredAt: isoDateTime }).nullable(),
  /** The published summary, shown after answering (or once closed). */
  summary: surveyResults.nullable(),
  /** The caller may answer: a verified member of the community, not yet answered, survey open. */
  canAnswer: z.boolean(),
  /**
   * The caller is a verified member of the survey's community (arrived from its WeChat group, or
   * approved by its officer); only they may answer. Optional only so older fixtures still parse.
   */
  verified: z.boolean().optional(),
  /** The caller asked for "下月问卷提醒" and it is still waiting. Optional only so older fixtures still parse. */
  remindNext: z.boolean().optional(),
});
export type SurveyResidentView = z.infer<typeof surveyResidentView>;

export const currentInput = z.object({}).strict();
export const currentOutput = z.object({ survey: surveyResidentView.nullable() });

export const getForMeInput = surveyIdInput;
export const getForMeOutput = surveyResidentView;

export const answerInput = z.object({ surveyId: docId, items: z.array(surveyAnswerItem).max(surveyLimits.maxQuestions + surveyLimits.maxLocalQuestions) }).strict();
export const answerOutput = z.object({ alreadyAnswered: z.boolean(), survey: surveyResidentView });

export const trendPoint = z.object({ month: surveyMonth, satisfaction: z.number().nullable(), safety: z.number().nullable(), answers: z.number().int() });
export type TrendPoint = z.infer<typeof trendPoint>;

export const resultsInput = surveyIdInput;
export const resultsOutput = surveyResults.extend({
  survey: surveySummary,
  /** Up to 12 months ending with this survey's, oldest first: average rating of each topic. */
  trend: z.array(trendPoint),
});
export type SurveyResultsView = z.infer<typeof resultsOutput>;

export const exportCsvInput = surveyIdInput;
export const exportCsvOutput = z.object({ fileId: z.string(), url: z.string(), expiresAt: isoDateTime, rows: z.number().int() });

// ---- membership approval (a resident who never opened the card from the group) ----

export const pendingMember = z.object({
  memberId: docId,
  name: z.string().nullable(),
  buildingName: z.string().nullable(),
  unit: z.string().nullable(),
  boundAt: isoDateTime,
});
export const listPendingMembersInput = z.object({ communityId: docId }).strict();
export const listPendingMembersOutput = z.object({ items: z.array(pendingMember) });
export const approveMemberInput = z.object({ communityId: docId, memberId: docId }).strict();
export const approveMemberOutput = z.object({ approved: z.boolean() });

// ---- the resident's notices-and-surveys list, and "下月问卷提醒" (issue 10) ----

/** One month's survey as the resident's list shows it: never anyone's answers, only whether I answered. */
export const myMonthSurvey = z.object({
  id: docId,
  month: surveyMonth,
  title: z.string(),
  status: z.enum(surveyStatuses),
  closesAt: isoDateTime,
  answerCount: z.number().int(),
  answered: z.boolean(),
});
export type MyMonthSurvey = z.infer<typeof myMonthSurvey>;

export const listForMeInput = z.object({}).strict();
export const listForMeOutput = z.object({
  /** This month's open survey of my community (answered or not); null when none is open. */
  current: myMonthSurvey.nullable(),
  /** Earlier months' surveys, closed, newest first (≤ 12). */
  past: z.array(myMonthSurvey),
  /** I am a verified member of my community (may answer). */
  verified: z.boolean(),
  /** I asked for "下月问卷提醒" and it is still waiting. */
  remindNext: z.boolean(),
});
export type MySurveys = z.infer<typeof listForMeOutput>;

/** Recorded after the resident accepted the one-time subscribe message (scene `onSurveyReminder`). */
export const remindMeInput = z.object({}).strict();
export const remindMeOutput = z.object({ remindNext: z.literal(true) });
