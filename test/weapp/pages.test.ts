/**
 * @jest-environment jsdom
 *
 * The built mini-program (dist/weapp, production build) rendered by miniprogram-simulate with WeChat's
 * own template compiler: the resident home page and the report page, and a tap on a report category.
 */
import { reportCategories, reportCategoryLabels } from '../../types/caseEnums';
import { ensureTaroBuild } from '../e2e/support/taro-build';
import { answerFromFixtures, residentFixtures, type ContractAnswerer } from './support/cloud-fixtures';
import { launchMiniProgram, type MiniProgram, type RenderedComponent } from './support/mini-program';
import { findByText, settle, tap, textOf } from './support/render';

jest.setTimeout(30_000);

let mp: MiniProgram;
let backend: ContractAnswerer;

beforeAll(async () => {
  const dist = await ensureTaroBuild('weapp');
  backend = answerFromFixtures(residentFixtures);
  mp = launchMiniProgram(dist, (call) => backend.answer(call));
}, 600_000);

afterEach(() => {
  // Every call the pages made must be in the contract, with a valid input and a fixture.
  expect(backend.problems).toEqual([]);
});

describe('home page', () => {
  let home: RenderedComponent;

  beforeAll(async () => {
    home = mp.openPage('pages/home/index');
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

  it("shows her officer's card with duty hours and a call button", () => {
    const text = textOf(home);
    expect(text).toContain('我的社区民警');
    expect(text).toContain('周建军');
    expect(text).toContain('值班时间：周一至周五 8:30–17:30');
    expect(text).toContain('拨打 022-26530110');
  });

  it('shows the latest notice and the news badge', async () => {
    await settle(home, (text) => text.includes('冬季消防安全提示'));
    const text = textOf(home);
    expect(text).toContain('冬季消防安全提示');
    expect(text).toContain('2 条新进展');
  });

  it('asked the backend who the user is, through wx.cloud.callFunction', () => {
    expect(mp.calls.map((c) => `${c.name}.${(c.data as { action: string }).action}`)).toContain('session.whoami');
  });
});

describe('report page', () => {
  let report: RenderedComponent;

  beforeAll(async () => {
    report = mp.openPage('pages/report/index');
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
