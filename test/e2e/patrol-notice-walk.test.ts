/**
 * Issue 11 in the browser build: 王秀萍 (和苑家人 volunteer) patrols 梦和园, finds e-bikes charging in a
 * stairwell and reports it from the patrol, then ends the patrol; 周建军 finds the case in his inbox.
 * Then 周建军 publishes an anti-fraud notice, 刘玉芬 reads it in the full notice list, and the
 * publisher's page counts 1 reader.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { reportCategoryLabels } from '../../types/enums';
import { routePath } from '../../types/routes';
import { button, field, waitUntil, walkSteps } from './support/kit';
import { HOME_PATH } from './support/session';
import { browserWalk } from './support/walk';

jest.setTimeout(120_000);

const PHOTO = path.join(__dirname, 'fixtures', 'blocked-fire-exit.png');
const EBIKE = reportCategoryLabels.ebike_indoor_charging; // 电动车入户充电
const FINDING = '7号楼2单元楼梯间两辆电动车拉线充电，堵住了一半楼梯（巡逻发现）';
const NOTICE_TITLE = '警惕“刷单返利”骗局';
const NOTICE_TEXT = '近期有居民接到自称网店客服的电话，要求先垫付再返利。凡是让您先转账的都是骗局，遇到可疑情况请拨打110或找社区民警。';

const kit = browserWalk('patrol-notice-walk');
let volunteer: Page;
let officer: Page;

beforeAll(async () => {
  // On a loaded machine a function's first invocations wait for its instance to start: have each
  // function the walk uses answer once before a page waits on it.
  const openid = kit.stack.person('王秀萍').openid;
  const warm: [string, string, unknown][] = [
    ['session', 'whoami', {}], ['notify', 'badge', {}], ['notices', 'latest', {}], ['patrols', 'listMine', {}], ['cases', 'listMine', {}],
  ];
  await Promise.all(warm.map(([fn, action, input]) => kit.stack.local.runtime.invoke(fn, { action, input }, { openid })));
}, 600_000);

const step = walkSteps();

step('王秀萍 starts a patrol of 梦和园 from home, planning two buildings', async () => {
  volunteer = await kit.phone(kit.stack.person('王秀萍'));
  await kit.see(volunteer, '和苑家人巡逻');
  const entry = volunteer.locator('.home__workbench').filter({ hasText: '和苑家人巡逻', visible: true });
  await kit.shot(volunteer, 'volunteer-home');
  await entry.tap();
  await volunteer.waitForURL(new RegExp(routePath('patrols')));
  await kit.see(volunteer, '开始巡逻 · 梦和园');
  await kit.see(volunteer, '我的巡逻记录');
  for (const b of ['7号楼', '8号楼']) await volunteer.locator('.fq-choices__item').filter({ hasText: new RegExp(`^${b}`), visible: true }).first().tap();
  await kit.shot(volunteer, 'patrol-plan');
  await button(volunteer, '开始巡逻').tap();
  await volunteer.waitForURL(new RegExp(`${routePath('patrol')}\\?id=`));
  await kit.see(volunteer, '梦和园 · 巡逻中');
});

step('she marks 7号楼 passed and records the e-bikes charging in its stairwell, with a photo', async () => {
  await kit.see(volunteer, '途经楼栋');
  const seven = volunteer.locator('.fq-choices__item').filter({ hasText: /^7号楼/, visible: true }).first();
  await seven.tap();
  await waitUntil('7号楼 to be marked passed', async () => (await seven.getAttribute('class'))?.includes('fq-choices__item--on'));
  await button(volunteer, '记录发现').tap();
  await kit.see(volunteer, '隐患类别');
  const sheet = volunteer.locator('.patrol__sheet').filter({ visible: true });
  await sheet.locator('.fq-choices__item').filter({ hasText: EBIKE }).tap();
  await field(volunteer, '例如：2单元楼梯间有两辆电动车正在充电').fill(FINDING);
  const chooser = volunteer.waitForEvent('filechooser');
  await sheet.locator('.fq-photos__add').tap();
  await (await chooser).setFiles(PHOTO);
  await waitUntil('the photo upload to finish', async () => (await sheet.locator('.fq-photos__veil').count()) === 0 && (await sheet.locator('.fq-photos__img').count()) === 1);
  await kit.shot(volunteer, 'finding-filled');
  await button(volunteer, '上报隐患').tap();
  await kit.see(volunteer, '发现的隐患（1）');
  await kit.see(volunteer, FINDING);
  await kit.shot(volunteer, 'finding-recorded');
});

step('she ends the patrol with a note and sees its summary and history', async () => {
  await button(volunteer, '结束巡逻').tap();
  await field(volunteer, '例如：外来车辆2辆，已登记').fill('7号楼楼道充电已上报，其余正常。');
  await kit.shot(volunteer, 'patrol-end-sheet');
  await button(volunteer, '确认结束').tap();
  await kit.see(volunteer, '梦和园 · 已结束');
  await kit.see(volunteer, '7号楼楼道充电已上报，其余正常。');
  await kit.see(volunteer, '巡逻路线');
  await kit.shot(volunteer, 'patrol-summary');
  await volunteer.goBack();
  await kit.see(volunteer, '开始巡逻 · 梦和园');
  await kit.see(volunteer, '发现 1 处隐患');
  await kit.shot(volunteer, 'patrol-history');
});

step('周建军 finds the patrol\'s finding in his inbox', async () => {
  officer = await kit.phone(kit.stack.person('周建军'));
  await officer.locator('.home__workbench').filter({ hasText: '民警工作台', visible: true }).tap();
  await officer.waitForURL(new RegExp(routePath('staffInbox')));
  const row = officer.locator('.fq-case-row').filter({ hasText: '王秀萍', visible: true }).filter({ hasText: EBIKE });
  await row.first().waitFor().catch(async (err: unknown) => {
    throw await kit.explain(officer, err);
  });
  await kit.shot(officer, 'officer-inbox');
  await row.first().tap();
  await officer.waitForURL(new RegExp(routePath('staffCase')));
  await kit.see(officer, FINDING);
  await kit.shot(officer, 'officer-case');
});

step('周建军 publishes an anti-fraud notice to 梦和园', async () => {
  await officer.goto(HOME_PATH);
  await officer.locator('.home__workbench').filter({ hasText: '发布公告', visible: true }).tap();
  await officer.waitForURL(new RegExp(routePath('noticeManage')));
  await button(officer, '发布新公告').tap();
  await kit.see(officer, '发布到');
  const sheet = officer.locator('.notice-manage__sheet').filter({ visible: true });
  await sheet.locator('.fq-choices__item').filter({ hasText: '反诈提醒' }).tap();
  await field(officer, '例如：警惕冒充客服退款骗局').fill(NOTICE_TITLE);
  await field(officer, '写清楚要居民知道和注意的事').fill(NOTICE_TEXT);
  await kit.shot(officer, 'notice-filled');
  await button(officer, '发布').tap();
  const row = officer.locator('.notice-manage__row').filter({ hasText: NOTICE_TITLE, visible: true });
  await row.waitFor();
  await expect(row.innerText()).resolves.toContain('0 人已读');
  await kit.shot(officer, 'notice-published');
});

step('刘玉芬 reads it in the full notice list; the publisher sees 1 reader', async () => {
  const resident = await kit.phone(kit.stack.person('刘玉芬'));
  const all = resident.locator('.home__mine').filter({ hasText: '全部通知', visible: true });
  await all.waitFor();
  await all.tap();
  await resident.waitForURL(new RegExp(routePath('noticeList')));
  await resident.locator('.fq-list__tab').filter({ hasText: /^反诈$/, visible: true }).tap();
  const row = resident.locator('.notices__row').filter({ hasText: NOTICE_TITLE, visible: true });
  await row.waitFor();
  await kit.shot(resident, 'notice-list');
  await row.tap();
  await kit.see(resident, '遇到可疑情况请拨打110或找社区民警');
  await kit.shot(resident, 'notice-read');

  await officer.reload();
  const counted = officer.locator('.notice-manage__row').filter({ hasText: NOTICE_TITLE, visible: true });
  await waitUntil('the read count to reach 1', async () => (await counted.innerText().catch(() => '')).includes('1 人已读'));
  await kit.shot(officer, 'notice-read-count');
});
