/**
 * issue 11: a home for every role and an inbox that is right, on the demo station. 马丽娜 (grid
 * worker) finds her grid's cases from home; 赵明远 (admin) opens home without being asked for a
 * community, sees the overdue count of his scope and presses (督办) 周建军 on an overdue case;
 * 周建军 sees the pressed case and notes on it with a response template, internal by default.
 */
import type { Browser, Page } from 'playwright-core';
import { loadSdk, type Loose } from '../local-cloud/helpers';
import { pagePath, routePath } from '../../types/routes';
import { launchChromium } from './support/browser';
import { button, createKit, waitUntil, walkSteps, type Kit } from './support/kit';
import { startE2EStack, type E2EStack } from './support/stack';

jest.setTimeout(240_000);
/** A cold function instance on 2 shared cores under load. */
const COLD_START_MS = 90_000;

let stack: E2EStack;
let browser: Browser;
let kit: Kit;
const step = walkSteps();

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startE2EStack();
  kit = createKit(browser, stack, 'gridwork');
}, 600_000);

afterAll(async () => {
  await kit?.close();
  await browser?.close();
  await stack?.stop();
});

interface CaseRow {
  _id: string;
  title: string;
  timeline: { type: string; text: string | null; visibility: string }[];
}
const cases = () => (loadSdk(stack.local.cloud) as Loose).database().collection('cases');
const PRESS_NOTE = '老人独居，请今天内上门';
let pressedId = '';
let pressedTitle = '';

step('马丽娜 (grid worker) finds her grid\'s cases on home, without an invite code', async () => {
  const page = await kit.phone(stack.person('马丽娜'));
  const bench = page.locator('.home__workbench').filter({ hasText: '网格员工作台', visible: true });
  // The first calls start the function instances: on a loaded machine the page's own request may time
  // out first and offer 重试, as a person would see it; they would tap it.
  const retry = page.locator('.nut-button').filter({ hasText: '重试', visible: true });
  await waitUntil('the workbench (retrying a cold start)', async () => {
    if (await bench.count()) return true;
    if (await retry.count()) await retry.first().tap().catch(() => undefined);
    return false;
  }, COLD_START_MS).catch(async (err: unknown) => {
    throw await kit.explain(page, err);
  });
  await kit.see(page, /梦和园第.网格的案件/, bench);
  // Still a resident of 梦和园: the resident forms stay below her work.
  await kit.see(page, '上报问题');
  expect(await page.getByText('工作人员入口').filter({ visible: true }).count()).toBe(0);
  await kit.shot(page, 'gridworker-home');
  await bench.tap();
  await page.waitForURL(new RegExp(routePath('staffInbox')));
  await page.locator('.fq-case-row').filter({ visible: true }).first().waitFor({ timeout: COLD_START_MS });
  await kit.see(page, '本网格的案件：由社区民警受理办结，您可以查看并添加内部备注。');
  await kit.shot(page, 'gridworker-inbox');
});

step('赵明远 (admin) opens home without being asked for a community and sees his scope\'s overdue count', async () => {
  // One of 周建军's waiting cases fell overdue and was escalated to the station.
  const found = (await cases().where({ assigneeId: stack.person('周建军').openid, awaitingAccept: true }).limit(1).get()) as { data: CaseRow[] };
  const target = found.data[0]!;
  pressedId = target._id;
  pressedTitle = target.title;
  const late = new Date(Date.now() - 3 * 3600_000);
  await cases().doc(pressedId).update({ data: { slaDueAt: late, escalated: true, escalatedAt: new Date(Date.now() - 2 * 3600_000), sweepAt: null } });

  const page = await kit.phone(stack.person('赵明远'));
  await kit.see(page, '赵明远，您好');
  await kit.see(page, '派出所管理员');
  await kit.see(page, '民警工作台');
  expect(await page.getByText('还没有选择社区').filter({ visible: true }).count()).toBe(0);
  expect(await page.getByText('先选择您住的社区').filter({ visible: true }).count()).toBe(0);
  await kit.shot(page, 'admin-home');

  await page.locator('.home__workbench').filter({ hasText: '民警工作台', visible: true }).tap();
  await page.waitForURL(new RegExp(routePath('staffInbox')));
  const header = await kit.see(page, /超时未受理 \d+ 件/);
  const count = Number(/超时未受理 (\d+) 件/.exec((await header.innerText()) ?? '')?.[1]);
  // Every overdue case of his scope is counted and shown once (in the section, never again below).
  const overdueRows = page.locator('.fq-case-row--overdue').filter({ visible: true });
  expect(await overdueRows.count()).toBe(Math.min(count, 20));
  expect(count).toBeGreaterThan(2);
  await kit.see(page, pressedTitle, page.locator('.fq-case-row--overdue'));
  await kit.shot(page, 'admin-inbox');
});

step('赵明远 presses 周建军 on the overdue case (督办)', async () => {
  const page = await kit.phone(stack.person('赵明远'), `/#${pagePath('staffCase', { id: pressedId })}`);
  await kit.see(page, pressedTitle);
  await page.locator('.nut-button').filter({ hasText: '督办（提醒周建军尽快受理）', visible: true }).tap();
  await page.locator('textarea[placeholder^="给民警的话"]').fill(PRESS_NOTE);
  await kit.shot(page, 'admin-press-sheet');
  await button(page, '发送督办').tap();
  await kit.see(page, '今日已督办周建军');
  await kit.see(page, `督办：${PRESS_NOTE}`);
  await kit.shot(page, 'admin-pressed');
});

step('周建军 sees the pressed case and notes on it with a response template, internal by default', async () => {
  const page = await kit.phone(stack.person('周建军'));
  await page.locator('.home__workbench').filter({ hasText: '民警工作台', visible: true }).tap();
  await page.waitForURL(new RegExp(routePath('staffInbox')));
  const row = page.locator('.fq-case-row--overdue').filter({ hasText: '今日已督办', visible: true }).first();
  await row.waitFor().catch(async (err: unknown) => {
    throw await kit.explain(page, err);
  });
  await kit.shot(page, 'officer-inbox-pressed');

  const casePage: Page = await kit.phone(stack.person('周建军'), `/#${pagePath('staffCase', { id: pressedId })}`);
  await kit.see(casePage, `督办：${PRESS_NOTE}`);
  await button(casePage, '添加备注').tap();
  await kit.see(casePage, '常用回复（点一下填入，可再修改）');
  await casePage.locator('.staff-case__template').filter({ hasText: '已受理，尽快到场', visible: true }).tap();
  const box = casePage.locator('textarea[placeholder="备注内容"]').filter({ visible: true });
  // The picked template reaches the box on the next render: wait for it (with a deadline).
  const filled = await waitUntil('the template text in the note box', async () => {
    const value = await box.inputValue();
    return value.includes('您反映的') ? value : null;
  });
  expect(filled).toContain('您反映的');
  expect(filled).not.toContain('{');
  await kit.shot(casePage, 'officer-template-note');
  await button(casePage, '保存内部备注').tap();
  await kit.see(casePage, filled.slice(0, 12));
  const stored = (await cases().doc(pressedId).get()) as { data: CaseRow };
  expect(stored.data.timeline.at(-1)).toMatchObject({ type: 'note', visibility: 'internal', text: filled });
  await kit.shot(casePage, 'officer-noted');
});
