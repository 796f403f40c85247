/**
 * The roster and visits in the browser build (issue 11), on the seeded demo station:
 * 周建军 opens 网格住户与走访 from home and finds 邢奶奶 as his paired household (结对帮扶); her visit
 * is due, so she is on his 待走访 list; from there he records a visit and, for what the visit found,
 * opens a help case in the same tap ("一键发起求助"), which lands in his inbox as a help request; on
 * her record the phone is masked until 查看完整电话 (audited). 马丽娜, the grid worker of 梦和园,
 * sees the roster and finds 邢奶奶 by name. Called away while adding a household, she finds what she
 * typed after a reload (a draft on the phone) and a new form empty once it is saved; a draft of 邢奶奶's
 * record holds no phone number she did not type.
 */
import type { Page } from 'playwright-core';
import { button, field, waitUntil, walkSteps } from './support/kit';
import { browserWalk } from './support/walk';
import { pagePath } from '../../types/routes';
import { buildSeedContent } from '../../local-stack/seed';

jest.setTimeout(180_000);

const FOUND = '给邢奶奶做了打卤面，老人说暖气不太热（浏览器测试）';
const HELP = '暖气片不热，需要联系热力公司上门检修';
const NEW_HEAD = '韩淑兰';
const NEW_NOTE = '新搬来的独居老人，儿子在外地（浏览器测试）';
/** 邢奶奶's household and its grid (names do not depend on the seed's clock). */
const [XING, XING_GRID] = (() => {
  const content = buildSeedContent(new Date());
  const xing = content.households.find((h) => h.callName === '邢奶奶');
  if (!xing) throw new Error('the demo seed has no 邢奶奶');
  return [xing, content.grids.find((g) => g.id === xing.gridId)?.name ?? ''] as const;
})();
/** What the household form keeps on the phone (Taro H5 storage: `{data}` in localStorage). */
const storedDraft = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(`fq.draft.${k}`), key);

const kit = browserWalk('roster-walk');
let zhou: Page;


const step = walkSteps();

/**
 * Home on a cold stack: the first calls start the function instances, and on a loaded machine the
 * page may answer 没有加载出来 first; 重试 is what a person would tap.
 */
async function openHome(page: Page, entry: string): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const ready = page.getByText(entry).filter({ visible: true }).first();
    const retry = page.locator('.nut-button').filter({ hasText: /^\s*重试\s*$/, visible: true }).first();
    await Promise.race([ready.waitFor({ timeout: 60_000 }), retry.waitFor({ timeout: 60_000 })]).catch(() => undefined);
    if (await ready.isVisible()) return;
    if (await retry.isVisible()) await retry.tap();
  }
  await kit.see(page, entry);
}

step('周建军 opens the roster from home: 邢奶奶 is his paired household', async () => {
  zhou = await kit.phone(kit.stack.person('周建军'));
  await openHome(zhou, '网格住户与走访');
  await kit.shot(zhou, 'officer-home');
  await zhou.locator('.home__workbench').filter({ hasText: '网格住户与走访', visible: true }).tap();
  await kit.see(zhou, '我的结对帮扶');
  const paired = zhou.locator('.hh-row').filter({ hasText: '邢奶奶', visible: true }).first();
  await paired.waitFor();
  await expect(paired.textContent()).resolves.toContain('结对帮扶');
  // Contacts are masked in the list.
  await expect(paired.textContent()).resolves.toMatch(/1\d{2}\*{4}\d{4}/);
  await kit.shot(zhou, 'roster');
});

step('her visit is due: he records it from the due list and opens a help case from the visit', async () => {
  await zhou.locator('.roster__link').filter({ hasText: '待走访', visible: true }).tap();
  await kit.see(zhou, '今天到期和已超期的走访');
  // 周建军 has both of 梦和园's grids: the list is per grid.
  await zhou.locator('.fq-list__tab').filter({ hasText: XING_GRID, visible: true }).tap();
  await kit.see(zhou, `${XING_GRID}：今天到期和已超期的走访`);
  const row = zhou.locator('.hh-row').filter({ hasText: '邢奶奶', visible: true }).first();
  await row.waitFor();
  await expect(row.textContent()).resolves.toMatch(/今天该走访|走访已超期/);
  await kit.shot(zhou, 'due-list');

  // The row's own 记录走访 link follows it.
  await row.locator('xpath=following-sibling::*[1]').tap();
  await kit.see(zhou, '走访情况');
  await kit.see(zhou, '邢奶奶（邢桂珍）');
  await field(zhou, '例如：老人身体还好', 'prefix').fill(FOUND);
  await field(zhou, '例如：暖气不热', 'prefix').fill(HELP);
  await zhou.locator('.fq-choices__item').filter({ hasText: '一键发起求助', visible: true }).tap();
  await kit.see(zhou, '记录走访并发起求助');
  await kit.shot(zhou, 'visit-form');
  await button(zhou, '记录走访并发起求助').tap();

  await kit.see(zhou, '已记录走访并发起求助');
  await kit.shot(zhou, 'visit-recorded');
  await zhou.getByText('查看案件', { exact: true }).filter({ visible: true }).first().click();
  await kit.see(zhou, HELP, undefined);
  await kit.see(zhou, '独居老人照护');
  await kit.shot(zhou, 'help-case');
});

