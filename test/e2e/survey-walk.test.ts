/**
 * Issue 10 in the browser build: the monthly opinion survey of 梦和园. The scheduler's timer creates the
 * month's draft; 周建军 finds it under 本月问卷 on home, adds a question about a local matter, publishes
 * it and shares it (the page asks the function for the live card's activity id, as before
 * `wx.updateShareMenu`), then opens his own card in the group, which binds the group to 梦和园. Three
 * residents open the card "from the group": the local stand-in for `wx.getGroupEnterInfo` is a CloudID
 * issued by local cloud for `{opengid}` (POST /_dev/open-data) and handed to the page in the query, which
 * passes it to `surveys.arrive`; the runtime resolves it as CloudBase does. 刘玉芬 and 王秀萍 answer
 * (王秀萍 from two pages at once: the second submit keeps her first answer), 马丽娜 only looks. After the
 * scheduler's run the live card (local cloud's updatable message) reads 2, and the officer sees the
 * results with charts and downloads the CSV.
 */
import type { Browser, Page } from 'playwright-core';
import { monthOf, surveyIdOf } from '../../backend/domain/surveyCalendar';
import { pagePath } from '../../types/routes';
import { launchChromium } from './support/browser';
import { button, createKit, field, waitUntil, walkSteps, type Kit } from './support/kit';
import { startE2EStack, type E2EStack } from './support/stack';

jest.setTimeout(150_000);

const COMMUNITY = 'community-menghe';
const GROUP = 'G-menghe-e2e';
const LOCAL_QUESTION = '您是否支持5号楼加装电梯？';
const ADVICE = '希望晚上多巡逻几次，东门路灯坏了（浏览器测试）';

let stack: E2EStack;
let browser: Browser;
let kit: Kit;
let officer: Page;
let surveyId = '';
const step = walkSteps();

interface UpdatableMessage {
  activity_id: string;
  state: number;
  parameters: Record<string, string>;
  updates: number;
}

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startE2EStack();
  kit = createKit(browser, stack, 'survey-walk');
}, 600_000);

afterAll(async () => {
  await kit?.close();
  await browser?.close();
  await stack?.stop();
});

const fireScheduler = () => stack.local.runtime.fireTimer('scheduler', { triggerName: 'everyMinute' });

/** What `wx.getGroupEnterInfo` answers in that group for that person: a CloudID local cloud resolves to `{opengid}`. */
async function groupCloudId(openid: string): Promise<string> {
  const res = await fetch(new URL('/_dev/open-data', stack.cloudUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data: { opengid: GROUP }, openid }),
  });
  if (!res.ok) throw new Error(`POST /_dev/open-data: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { cloudID: string }).cloudID;
}

/** The card as a group member opens it: the answer page with the group's stand-in CloudID. */
async function cardPath(openid: string): Promise<string> {
  return `/#${pagePath('surveyAnswer', { id: surveyId })}&fqGroupCloudID=${encodeURIComponent(await groupCloudId(openid))}`;
}

async function updatableMessages(): Promise<UpdatableMessage[]> {
  const res = await fetch(new URL('/_dev/updatable-messages', stack.cloudUrl));
  if (!res.ok) throw new Error(`GET /_dev/updatable-messages: HTTP ${res.status}`);
  const body: unknown = await res.json();
  return (Array.isArray(body) ? body : ((body as { messages?: unknown }).messages ?? [])) as UpdatableMessage[];
}

/** Answers the template's questions: ratings 4/5 (or 5/5), the first option of each choice, and a text. */
async function answer(page: Page, stars: [number, number], text?: string): Promise<void> {
  const starRows = page.locator('.rate__row').filter({ visible: true });
  await starRows.nth(0).locator('.rate__star').nth(stars[0] - 1).tap();
  await starRows.nth(1).locator('.rate__star').nth(stars[1] - 1).tap();
  const sections = page.locator('.fq-section').filter({ visible: true, has: page.locator('.survey-q__options') });
  for (let i = 0; i < (await sections.count()); i++) await sections.nth(i).locator('.survey-q__option').first().tap();
  if (text) await field(page, '请写下您的意见或建议').first().fill(text);
}

step('the timer creates the month’s draft and 周建军 finds it under 本月问卷', async () => {
  await fireScheduler();
  surveyId = surveyIdOf(COMMUNITY, monthOf(new Date()));
  officer = await kit.phone(stack.person('周建军'));
  await kit.see(officer, '周建军，您好');
  await officer.locator('.home__workbench').filter({ hasText: '本月问卷', visible: true }).tap();
  await kit.see(officer, '待发布');
  await kit.see(officer, '添加本社区的问题');
  await kit.shot(officer, 'draft');
});

step('he adds a question about a local matter and publishes', async () => {
  await officer.locator('.fq-choices__item').filter({ hasText: '单选', visible: true }).first().tap();
  await field(officer, '例如：您是否支持在5号楼加装电梯？').fill(LOCAL_QUESTION);
  await field(officer, '选项 1').fill('支持');
  await field(officer, '选项 2').fill('不支持');
  await button(officer, '添加这道题').tap();
  await kit.see(officer, LOCAL_QUESTION);
  await kit.see(officer, '本社区');
  await kit.shot(officer, 'local-question');

  await button(officer, '发布问卷').tap();
  // Taro H5's showModal: the confirm button of its dialog.
  await officer.locator('.taro-modal__foot .taro-modal__btn-primary, .taro-modal__foot div').filter({ hasText: '发布', visible: true }).last().tap();
  await kit.see(officer, '进行中');
  await kit.see(officer, '分享到社区群');
});

