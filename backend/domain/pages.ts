/**
 * Mini-program pages that notifications and subscribe messages open, from the route table
 * (types/routes.ts). A subscribe message's `page` is written without the leading slash, as WeChat's
 * examples give it (`index?foo=bar`).
 */
import { pagePath } from '../../types/routes';

const messagePage = (path: string) => path.replace(/^\//, '');

export const pages = {
  residentCase: (id: string) => messagePage(pagePath('caseDetail', { id })),
  rate: (id: string) => messagePage(pagePath('rate', { id })),
  staffCase: (id: string) => messagePage(pagePath('staffCase', { id })),
  // issue 10: the survey pages
  surveyAnswer: (id: string) => messagePage(pagePath('surveyAnswer', { id })),
  staffSurvey: (id: string) => messagePage(pagePath('surveyManage', { id })),
  // issue 11: roster and visits
  household: (id: string) => messagePage(pagePath('gridHousehold', { id })),
};
