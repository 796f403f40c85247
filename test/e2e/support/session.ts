/** Signing in the way a developer does: the gateway's /login page, one tap on a demo person. */
import type { BrowserContext, Page } from 'playwright-core';
import type { DemoPerson } from '../../../local-stack/demo-people';
import { pagePath, routePath } from '../../../types/routes';

/** Where the H5 app starts (hash router). */
export const HOME_PATH = `/#${pagePath('home')}`;

/** The URL of any resident case page (the hash router keeps the query in the hash). */
export const CASE_PAGE_URL = new RegExp(`${routePath('caseDetail')}\\?id=`);

/** Opens a page in `context` signed in as `person`, landing on `next` (default: the home page). */
export async function signIn(context: BrowserContext, person: DemoPerson, next = HOME_PATH): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator(`button[data-openid="${person.openid}"]`).tap();
  await page.waitForURL((url) => url.pathname !== '/login');
  return page;
}

/** issue 14: after submitting a new case, the "submitted" screen comes first. */
export const SUBMITTED_PAGE_URL = new RegExp(`${routePath('caseSubmitted')}\\?id=`);

/** On the "submitted" screen: the case number is shown; 查看办理进度 goes on to the case page. */
export async function throughSubmitted(page: Page): Promise<void> {
  await page.waitForURL(SUBMITTED_PAGE_URL);
  await page.getByText(/受理编号 [A-Z]+-\d{8}-\d{4}/).filter({ visible: true }).first().waitFor();
  // The NutUI button itself (its label's inner view does not take the tap).
  await page.locator('.nut-button').filter({ hasText: '查看办理进度', visible: true }).first().tap();
  await page.waitForURL(CASE_PAGE_URL);
}
