/**
 * 消息 opens what a message is about (src/pkg-resident/notifications), on the demo station:
 * 刘玉芬 asks on 通知与问卷 to be told of the next survey (下月问卷提醒我); through local cloud's console API,
 * as a developer would, the seeded draft of this month's survey is removed and 邢奶奶's household is due
 * for its visit reminder now; the scheduler runs: it drafts 梦和园's survey of the month (a 月度问卷 message to 周建军) and reminds him of the visit
 * (a 走访提醒 message). In 消息 he taps the 走访提醒 and lands on 待走访, taps the 月度问卷 and lands on
 * the survey to manage, and publishes it there, which tells 刘玉芬; in her 消息 the 月度问卷 opens
 * 通知与问卷 with the month's survey to answer. A case message (新案件) opens his staff case page.
 */
import type { Page } from 'playwright-core';
import { monthOf, surveyIdOf } from '../../backend/domain/surveyCalendar';
import { buildSeedContent } from '../../local-stack/seed';
import { routePath, pagePath } from '../../types/routes';
import { button, walkSteps } from './support/kit';
import { browserWalk } from './support/walk';

jest.setTimeout(180_000);

/** 邢奶奶's household and its grid in the demo seed (ids and names do not depend on the seed's clock). */
const [XING_ID, XING_GRID] = (() => {
  const content = buildSeedContent(new Date());
  const xing = content.households.find((h) => h.callName === '邢奶奶');
  return [xing?.id ?? '', content.grids.find((g) => g.id === xing?.gridId)?.name ?? ''];
})();

const kit = browserWalk('messages-walk');
let zhou: Page;
const step = walkSteps();


/** The developer console's document API of local cloud (relaxed EJSON in and out): GET, PUT `doc`, or DELETE. */
async function consoleDocument(collection: string, id: string, doc?: Record<string, unknown> | 'delete'): Promise<Record<string, unknown>> {
  const url = new URL(`/_dev/api/document?${new URLSearchParams({ collection, id })}`, kit.stack.cloudUrl);
  const method = doc === 'delete' ? 'DELETE' : doc ? 'PUT' : 'GET';
  const res = await fetch(url, method === 'PUT' ? { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(doc) } : { method });
  if (!res.ok) throw new Error(`${method} ${url.pathname}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { doc?: Record<string, unknown> }).doc ?? {};
}

/** Home → 消息 (a cold function instance on a loaded machine may take a while to answer home). */
async function openMessages(page: Page): Promise<void> {
  await page.locator('.home__mine--messages').filter({ visible: true }).first().waitFor({ timeout: 60_000 });
  await page.locator('.home__mine--messages').filter({ visible: true }).first().tap();
  await kit.see(page, '全部');
  await page.locator('.notifications__item').filter({ visible: true }).first().waitFor();
}

function message(page: Page, kind: string, text: string | RegExp) {
  return page.locator('.notifications__item').filter({ hasText: kind, visible: true }).filter({ hasText: text }).first();
}

step('刘玉芬 asks on 通知与问卷 to be told when the next survey is published', async () => {
  const liu = await kit.phone(kit.stack.person('刘玉芬'), `/#${pagePath('noticeList')}`);
  await kit.see(liu, '本月问卷还没有发布，发布后会出现在这里。');
  await button(liu, '下月问卷提醒我').tap();
  await kit.see(liu, '已订阅：下月问卷发布时会提醒您');
  await kit.shot(liu, 'resident-opt-in');
});

step('the scheduler drafts the month’s survey and reminds 周建军 of 邢奶奶’s visit', async () => {
  // The seed leaves this month's draft as the timer would have; without it the timer drafts it now.
  await consoleDocument('surveys', surveyIdOf('community-menghe', monthOf(new Date())), 'delete');
  // Her reminder time is now (the seed sets it from the day her visit falls due).
  const household = await consoleDocument('households', XING_ID);
  await consoleDocument('households', XING_ID, { ...household, remindAt: { $date: new Date(Date.now() - 60_000).toISOString() } });
  await kit.stack.local.runtime.fireTimer('scheduler', { triggerName: 'everyMinute' });

  zhou = await kit.phone(kit.stack.person('周建军'));
  await openMessages(zhou);
  await message(zhou, '走访提醒', '邢奶奶').waitFor();
  await message(zhou, '月度问卷', '梦和园').waitFor();
  await kit.shot(zhou, 'officer-messages');
});

step('his 走访提醒 opens 待走访 with 邢奶奶', async () => {
  await message(zhou, '走访提醒', '邢奶奶').tap();
  await kit.see(zhou, '待走访');
  await kit.see(zhou, '今天到期和已超期的走访');
  expect(zhou.url()).toContain(routePath('gridDue'));
  // 周建军 has both of 梦和园's grids: the list is per grid.
  await zhou.locator('.fq-list__tab').filter({ hasText: XING_GRID, visible: true }).tap();
  await zhou.locator('.hh-row').filter({ hasText: '邢奶奶', visible: true }).first().waitFor();
  await kit.shot(zhou, 'officer-due');
  await zhou.goBack();
  await message(zhou, '月度问卷', '梦和园').waitFor();
});

step('his 月度问卷 opens the survey to manage; he publishes it there', async () => {
  await message(zhou, '月度问卷', '梦和园').tap();
  await kit.see(zhou, '待发布');
  await kit.see(zhou, '添加本社区的问题');
  expect(zhou.url()).toContain(routePath('surveyManage'));
  await kit.shot(zhou, 'officer-survey');
  await button(zhou, '发布问卷').tap();
  // Taro H5's showModal: the confirm button of its dialog.
  await zhou.locator('.taro-modal__foot .taro-modal__btn-primary, .taro-modal__foot div').filter({ hasText: '发布', visible: true }).last().tap();
  await kit.see(zhou, '进行中');
});

step('刘玉芬’s 月度问卷 opens 通知与问卷 with the survey to answer', async () => {
  const liu = await kit.phone(kit.stack.person('刘玉芬'));
  await openMessages(liu);
  const survey = message(liu, '月度问卷', '问卷已发布');
  await survey.waitFor();
  await kit.shot(liu, 'resident-messages');
  await survey.tap();
  await kit.see(liu, '通知与问卷');
  await kit.see(liu, '本月问卷');
  await kit.see(liu, '去填写');
  await kit.see(liu, /已有 \d+ 位居民参与/);
  expect(liu.url()).toContain(routePath('noticeList'));
  await kit.shot(liu, 'resident-survey');
});

step('a case message (新案件) opens his staff case page', async () => {
  await zhou.goBack();
  const news = zhou.locator('.notifications__item').filter({ hasText: '查看事项', visible: true }).filter({ hasText: '新案件' }).first();
  await news.waitFor();
  const title = ((await news.locator('.notifications__title').textContent()) ?? '').trim();
  expect(title).not.toBe('');
  await news.tap();
  // The title is on 消息 too, which stays on screen until the case page has rendered: look for it on the case page.
  await zhou.waitForURL(new RegExp(routePath('staffCase')));
  await kit.see(zhou, title, zhou.locator('.fq-facts__head'));
  await kit.shot(zhou, 'officer-case');
});
