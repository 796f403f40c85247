/** What staff and residents see of a survey (issue 10). Staff never see who answered what. */
import type { MyMonthSurvey, SurveyQuestion, SurveyResidentView, SurveyResults, SurveyStaffView, SurveySummary } from '../../types/survey';
import type { SurveyAnswerDoc } from '../data/surveyAnswers';
import type { SurveyDoc } from '../data/surveys';
import { iso, isoOrNull } from '../platform/time';
import type { Organisation } from './organisation';

export function surveySummary(s: SurveyDoc, org: Organisation): SurveySummary {
  return {
    id: s._id, communityId: s.communityId, communityName: org.community(s.communityId)?.name ?? '', month: s.month, title: s.title,
    status: s.status, questionCount: s.questions.length, answerCount: s.answerCount, publishedAt: isoOrNull(s.publishedAt), closesAt: iso(s.closesAt),
  };
}

export function staffView(s: SurveyDoc, org: Organisation, groupBound: boolean, maxLocal: number): SurveyStaffView {
  return {
    ...surveySummary(s, org),
    intro: s.intro,
    questions: s.questions,
    localQuestionIds: s.localQuestionIds,
    card: { groupBound, shares: s.shares.length, shownCount: s.cardCount, ended: s.cardEnded },
    can: {
      addLocalQuestion: s.status === 'draft' && s.localQuestionIds.length < maxLocal,
      publish: s.status === 'draft',
      share: s.status === 'published',
      results: s.status !== 'draft',
      exportCsv: s.status !== 'draft' && s.answerCount > 0,
    },
  };
}

/** What the view says about the caller: a verified member of the survey's community, and a waiting "下月问卷提醒". */
export interface ResidentStanding {
  verified: boolean;
  /** Left out where nobody shows it (home's entry), to spare the read. */
  remindNext?: boolean;
}

export function residentView(s: SurveyDoc, mine: SurveyAnswerDoc | null, summary: SurveyResults | null, now: Date, me: ResidentStanding): SurveyResidentView {
  return {
    id: s._id, month: s.month, title: s.title, intro: s.intro, status: s.status, closesAt: iso(s.closesAt), questions: s.questions,
    answerCount: s.answerCount,
    myAnswer: mine
      ? {
          items: mine.items.map((i) => ({
            questionId: i.questionId,
            ...(i.choices ? { choices: i.choices } : {}),
            ...(i.rating !== null ? { rating: i.rating } : {}),
            ...(i.text !== null ? { text: i.text } : {}),
          })),
          answeredAt: iso(mine.createdAt),
        }
      : null,
    summary,
    canAnswer: !mine && me.verified && s.status === 'published' && s.closesAt.getTime() > now.getTime(),
    verified: me.verified,
    ...(me.remindNext === undefined ? {} : { remindNext: me.remindNext }),
  };
}

/** A month's survey in the resident's list: whether I answered, never what anyone answered. */
export function myMonthSurvey(s: SurveyDoc, answered: boolean, now: Date): MyMonthSurvey {
  // Past its month end it is over, even before the timer's next sweep closes it.
  const status = s.status === 'published' && s.closesAt.getTime() <= now.getTime() ? 'closed' : s.status;
  return { id: s._id, month: s.month, title: s.title, status, closesAt: iso(s.closesAt), answerCount: s.answerCount, answered };
}

export const questionById = (s: Pick<SurveyDoc, 'questions'>, id: string): SurveyQuestion | undefined => s.questions.find((q) => q.id === id);
