/**
 * The resident's rights (issue 13, PIPL): 刘玉芬 of the demo station opens 我的信息, sees what the app
 * holds about her, exports it as a file, and deletes her account. Her grid's officer 周建军 then
 * opens one of her old cases: it is still there for the station, with no personal data of hers.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import type { MyDataOutput } from '../../types/personalData';
import { pagePath, routePath } from '../../types/routes';
import { button, field, walkSteps } from './support/kit';
import { browserWalk } from './support/walk';

jest.setTimeout(120_000);

const RESIDENT = '刘玉芬';

const kit = browserWalk('my-data-walk');
let resident: Page;
let exported: MyDataOutput;
let oldCase: MyDataOutput['cases'][number];
const step = walkSteps();

step('a resident opens 我的信息 from home and sees what the app holds about her', async () => {
  resident = await kit.phone(kit.stack.person(RESIDENT));
  await kit.see(resident, `${RESIDENT}，您好`);
  await resident.locator('.home__mine').filter({ hasText: '我的信息', visible: true }).tap();
  await resident.waitForURL(new RegExp(routePath('myData')));
  await kit.see(resident, '住址');
  await kit.see(resident, '梦和园');
  await kit.see(resident, RESIDENT, resident.locator('.my-data'));
  await kit.see(resident, /我的事项（\d+）/);
  await kit.shot(resident, 'my-data');
});

step('she exports it as a JSON file', async () => {
  const [download] = await Promise.all([resident.waitForEvent('download'), button(resident, '导出我的信息').tap()]);
  expect(download.suggestedFilename()).toMatch(/^我的信息-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  exported = JSON.parse(fs.readFileSync(file!, 'utf8')) as MyDataOutput;
  expect(exported.contact.name).toBe(RESIDENT);
  expect(exported.binding.communityName).toBe('梦和园');
  const hers = exported.cases.filter((c) => c.role === 'reporter' && c.communityName === '梦和园' && c.anonymous === false);
  expect(hers.length).toBeGreaterThan(0);
  oldCase = hers[0]!;
  await kit.see(resident, '已下载到本机');
  await kit.shot(resident, 'exported');
});

step('she deletes her account after typing the confirmation word', async () => {
  await button(resident, '注销账号').tap();
  await field(resident, '注销').fill('注销');
  await kit.shot(resident, 'delete-sheet');
  await button(resident, '确认注销').tap();
  await kit.see(resident, '账号已注销');
  await kit.shot(resident, 'deleted');
  await resident.getByText('确定', { exact: true }).filter({ visible: true }).first().tap();
  // Back home as someone the app does not know: the privacy step again, nothing of hers.
  await kit.see(resident, '先选择您住的社区');
  await expect(resident.locator('.home__mine').filter({ hasText: '我的信息', visible: true }).count()).resolves.toBe(0);
  await kit.shot(resident, 'home-after-delete');
});

step('the officer\'s view of her old case shows no personal data', async () => {
  const officer = await kit.phone(kit.stack.person('周建军'), `/#${pagePath('staffCase', { id: oldCase.id })}`);
  await kit.see(officer, oldCase.title);
  await kit.see(officer, '匿名上报（不显示上报人）');
  await kit.shot(officer, 'officer-case-after-delete');
  const text = await officer.locator('body').innerText();
  expect(text).not.toContain(RESIDENT);
  if (exported.contact.phone) expect(text).not.toContain(exported.contact.phone);
});