step('the help case is in his inbox, and her record shows the visit; the full phone only on request', async () => {
  await zhou.goto(`/#${pagePath('staffInbox')}`);
  // The help case page he comes from says 独居老人照护 too and stays on screen until the inbox shows: look in the inbox's rows.
  await kit.see(zhou, '独居老人照护', zhou.locator('.fq-case-row'));
  await kit.shot(zhou, 'inbox');

  await zhou.goto(`/#${pagePath('gridRoster')}`);
  await kit.see(zhou, '我的结对帮扶');
  await zhou.locator('.roster__block .hh-row').filter({ hasText: '邢奶奶', visible: true }).first().tap();
  await kit.see(zhou, '最近走访');
  await kit.see(zhou, FOUND);
  await kit.see(zhou, '已发起求助 · 查看案件 ›');
  await expect(zhou.locator('.household__phone').filter({ visible: true }).textContent()).resolves.toMatch(/\*{4}/);
  await button(zhou, '查看完整电话').tap();
  await waitUntil('the full number', async () => /^1\d{10}$/.test((await zhou.locator('.household__phone').filter({ visible: true }).textContent()) ?? ''));
  await kit.see(zhou, '拨打');
  await kit.shot(zhou, 'household-record');
});

step('马丽娜, the grid worker of 梦和园, sees the roster and finds 邢奶奶 by name', async () => {
  const malina = await kit.phone(kit.stack.person('马丽娜'));
  await openHome(malina, '网格住户与走访');
  await malina.locator('.home__workbench').filter({ hasText: '网格住户与走访', visible: true }).tap();
  await kit.see(malina, '梦和园 ·');
  await malina.locator('.hh-row').filter({ visible: true }).first().waitFor();
  await kit.shot(malina, 'grid-worker-roster');
  await malina.locator('.fq-list__tab').filter({ hasText: XING_GRID, visible: true }).tap();
  await field(malina, '按姓名查找', 'prefix').fill('邢');
  await malina.locator('.roster__search-button').filter({ visible: true }).tap();
  // The grid's list showed her before the search too: wait until it lists only households named 邢.
  const rows = malina.locator('.hh-row').filter({ visible: true });
  await waitUntil('the search to apply', async () => {
    const texts = await rows.allInnerTexts();
    return texts.length > 0 && texts.every((t) => t.includes('邢'));
  });
  await kit.see(malina, '邢奶奶（邢桂珍）');
  await kit.shot(malina, 'grid-worker-search');
});

step('马丽娜 is called away while adding a household: after a reload her typing is back; once saved, a new form is empty', async () => {
  const malina = await kit.phone(kit.stack.person('马丽娜'), `/#${pagePath('gridRoster')}`);
  await malina.locator('.roster__link').filter({ hasText: '新增住户', visible: true }).tap();
  await kit.see(malina, '户主姓名');
  await kit.shot(malina, 'household-new');
  await malina.locator('.hh-edit .grid-chip').filter({ hasText: '号楼', visible: true }).first().tap();
  await field(malina, '如 1单元').fill('2单元');
  await field(malina, '如 301').fill('502');
  await field(malina, '如 邢桂珍').fill(NEW_HEAD);
  await field(malina, '如 独居老人，女儿在外地').fill(NEW_NOTE);
  await waitUntil('the draft on the phone', async () => (await storedDraft(malina, 'household:new'))?.includes(NEW_NOTE));
  await kit.shot(malina, 'household-typed');

  await malina.reload();
  await kit.see(malina, /已恢复 .+ 保存的草稿/);
  await expect(field(malina, '如 邢桂珍').inputValue()).resolves.toBe(NEW_HEAD);
  await expect(field(malina, '如 301').inputValue()).resolves.toBe('502');
  await expect(field(malina, '如 独居老人，女儿在外地').inputValue()).resolves.toBe(NEW_NOTE);
  // The typed fields come back from the phone at once; the building chips only once the grid has loaded.
  const chosen = malina.locator('.hh-edit .grid-chip--on').filter({ hasText: '号楼', visible: true });
  await chosen.first().waitFor();
  await expect(chosen.count()).resolves.toBe(1);
  await kit.shot(malina, 'household-restored');

  await button(malina, '新增住户').tap();
  await kit.see(malina, NEW_HEAD);
  await expect(storedDraft(malina, 'household:new')).resolves.toBeNull();
  await malina.goto(`/#${pagePath('gridRoster')}`);
  await malina.locator('.roster__link').filter({ hasText: '新增住户', visible: true }).tap();
  await kit.see(malina, '户主姓名');
  await expect(field(malina, '如 邢桂珍').inputValue()).resolves.toBe('');
  await expect(malina.getByText('保存的草稿').filter({ visible: true }).count()).resolves.toBe(0);
});

step('a draft of 邢奶奶\'s record is her own, and holds no phone number nobody typed', async () => {
  const malina = await kit.phone(kit.stack.person('马丽娜'), `/#${pagePath('gridHouseholdEdit', { id: XING.id })}`);
  const note = field(malina, '如 独居老人，女儿在外地');
  await expect(note.inputValue()).resolves.toContain('独居老人');
  await note.fill('女儿下月回来探亲');
  await waitUntil('the draft of her record', async () => (await storedDraft(malina, `household:${XING.id}`))?.includes('女儿下月回来探亲'));
  const stored = (await storedDraft(malina, `household:${XING.id}`)) ?? '';
  expect(stored).not.toContain(XING.phone);
  expect(stored).toContain('"phone":""');
  await malina.reload();
  await kit.see(malina, /已恢复 .+ 保存的草稿/);
  await expect(field(malina, '如 独居老人，女儿在外地').inputValue()).resolves.toBe('女儿下月回来探亲');
  // 清空重填: back to the record as saved, and no draft left.
  await malina.getByText('清空重填').filter({ visible: true }).tap();
  await expect(field(malina, '如 独居老人，女儿在外地').inputValue()).resolves.toContain('独居老人');
  await expect(storedDraft(malina, `household:${XING.id}`)).resolves.toBeNull();
});
