/**
 * The station desk (issue 12): 赵明远 (station admin) opens the dashboard for last month, filters it
 * by community, exports the mediation register; on the organisation page he issues an officer invite
 * (code and mini-program code), which 孙立新 redeems from the redeem page; the audit log then shows
 * the export and the invite. A wide window shows the desk computer's layout.
 */
import type { Browser, Page } from 'playwright-core';
import { pagePath } from '../../types/routes';
import { launchChromium } from './support/browser';
import { button, createKit, field, walkSteps, waitUntil, type Kit } from './support/kit';
import { startE2EStack, type E2EStack } from './support/stack';

jest.setTimeout(180_000);

let stack: E2EStack;
let browser: Browser;
let kit: Kit;
let admin: Page;
let code = '';
const step = walkSteps();
const at = (route: Parameters<typeof pagePath>[0], query = '') => `/#${pagePath(route as never)}${query}`;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startE2EStack();
  kit = createKit(browser, stack, 'desk-walk');
}, 600_000);

afterAll(async () => {
  await kit?.close();
  await browser?.close();
  await stack?.stop();
});

step('赵明远 opens the dashboard for last month', async () => {
  admin = await kit.phone(stack.person('赵明远'));
  await admin.locator('.home__workbench').filter({ hasText: '数据看板', visible: true }).tap();
  await kit.see(admin, '响应率');
  await kit.see(admin, '矛盾纠纷调解');
  await kit.see(admin, '调解成功率');
  await kit.see(admin, '群众评价');
  await kit.shot(admin, 'dashboard-last-month');
});

step('the dashboard shows last month\'s survey, visits and patrols, with their charts', async () => {
  for (const title of ['月度问卷', '入户走访', '志愿巡逻']) {
    const card = admin.locator('.desk__card').filter({ has: admin.locator('.desk__title', { hasText: title }), visible: true }).first();
    await card.scrollIntoViewIfNeeded();
    await kit.see(admin, title);
  }
  await kit.see(admin, '答卷率');
  await kit.see(admin, '已走访（次）');
  await kit.see(admin, '发现问题（件）');
  // Every chart on the page has drawn (the canvas holds pixels).
  await waitUntil('the charts drawn', async () => {
    const drawn = await admin.locator('canvas').evaluateAll((cs) => cs.filter((c) => (c as HTMLCanvasElement).width > 0 && (c as HTMLCanvasElement).getBoundingClientRect().height > 0).length);
    return drawn >= 5 || null;
  });
  await kit.shot(admin, 'dashboard-surveys-visits-patrols');
  await admin.evaluate(() => window.scrollTo(0, 0));
});

step('he filters by community', async () => {
  const before = await admin.locator('.desk__title').filter({ hasText: /^案件/, visible: true }).first().innerText();
  await admin.locator('.desk__chip').filter({ hasText: '梦和园', visible: true }).first().tap();
  const after = await waitUntil('the community numbers', async () => {
    const t = await admin.locator('.desk__title').filter({ hasText: /^案件/, visible: true }).first().innerText();
    return t !== before && t;
  });
  expect(Number(/案件 (\d+)/.exec(after)?.[1])).toBeLessThan(Number(/案件 (\d+)/.exec(before)?.[1]));
  await kit.shot(admin, 'dashboard-menghe');
});

step('he exports the mediation register', async () => {
  await button(admin, '导出调解台账').tap();
  await kit.see(admin, /已完成：共 \d+ 行/);
  await kit.see(admin, /^调解台账_.*\.csv$/);
  // The file itself opens in a new tab (a download there); its content is checked in test/functions/desk.test.ts.
  await kit.shot(admin, 'export-done');
});

step('he exports last month\'s visits', async () => {
  await button(admin, '导出走访记录').tap();
  await kit.see(admin, /^走访记录_.*\.csv$/);
  await kit.see(admin, /已完成：共 \d+ 行/);
  await kit.shot(admin, 'export-visits-done');
});

step('the desk computer shows the dashboard wide', async () => {
  await admin.setViewportSize({ width: 1366, height: 900 });
  await kit.see(admin, '响应率');
  await kit.shot(admin, 'dashboard-wide');
  await admin.setViewportSize({ width: 375, height: 812 });
});

step('he issues an officer invite, shown as a code and a mini-program code', async () => {
  await admin.locator('.desk__link').filter({ hasText: '组织与人员', visible: true }).first().tap();
  await kit.see(admin, '签发邀请码');
  await field(admin, '姓名（居民看到的称呼）').fill('韩警官');
  await field(admin, '值班电话（可不填）').fill('022-66668888');
  await button(admin, '签发').tap();
  const shown = await kit.see(admin, /^[A-Z0-9]{8}$/, admin.locator('.desk__code'));
  code = (await shown.innerText()).trim();
  await waitUntil('the mini-program code image', async () => (await admin.locator('.desk__qr img, img.desk__qr').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0).catch(() => false)) || null);
  await kit.shot(admin, 'invite-issued');
});

step('a new officer redeems it', async () => {
  const newcomer = await kit.phone(stack.person('孙立新'), at('staffRedeem', `?scene=${code}`));
  await kit.see(newcomer, '输入邀请码');
  await expect(field(newcomer, '6–12 位字母或数字').inputValue()).resolves.toBe(code);
  await button(newcomer, '开通工作人员身份').tap();
  await kit.see(newcomer, '您已获得“社区民警”身份。');
  await kit.shot(newcomer, 'invite-redeemed');
});

step('both are in the audit log', async () => {
  await admin.goto(new URL(at('deskAudit'), stack.url).toString());
  await kit.see(admin, /导出调解台账/);
  await kit.see(admin, new RegExp(`签发社区民警邀请码 ${code}`));
  await kit.see(admin, new RegExp(`使用邀请码 ${code} 获得社区民警角色`));
  await kit.shot(admin, 'audit-log');
});
