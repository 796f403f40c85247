/**
 * Issue 9 in the browser build: a mediation going up the tiers, on the mediator's workbench and the
 * resident's case page. 刘玉芬 asks for mediation of a parking dispute; 周建军 accepts it at 警民联调,
 * assigns 陈玉梅 (who then finds it on her workbench), schedules and records a session and escalates it to 专业助调; 王志华 finds it on her
 * workbench and records a successful outcome with the agreement's terms and a photo of the signed
 * paper, and her workbench's stats count it; the resident sees the tiers, the session and the
 * agreement and confirms it; when the follow-up falls due (time moved on in the database, then the
 * scheduler's timer fired), it waits on her workbench and she records it.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import * as sdk from 'wx-server-sdk';
import { mediationTypeLabels } from '../../types/enums';
import { pagePath, routePath } from '../../types/routes';
import { fillMediationRequest } from './support/forms';
import { button, field, waitUntil, walkSteps } from './support/kit';
import { browserWalk } from './support/walk';

jest.setTimeout(120_000);

const PHOTO = path.join(__dirname, 'fixtures', 'blocked-fire-exit.png');
const PARKING = mediationTypeLabels.parking; // 车位纠纷
const OTHER_PARTY = '3号楼601的车主，姓钱';
const WHAT_HAPPENED = '楼下的固定车位连续两周被同一辆白色轿车占用，沟通无果（浏览器测试）';
const WANTS = '希望对方不再占用我家的车位';
const PLACE = '梦和园警务室调解室';
const SESSION_NOTES = '双方到场陈述，对车位归属无争议，对方承认临时占用';
const ESCALATION = '对方要求赔偿停车费，分歧较大，需要专业调解';
const SUMMARY = '经专业调解，双方达成一致，签署调解协议';
const TERMS = '钱先生自即日起不再占用刘玉芬家车位，并当面致歉（浏览器测试）';
const FOLLOW_UP = '电话回访刘玉芬，车位已无人占用（浏览器测试）';

const kit = browserWalk('mediation-tiers');
let resident: Page;
let officer: Page;
let judicial: Page;
let caseId = '';
/** 王志华's "我调结" on her workbench before this walk's outcome. */
let closedBefore = -1;
const step = walkSteps();

const tile = (page: Page, text: string | RegExp) => page.locator('.fq-choices__item').filter({ hasText: text, visible: true }).first();

step('the resident asks for mediation of a parking dispute', async () => {
  resident = await kit.phone(kit.stack.person('刘玉芬'));
  await kit.see(resident, '刘玉芬，您好');
  // A resident has no workbench.
  await expect(resident.getByText('调解工作台').count()).resolves.toBe(0);
  await fillMediationRequest(kit, resident, { kind: PARKING, otherParty: OTHER_PARTY, whatHappened: WHAT_HAPPENED, wants: WANTS });
  await button(resident, '申请调解').tap();
  caseId = await kit.submitted(resident);
  await kit.see(resident, WHAT_HAPPENED);
  await kit.shot(resident, 'resident-asked');
});

step('the officer accepts it at 警民联调 and assigns 陈玉梅', async () => {
  officer = await kit.phone(kit.stack.person('周建军'));
  await kit.see(officer, '调解工作台');
  await kit.see(officer, '民警工作台');
  await kit.shot(officer, 'officer-home');
  await officer.goto(`/#${pagePath('staffCase', { id: caseId })}`);
  await kit.see(officer, WHAT_HAPPENED);
  await button(officer, '受理').tap();
  await kit.see(officer, '周建军（我）');
  await button(officer, '进入调解').tap();
  await officer.waitForURL(new RegExp(`${routePath('mediationCase')}\\?id=${caseId}`));
  await kit.see(officer, '警民联调', officer.locator('.med-case__head'));
  await kit.see(officer, '距调解期限还有');
  await kit.shot(officer, 'officer-mediation-accepted');

  await button(officer, '指派调解员').tap();
  await tile(officer, '陈玉梅').tap();
  await kit.shot(officer, 'officer-assign-sheet');
  await button(officer, '确认指派').tap();
  await kit.see(officer, /调解员.*陈玉梅/);
});

