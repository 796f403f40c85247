/**
 * @jest-environment jsdom
 *
 * The built home page on a base library below 2.32.3: no getPrivacySetting, openPrivacyContract,
 * onNeedPrivacyAuthorization or requirePrivacyAuthorize (issue 16). The app must neither throw nor
 * stay blank: the in-app consent step is the whole consent, and the guide link opens our own page.
 * Its own file: the app keeps the session in module state, and each jest file loads the app afresh.
 */
import { homeAfterGuideUpdate } from './support/guide-updated';
import { findByText, settle, tap, textOf } from './support/render';

jest.setTimeout(30_000);

const NEW_VERSION = '2027-03';
const navigations: string[] = [];

const { app, home } = homeAfterGuideUpdate(NEW_VERSION, (wx) => {
  for (const api of ['getPrivacySetting', 'openPrivacyContract', 'onNeedPrivacyAuthorization', 'requirePrivacyAuthorize']) delete wx[api];
  wx.navigateTo = (options: { url: string; success?: () => void }) => {
    navigations.push(options.url);
    options.success?.();
  };
});

it('shows the consent step instead of a blank page', () => {
  expect(textOf(home())).toContain('隐私保护指引已更新');
});

it('opens the in-app guide where WeChat has no openPrivacyContract', async () => {
  tap(findByText(home(), '查看《隐私保护指引》', 'home__consent-link'));
  const deadline = Date.now() + 5000;
  while (navigations.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(navigations[0]).toContain('pkg-resident/privacy/index');
});

it('records consent with the in-app step alone, then offers the forms', async () => {
  tap(findByText(home(), '同意并继续', 'nut-button'));
  await settle(home(), (text) => text.includes('上报问题'));
  const consent = app().calls.filter((c) => c.name === 'session' && (c.data as { action: string }).action === 'consentPrivacy');
  expect(consent.map((c) => (c.data as { input: unknown }).input)).toEqual([{ version: NEW_VERSION }]);
});
