/**
 * @jest-environment jsdom
 *
 * The built home page when the privacy guide changed after the resident agreed: whoami reports the
 * guide in force (currentPrivacyVersion) and the home page asks again before offering the forms.
 * One consent (issue 16): the "同意并继续" button is WeChat's agreement too (open-type
 * agreePrivacyAuthorization), an API waiting in onNeedPrivacyAuthorization goes on with that button's
 * id, and WeChat's own popup (requirePrivacyAuthorize) is never called.
 * Its own file: the app keeps the session in module state, and each jest file loads the app afresh.
 */
import { homeAfterGuideUpdate } from './support/guide-updated';
import { findByText, settle, tap, textOf } from './support/render';

jest.setTimeout(30_000);

const NEW_VERSION = '2027-03';
let platformAsked = 0;
let needListener: ((resolve: (answer: unknown) => void) => void) | null = null;

// WeChat's own privacy confirmation, which miniprogram-simulate lacks: the resident agrees.
const { app, home } = homeAfterGuideUpdate(NEW_VERSION, (wx) => {
  wx.requirePrivacyAuthorize = (options: { success?: (r: unknown) => void }) => {
    platformAsked += 1;
    options.success?.({ errMsg: 'requirePrivacyAuthorize:ok' });
  };
  wx.getPrivacySetting = (options: { success?: (r: unknown) => void }) => options.success?.({ needAuthorization: false, errMsg: 'getPrivacySetting:ok' });
  wx.onNeedPrivacyAuthorization = (listener: (resolve: (answer: unknown) => void) => void) => {
    needListener = listener;
  };
});

it('asks for consent again instead of offering the forms', () => {
  const text = textOf(home());
  expect(text).toContain('隐私保护指引已更新');
  expect(text).toContain('同意并继续');
  expect(text).not.toContain('上报问题');
});

it('registers one listener for WeChat\'s privacy prompt, so WeChat never shows its own popup', () => {
  expect(needListener).not.toBeNull();
});

it('records consent to the version in force with one tap that also answers an API waiting for it, then offers the forms', async () => {
  // A privacy API (e.g. chooseMedia) waits while the consent step is on screen.
  const answers: unknown[] = [];
  needListener!((answer) => answers.push(answer));
  expect(answers).toEqual([]);
  tap(findByText(home(), '同意并继续', 'nut-button'));
  await settle(home(), (text) => text.includes('上报问题'));
  const consent = app().calls.filter((c) => c.name === 'session' && (c.data as { action: string }).action === 'consentPrivacy');
  expect(platformAsked).toBe(0);
  expect(answers).toEqual([{ event: 'agree', buttonId: 'fq-privacy-agree' }]);
  expect(consent.map((c) => (c.data as { input: unknown }).input)).toEqual([{ version: NEW_VERSION }]);
  expect(textOf(home())).not.toContain('隐私保护指引已更新');
});

it('shows the always-visible notice that the platform takes no emergency calls', () => {
  expect(textOf(home())).toContain('本平台不受理报警，紧急情况请拨打110');
});
