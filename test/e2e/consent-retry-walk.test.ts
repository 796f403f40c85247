/**
 * A resident whose consent is to an older privacy guide opens the help form straight from a link
 * (skipping home's consent card) and submits: the backend refuses for want of consent, the form opens
 * the consent sheet in place, and after 同意并继续 the same request goes again by itself: one case,
 * under the clientRequestId of the draft, and the consent on record is to the guide in force.
 *
 * The old consent is written into the stack's database with the real wx-server-sdk, as a resident
 * who agreed before the guide changed would have it.
 */
import type { Page } from 'playwright-core';
import { helpTypeLabels } from '../../types/enums';
import { pagePath } from '../../types/routes';
import { PRIVACY_OUTDATED_MESSAGE, PRIVACY_VERSION } from '../../types/privacy';
import { loadSdk, type Loose, type WxCloud } from '../local-cloud/helpers';
import { button, field, waitUntil, walkSteps } from './support/kit';
import { browserWalk } from './support/walk';

jest.setTimeout(120_000);

const OLD_VERSION = '2025-01';
const REPAIR = helpTypeLabels.repair; // 维修
const DESCRIPTION = '厨房下水管堵了，水漫到客厅，家里只有我和母亲（浏览器测试：隐私指引更新后提交）';
const HELP_PATH = `/#${pagePath('help')}`;

const kit = browserWalk('consent-retry-walk');
let cloud: WxCloud;
let resident: Page;
let openid = '';
/** Every cases.create the page sent, with the backend's answer. */
type Answer = { ok: boolean; error?: { code: string; message: string } };
const creates: { clientRequestId: string; answer: Answer }[] = [];
const step = walkSteps();

/** Records the page's cases.create calls at the gateway (/api/functions/cases, `{data: {action, input}}`). */
function recordCreates(page: Page): void {
  page.on('response', async (response) => {
    const request = response.request();
    if (!request.url().endsWith('/api/functions/cases') || request.method() !== 'POST') return;
    const body = request.postDataJSON() as { data: { action: string; input: { clientRequestId?: string } } };
    if (body.data.action !== 'create') return;
    // The gateway answers as wx.cloud.callFunction resolves: the function's result under `result`.
    const answer = (await response.json().catch(() => null)) as { result?: Answer } | null;
    creates.push({ clientRequestId: body.data.input.clientRequestId ?? '', answer: answer?.result ?? { ok: false } });
  });
}


const db = (): Loose => cloud.database();

interface CaseRecord {
  _id: string;
  clientRequestId: string;
  reporterId: string;
}

async function ourCases(): Promise<CaseRecord[]> {
  const res = (await db().collection('cases').where({ description: DESCRIPTION }).get()) as { data: CaseRecord[] };
  return res.data;
}

beforeAll(async () => {
  openid = kit.stack.person('孙立新').openid;
  cloud = loadSdk(kit.stack.local.cloud);
});

step('the resident agreed to an older guide (set in the database)', async () => {
  await db().collection('users').doc(openid).update({ data: { privacyVersion: OLD_VERSION } });
  const user = (await db().collection('users').doc(openid).get()) as { data: { privacyVersion: string; privacyConsentAt: unknown } };
  expect(user.data.privacyVersion).toBe(OLD_VERSION);
  expect(user.data.privacyConsentAt).toBeTruthy();
});

step('submitting a help request opens the consent sheet and keeps the form', async () => {
  // Straight to the form, as from a shared link: home's "guide updated" card is never seen.
  resident = await kit.phone(kit.stack.person('孙立新'), HELP_PATH);
  recordCreates(resident);
  await kit.see(resident, '需要哪种帮助');
  await resident.locator('.fq-choices__item').filter({ hasText: REPAIR, visible: true }).tap();
  await field(resident, '例如：', 'prefix').fill(DESCRIPTION);
  await kit.see(resident, '我家楼栋');
  await button(resident, '提交求助').tap();

  const sheet = resident.locator('.fq-consent').filter({ visible: true });
  await sheet.waitFor().catch(async (err: unknown) => {
    throw await kit.explain(resident, err);
  });
  await kit.see(resident, '隐私保护指引已更新', resident.locator('.fq-sheet-layer__title'));
  await kit.see(resident, '查看《隐私保护指引》', sheet);
  await kit.shot(resident, 'consent-sheet');
  // Refused for the old consent, nothing made; what the resident typed is still under the sheet.
  await waitUntil('the refused cases.create to be recorded', async () => creates.length === 1);
  expect(creates[0]!.answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONSENT_REQUIRED', message: PRIVACY_OUTDATED_MESSAGE }) });
  expect(await ourCases()).toEqual([]);
  await expect(resident.locator('textarea').filter({ visible: true }).first().inputValue()).resolves.toBe(DESCRIPTION);
});

step('after agreeing, the same request is sent again by itself and makes one case', async () => {
  await button(resident.locator('.fq-consent'), '同意并继续').tap();
  const caseId = await kit.submitted(resident);
  await kit.see(resident, DESCRIPTION);
  await kit.see(resident, '已提交');
  await kit.shot(resident, 'created-after-consent');

  const cases = await waitUntil('the case in the database', async () => {
    const found = await ourCases();
    return found.length > 0 ? found : null;
  });
  expect(cases.map((c) => c._id)).toEqual([caseId]);
  expect(cases[0]!.reporterId).toBe(openid);
  // One retry, by itself, under the draft's clientRequestId from before the refusal.
  expect(creates.map((c) => c.answer.ok)).toEqual([false, true]);
  expect(creates[1]!.clientRequestId).toBe(creates[0]!.clientRequestId);
  expect(cases[0]!.clientRequestId).toBe(creates[0]!.clientRequestId);

  const user = (await db().collection('users').doc(openid).get()) as { data: { privacyVersion: string } };
  expect(user.data.privacyVersion).toBe(PRIVACY_VERSION);
});