step('陈玉梅, the community mediator assigned, finds it on her workbench', async () => {
  const chen = await kit.phone(kit.stack.person('陈玉梅'));
  await kit.see(chen, '调解工作台');
  await expect(chen.getByText('工作人员入口').filter({ visible: true }).count()).resolves.toBe(0);
  await chen.locator('.home__workbench').filter({ hasText: '调解工作台', visible: true }).tap();
  const row = chen.locator('.med-row').filter({ hasText: '警民联调', visible: true }).filter({ hasText: PARKING }).filter({ hasText: '刘**' }).first();
  await row.waitFor().catch(async (err: unknown) => {
    throw await kit.explain(chen, err);
  });
  // Her own cases' stats (a community mediator sees only hers).
  await kit.see(chen, '近6个月调解成效');
  await kit.shot(chen, 'community-mediator-workbench');
  await chen.close();
});

step('the officer schedules a session and records it', async () => {
  await button(officer, '安排调解').tap();
  await kit.see(officer, '日期');
  const day = officer.locator('.fq-choices--3 .fq-choices__item').filter({ visible: true }).first();
  await day.tap();
  await tile(officer, '14:00').tap();
  await field(officer, '例如：社区警务室调解室').fill(PLACE);
  await kit.shot(officer, 'officer-schedule-sheet');
  await button(officer, '确认安排').tap();
  await kit.see(officer, PLACE);
  await kit.see(officer, '待调解');

  await officer.getByText('记录这次调解').filter({ visible: true }).tap();
  await field(officer, '双方说了什么、争议在哪里').fill(SESSION_NOTES);
  await button(officer, '保存记录').tap();
  await kit.see(officer, SESSION_NOTES);
  await kit.see(officer, '已调解');
  await kit.shot(officer, 'officer-session-recorded');
});

step('the officer escalates it to 专业助调', async () => {
  await button(officer, '升级到专业助调').tap();
  await field(officer, '为什么需要升级，例如：双方分歧较大，需要专业调解').fill(ESCALATION);
  await kit.shot(officer, 'officer-escalate-sheet');
  await button(officer, '确认升级').tap();
  await kit.see(officer, '专业助调', officer.locator('.med-case__head'));
  await kit.see(officer, /王志华/);
  await kit.shot(officer, 'officer-escalated');
});

step('王志华 finds it on her workbench and records a successful outcome with the agreement', async () => {
  judicial = await kit.phone(kit.stack.person('王志华'));
  await kit.see(judicial, '调解工作台');
  // Holding a role, she is neither asked to join a community nor offered the invite code.
  await expect(judicial.getByText('先选择您住的社区').filter({ visible: true }).count()).resolves.toBe(0);
  await expect(judicial.getByText('工作人员入口').filter({ visible: true }).count()).resolves.toBe(0);
  await kit.shot(judicial, 'judicial-home');

  await judicial.locator('.home__workbench').filter({ hasText: '调解工作台', visible: true }).tap();
  await kit.see(judicial, '近6个月调解成效');
  const row = judicial.locator('.med-row').filter({ hasText: '专业助调', visible: true }).filter({ hasText: PARKING }).filter({ hasText: '刘**' }).first();
  await row.waitFor().catch(async (err: unknown) => {
    throw await kit.explain(judicial, err);
  });
  await kit.shot(judicial, 'judicial-workbench');
  closedBefore = parseInt(await judicial.locator('.med-bench__figure-value').filter({ visible: true }).first().innerText(), 10);
  expect(closedBefore).toBeGreaterThanOrEqual(0);
  await row.tap();
  await judicial.waitForURL(new RegExp(`${routePath('mediationCase')}\\?id=${caseId}`)).catch(async (err: unknown) => {
    throw await kit.explain(judicial, err);
  });
  await kit.see(judicial, SESSION_NOTES);

  await button(judicial, '记录调解结果').tap();
  await tile(judicial, '调解成功').tap();
  await field(judicial, '经过调解，双方达成了什么').fill(SUMMARY);
  await field(judicial, '协议条款，例如：双方约定车位使用时间……').fill(TERMS);
  const chooser = judicial.waitForEvent('filechooser');
  await judicial.locator('.fq-photos__add').filter({ visible: true }).tap();
  await (await chooser).setFiles(PHOTO);
  await waitUntil('the agreement photo to upload', async () => (await judicial.locator('.fq-photos__img').count()) === 1 && (await judicial.locator('.fq-photos__veil').count()) === 0);
  await kit.shot(judicial, 'judicial-outcome-sheet');
  await button(judicial, '确认结果').tap();
  await kit.see(judicial, TERMS);
  await kit.see(judicial, '当事人尚未确认');
  await expect(judicial.locator('.fq-med-agreement-photo').count()).resolves.toBe(1);
  await kit.shot(judicial, 'judicial-outcome');
});

