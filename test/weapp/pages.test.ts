/**
 * @jest-environment jsdom
 *
 * The built mini-program (dist/weapp, production build) rendered by miniprogram-simulate with WeChat's
 * own template compiler: the resident home page and the report page, and a tap on a report category.
 */
import { notificationKindLabels, reportCategories, reportCategoryLabels } from '../../types/enums';
import { pagePath, routePath } from '../../types/routes';
import { residentFixtures } from './support/cloud-fixtures';
import { fixtureApp } from './support/fixture-app';
import type { RenderedComponent } from './support/mini-program';
import { findByText, settle, tap, textOf } from './support/render';

jest.setTimeout(30_000);

// Every call the pages make must be in the contract, with a valid input and a fixture.
const app = fixtureApp(residentFixtures);

describe('home page', () => {
  let home: RenderedComponent;

  beforeAll(async () => {
    home = app().openPage(routePath('home'));
    await settle(home, (text) => text.includes('刘玉芬，您好'));
  });

  it('greets the resident with her community and building', () => {
    const text = textOf(home);
    expect(text).toContain('刘玉芬，您好');
    expect(text).toContain('梦和园 · 3号楼 · 2单元');
  });

  it('offers the three entries', () => {
    const text = textOf(home);
    for (const entry of ['上报问题', '我要求助', '申请调解']) expect(text).toContain(entry);
  });

  it("shows her officer's card with duty hours and a call button", async () => {
    // The card is below the entries: it comes in home's second, lower-priority render.
    await settle(home, (text) => text.includes('我的社区民警'));
    const text = textOf(home);
    expect(text).toContain('我的社区民警');
    expect(text).toContain('周建军');
    expect(text).toContain('值班时间：周一至周五 8:30–17:30');
    expect(text).toContain('拨打 022-26530110');
  });

  it('shows the latest notice, the news badge and the unread notifications', async () => {
    await settle(home, (text) => text.includes('冬季消防安全提示'));
    const text = textOf(home);
    expect(text).toContain('冬季消防安全提示');
    expect(text).toContain('11月20日');
    expect(text).toContain('2 条新进展');
    expect(text).toContain('消息');
    expect(text).toContain('1 条未读');
  });

  it('asked the backend who the user is, through wx.cloud.callFunction', () => {
    expect(app().calls.map((c) => `${c.name}.${(c.data as { action: string }).action}`)).toContain('session.whoami');
  });
});

describe('report page', () => {
  let report: RenderedComponent;

  beforeAll(async () => {
    report = app().openPage(routePath('report'));
    await settle(report, (text) => text.includes('消防通道堵塞'));
  });

  it('lists the report categories', () => {
    const text = textOf(report);
    for (const category of reportCategories) expect(text).toContain(reportCategoryLabels[category]);
    expect(reportCategoryLabels.fire_lane_blocked).toBe('消防通道堵塞');
  });

  it('selects a category on tap', async () => {
    const tile = () => findByText(report, reportCategoryLabels.fire_lane_blocked, 'fq-choices__item');
    expect(tile().className).not.toContain('fq-choices__item--on');
    tap(tile());
    await settle(report, () => tile().className.includes('fq-choices__item--on'));
    expect(tile().className).toContain('fq-choices__item--on');
    expect(tile().textContent).toContain('✓');
    // Only one category is selected (the page has other choice grids, e.g. anonymity: count in this one).
    const categories = tile().parentElement as HTMLElement;
    const selected = () => categories.querySelectorAll('[class*="fq-choices__item--on"]');
    expect(selected()).toHaveLength(1);

    // Tapping another moves the selection.
    const other = () => findByText(report, reportCategoryLabels.noise, 'fq-choices__item');
    tap(other());
    await settle(report, () => other().className.includes('fq-choices__item--on'));
    expect(tile().className).not.toContain('fq-choices__item--on');
    expect(selected()).toHaveLength(1);
    expect(selected()[0].textContent).toContain(reportCategoryLabels.noise);
  });
});

describe('notifications page (消息)', () => {
  let notifications: RenderedComponent;
  const navigatedTo: string[] = [];

  beforeAll(async () => {
    // Record where a tap leads instead of WeChat's page stack (the simulator has none).
    const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
    wx.navigateTo = (options: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      navigatedTo.push(options.url);
      options.success?.({ errMsg: 'navigateTo:ok' });
      options.complete?.({ errMsg: 'navigateTo:ok' });
    };
    notifications = app().openPage(routePath('notifications'));
    await settle(notifications, (text) => text.includes('楼道堆放杂物'));
  });

  it('lists the in-app notifications with their kind, photo review included', () => {
    const text = textOf(notifications);
    expect(text).toContain(notificationKindLabels.photo_rejected);
    expect(notificationKindLabels.photo_rejected).toBe('照片未通过审核');
    expect(text).toContain('有一张照片未通过审核：消防通道堵塞');
    expect(text).toContain(notificationKindLabels.case_update);
    expect(text).toContain('全部标为已读');
  });

  it('says when, in Beijing time, with dayjs and its timezone plugin (Intl) inside the built mini-program', () => {
    // 2026-11-28T10:00+08:00 is 02:00 UTC: a date read in the process's own zone would say 02:00.
    expect(textOf(notifications)).toContain('11月28日 10:00');
  });

  it('marks only the unread one as unread', () => {
    const unread = notifications.dom.querySelectorAll('[class*="notifications__item--unread"]');
    expect(unread).toHaveLength(1);
    expect(unread[0]!.textContent).toContain('消防通道堵塞');
  });

  it('a tap marks it read and opens its case', async () => {
    tap(findByText(notifications, '有一张照片未通过审核：消防通道堵塞', 'notifications__item'));
    await settle(notifications, () => notifications.dom.querySelectorAll('[class*="notifications__item--unread"]').length === 0);
    const markRead = app().calls.filter((c) => c.name === 'notify' && (c.data as { action: string }).action === 'markRead');
    // Opening 消息 reads them all (issue 11); the tap then marks its own item as well.
    expect(markRead.map((c) => (c.data as { input: unknown }).input)).toEqual([{ all: true }, { ids: ['n-photo'] }]);
    for (let i = 0; i < 50 && navigatedTo.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(navigatedTo).toEqual([pagePath('caseDetail', { id: 'case-fire-lane' })]);
  });
});
