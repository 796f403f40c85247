/**
 * Smoke: the demo station in the browser build. A resident and an officer sign in on the gateway's
 * sign-in page and their home pages show the seeded station's real data.
 */
import { newPhoneContext } from './support/browser';
import { loadSdk, type Loose } from '../local-cloud/helpers';
import { CASE_PAGE_URL } from './support/session';
import { browserWalk } from './support/walk';

jest.setTimeout(90_000);

const kit = browserWalk('smoke');

test('the sign-in page offers the demo station people', async () => {
  const context = await newPhoneContext(kit.browser, kit.stack.url);
  const page = await context.newPage();
  await page.goto('/login');
  for (const name of ['刘玉芬', '周建军']) await kit.see(page, name);
  await kit.shot(page, 'sign-in');
  await context.close();
});

test('a resident home page shows her community, her officer and notices', async () => {
  const page = await kit.phone(kit.stack.person('刘玉芬'));
  await kit.see(page, '刘玉芬，您好');
  await kit.see(page, /梦和园/);
  for (const entry of ['上报问题', '我要求助', '申请调解']) await kit.see(page, entry);
  await kit.see(page, '我的社区民警');
  await kit.see(page, '周建军');
  await kit.see(page, '社区通知');
  await kit.shot(page, 'resident-home');
});

test('the H5 build starts in slices, in order, with Taro\'s component styles before ours (config/startup-slices.ts)', async () => {
  const page = await kit.phone(kit.stack.person('刘玉芬'));
  await kit.see(page, '我的社区民警');
  const { scripts, sheets, fontPx } = await page.evaluate(() => ({
    scripts: Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]'), (s) => new URL(s.src).pathname),
    sheets: Array.from(document.styleSheets, (s) => ({ href: s.href ? new URL(s.href).pathname : '', css: Array.from(s.cssRules, (r) => r.cssText).join('\n') })),
    fontPx: document.documentElement.getAttribute('data-fq-default-font-px'),
  }));
  // Named entries only: split-off and page chunks have numeric names.
  const entries = scripts.map((src) => /^\/js\/([a-z-]+)\.[0-9a-f]{8}\.js$/.exec(src)?.[1]).filter(Boolean);
  expect(entries).toEqual(['start-taro', 'start-react', 'start-app', 'app']);
  const taro = sheets.findIndex((s) => s.css.includes('.taro-button-core'));
  const ours = sheets.findIndex((s) => s.css.includes('.home__notice'));
  expect(taro).toBeGreaterThanOrEqual(0);
  expect(sheets[taro]!.href).toMatch(/^\/css\/start-(taro|react)\./);
  expect(ours).toBeGreaterThan(taro);
  // 长辈模式's text-size probe ran in index.html, before the app (Chromium's default: 16 px).
  expect(fontPx).toBe('16');
});

test('a phone set to another time zone still shows Beijing dates (dayjs timezone plugin, Intl in the kit.browser)', async () => {
  const page = await kit.phone(kit.stack.person('刘玉芬'), undefined, 'America/Los_Angeles');
  const title = (await (await kit.see(page, '社区通知')).page().locator('.home__notice-title').filter({ visible: true }).first().textContent()) ?? '';
  const notices = (loadSdk(kit.stack.local.cloud) as Loose).database().collection('notices');
  const found = (await notices.where({ title }).get()) as { data: { _id: string; publishedAt: string | Date }[] };
  const notice = found.data[0]!;
  // 00:30 in Beijing on the notice's own Beijing day: in Los Angeles it is still the day before.
  const beijingDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(notice.publishedAt));
  await notices.doc(notice._id).update({ data: { publishedAt: new Date(`${beijingDay}T00:30:00+08:00`) } });
  await page.reload();
  const [, month, day] = beijingDay.split('-').map(Number);
  const row = page.locator('.home__notice').filter({ visible: true, hasText: title });
  await kit.see(page, `${month}月${day}日`, row);
});

test('a resident opens her notifications (消息) from the home page and one of them opens its case', async () => {
  const page = await kit.phone(kit.stack.person('刘玉芬'));
  await (await kit.see(page, '消息', page.locator('.home__mine'))).tap();
  await kit.see(page, '未读', page.locator('.fq-list__tabs'));
  const first = page.locator('.notifications__item').filter({ visible: true }).first();
  await first.waitFor({ state: 'visible' });
  await kit.shot(page, 'resident-notifications');
  await first.tap();
  await page.waitForURL(CASE_PAGE_URL);
  await kit.see(page, '办理经过');
});

test('an officer home page shows the workbench of his grids', async () => {
  const page = await kit.phone(kit.stack.person('周建军'));
  await kit.see(page, '周建军，您好');
  await kit.see(page, '民警工作台');
  // His two grids of the demo station, with the seeded cases waiting for him.
  await kit.see(page, '梦和园第一网格、梦和园第二网格的案件');
  // issue 11: the officer's one unread count is 消息 (the new case is a message there).
  await kit.see(page, /\d+ 条未读/, page.locator('.home__mine--messages'));
  // He is the officer of his own grid: the residents' officer card would only show him himself.
  await kit.see(page, '社区通知');
  expect(await page.getByText('我的社区民警').filter({ visible: true }).count()).toBe(0);
  expect(await page.locator('.home__officer').filter({ visible: true }).count()).toBe(0);
  await kit.shot(page, 'officer-home');
});