step('he shares the live card and opens it in the group, which binds the group to 梦和园', async () => {
  // The page asks for the card's activity id (createActivityId), as weapp does before wx.updateShareMenu.
  await button(officer, '分享到社区群').tap();
  await kit.see(officer, '已生成群卡片');
  await officer.reload();
  const cards = await waitUntil('the live card', async () => {
    const list = await updatableMessages();
    return list.length > 0 ? list : null;
  });
  // Created, not yet set: the first count is pushed by the scheduler once answers come in.
  expect(cards).toHaveLength(1);
  await kit.see(officer, '已分享 1 次');
  await kit.shot(officer, 'share');

  const ownCard = await kit.phone(stack.person('周建军'), await cardPath(stack.person('周建军').openid));
  await kit.see(ownCard, LOCAL_QUESTION);
  await officer.reload();
  await kit.see(officer, '已识别社区群');
});

step('刘玉芬 opens the card from the group and answers', async () => {
  const person = stack.person('刘玉芬');
  const page = await kit.phone(person, await cardPath(person.openid));
  await kit.see(page, LOCAL_QUESTION);
  await kit.see(page, '已输入 0 字，还可以输入 200 字');
  // Nothing answered: the required questions are named.
  await kit.see(page, /还有 \d+ 道必答题没有回答/);
  await kit.shot(page, 'resident-form');
  await answer(page, [4, 5], ADVICE);
  await kit.see(page, `已输入 ${[...ADVICE].length} 字`);
  await button(page, '提交问卷').tap();
  await kit.see(page, '您已提交，谢谢参与');
  await kit.see(page, `我的回答：${ADVICE}`);
  await kit.shot(page, 'resident-answered');
});

step('王秀萍 answers from two pages at once: the second submit keeps her first answer', async () => {
  const person = stack.person('王秀萍');
  const first = await kit.phone(person, await cardPath(person.openid));
  const second = await first.context().newPage();
  await second.goto(await cardPath(person.openid));
  await kit.see(first, LOCAL_QUESTION);
  await kit.see(second, LOCAL_QUESTION);
  await answer(first, [5, 5]);
  await answer(second, [1, 1]);
  await button(first, '提交问卷').tap();
  await kit.see(first, '您已提交，谢谢参与');
  await button(second, '提交问卷').tap();
  await kit.see(second, '您已提交，谢谢参与');
  // The first answer stands: 5 points, not the second page's 1.
  await kit.see(second, '我的回答：5 分');
  await kit.shot(second, 'second-submit');
});

step('马丽娜 opens the card and only looks', async () => {
  const person = stack.person('马丽娜');
  const page = await kit.phone(person, await cardPath(person.openid));
  await kit.see(page, '已有 2 位居民参与');
  await kit.see(page, '提交问卷');
});

step('after the scheduler’s run the card in the group reads 2', async () => {
  // Card updates are throttled to one a minute per survey (the stack's own timer may have pushed 1 already):
  // each probe runs the scheduler, until the minute has passed.
  const card = await waitUntil(
    'the card to count 2 answers',
    async () => {
      await fireScheduler();
      const list = await updatableMessages();
      return list.find((m) => m.parameters.member_count === '2') ?? null;
    },
    90_000,
  );
  expect(card.state).toBe(0);
  await officer.reload();
  await kit.see(officer, '卡片显示 2 人已参与');
  await kit.shot(officer, 'card-count');
});

step('the officer sees the results with charts and downloads the CSV', async () => {
  await button(officer, '查看结果（2 份）').tap();
  await kit.see(officer, '份答卷');
  await kit.see(officer, '满意度和安全感走势');
  await kit.see(officer, ADVICE);
  await kit.see(officer, '支持');
  // A chart per choice or rating question and the trend, drawn on canvas.
  // Drawn, not only present: every visible chart canvas has painted pixels.
  await waitUntil('the charts drawn', async () => officer.evaluate(() => {
    const canvases = Array.from(document.querySelectorAll('canvas')).filter((c) => c.getBoundingClientRect().width > 0);
    const painted = (c: HTMLCanvasElement) => {
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      return !!data && data.some((v, i) => i % 4 === 3 && v > 0);
    };
    return canvases.length >= 3 && canvases.every(painted);
  }));
  await kit.shot(officer, 'results');

  const download = officer.waitForEvent('download');
  await button(officer, '下载 CSV').tap();
  const file = await download;
  const body = await file.createReadStream().then(
    (stream) =>
      new Promise<Buffer>((resolve, reject) => {
        const parts: Buffer[] = [];
        stream.on('data', (c: Buffer) => parts.push(c));
        stream.on('end', () => resolve(Buffer.concat(parts)));
        stream.on('error', reject);
      }),
  );
  // UTF-8 with BOM, a header and one row per answer, no names.
  expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const lines = body.toString('utf8').slice(1).trim().split(/\r?\n/);
  expect(lines).toHaveLength(3);
  expect(body.toString('utf8')).toContain('希望晚上多巡逻几次');
  expect(body.toString('utf8')).not.toContain('刘玉芬');
  await kit.see(officer, '共 2 份答卷');
  await kit.shot(officer, 'csv');
});