step('the resident sees the tiers, the session and the agreement, and confirms it', async () => {
  await resident.goto(`/#${pagePath('caseDetail', { id: caseId })}`);
  await resident.reload();
  await kit.see(resident, '调解进展');
  await expect(resident.locator('.case-med__step--now').innerText()).resolves.toContain('专业助调');
  await kit.see(resident, PLACE);
  await kit.see(resident, TERMS);
  await kit.shot(resident, 'resident-agreement');
  await button(resident, '确认协议').tap();
  await kit.see(resident, /当事人已在线确认/);
  await expect(button(resident, '确认协议').count()).resolves.toBe(0);
  await kit.shot(resident, 'resident-confirmed');
});

step("王志华's workbench stats count the mediation she closed", async () => {
  await judicial.goto(`/#${pagePath('mediationBench')}`);
  await judicial.reload();
  await kit.see(judicial, '近6个月调解成效');
  await waitUntil('her closed count to include this mediation', async () => {
    const text = await judicial.locator('.med-bench__figure-value').filter({ visible: true }).first().innerText();
    return parseInt(text, 10) === closedBefore + 1;
  });
  await kit.shot(judicial, 'judicial-stats');
});

step('when the follow-up falls due, the scheduler reminds 王志华 and it waits on her workbench; she records it', async () => {
  // Time passes: the follow-up date (15 days after the agreement) moves into the past, and with it
  // the case's sweep time, as the scheduler tests do; then the timer fires as it does every minute.
  Object.assign(process.env, kit.stack.local.cloud.env);
  sdk.init({ env: kit.stack.local.cloud.env.TCB_ENV });
  const past = new Date(Date.now() - 60_000);
  await sdk.database().collection('cases').doc(caseId).update({ data: { 'mediation.followUpDueAt': past, sweepAt: past } });
  await kit.stack.local.runtime.fireTimer('scheduler', { triggerName: 'everyMinute' });

  await judicial.goto(`/#${pagePath('mediationBench')}`);
  await judicial.reload();
  await kit.see(judicial, /待回访 [1-9]\d* 件/);
  const row = judicial.locator('.med-row').filter({ hasText: PARKING, visible: true }).filter({ hasText: '刘**' }).first();
  await row.waitFor().catch(async (err: unknown) => {
    throw await kit.explain(judicial, err);
  });
  await kit.shot(judicial, 'judicial-follow-up-due');
  await row.tap();
  await kit.see(judicial, '（已到期）');
  await button(judicial, '记录回访').tap();
  await tile(judicial, '协议正在履行').tap();
  await field(judicial, '回访了谁、现在情况如何').fill(FOLLOW_UP);
  await button(judicial, '保存回访').tap();
  await kit.see(judicial, `协议正在履行：${FOLLOW_UP}`);
  await kit.shot(judicial, 'judicial-follow-up-recorded');
});
