/**
 * Second walk of issue 4: a resident asks for mediation and then withdraws the request. The
 * resident is 孙立新 of the demo station (already joined 馨和园); the case reaches his grid's inbox
 * and, once withdrawn, reads 已撤回 for him with the withdrawal in its timeline.
 */
import type { Page } from 'playwright-core';
import { mediationTypeLabels } from '../../types/enums';
import { pagePath } from '../../types/routes';
import { fillMediationRequest } from './support/forms';
import { button, field, walkSteps } from './support/kit';
import { browserWalk } from './support/walk';

jest.setTimeout(120_000);

const NEIGHBOUR = mediationTypeLabels.neighbor; // 邻里纠纷
const OTHER_PARTY = '楼上602的住户，姓赵';
const WHAT_HAPPENED = '楼上每天夜里十二点以后还在拖动家具、跳绳，已经持续一个多月（浏览器测试）';
const WANTS = '希望晚上十点以后不要再有大的响动';
const WHY_WITHDRAWN = '已经和楼上当面谈好了';

const kit = browserWalk('mediation-walk');
let resident: Page;
const step = walkSteps();

step('a resident asks for mediation with a neighbour', async () => {
  resident = await kit.phone(kit.stack.person('孙立新'));
  await kit.see(resident, '孙立新，您好');
  await fillMediationRequest(kit, resident, { kind: NEIGHBOUR, otherParty: OTHER_PARTY, whatHappened: WHAT_HAPPENED, wants: WANTS });
  await kit.see(resident, '我家楼栋');
  await kit.shot(resident, 'mediation-filled');

  await button(resident, '申请调解').tap();
  await kit.submitted(resident);
  await kit.see(resident, WHAT_HAPPENED);
  await kit.see(resident, OTHER_PARTY);
  await kit.see(resident, WANTS);
  await kit.see(resident, '已提交');
  await kit.shot(resident, 'mediation-submitted');
});

step('the resident withdraws the request', async () => {
  await button(resident, '撤回这件事').tap();
  await field(resident, '撤回的原因（可以不填），例如：已经自己解决了').fill(WHY_WITHDRAWN);
  await kit.shot(resident, 'withdraw-sheet');
  await button(resident, '确认撤回').tap();

  await kit.see(resident, '已撤回');
  await kit.see(resident, '撤回', resident.locator('.fq-timeline'));
  await kit.see(resident, WHY_WITHDRAWN);
  // Nothing is left to do on a withdrawn request.
  await expect(button(resident, '撤回这件事').count()).resolves.toBe(0);
  await kit.shot(resident, 'withdrawn');
});

step('my cases lists it as withdrawn', async () => {
  await resident.goto(`/#${pagePath('myCases')}`);
  // The demo resident has older cases too: ours is the 邻里纠纷调解 updated just now ("几秒前", dayjs' relativeTime).
  const row = resident.locator('.fq-case-row').filter({ hasText: `${NEIGHBOUR}调解`, visible: true }).filter({ hasText: /几秒前|\d+ 分钟前/ }).first();
  await row.waitFor().catch(async (err: unknown) => {
    throw await kit.explain(resident, err);
  });
  await expect(row.innerText()).resolves.toContain('已撤回');
  await kit.shot(resident, 'my-cases');
});
