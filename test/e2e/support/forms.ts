/** The app's forms filled the way a resident fills them, for walks that share a form. */
import type { Page } from 'playwright-core';
import { field, type Kit } from './kit';

export interface MediationRequest {
  /** The kind's label as a tile shows it (mediationTypeLabels). */
  kind: string;
  otherParty: string;
  whatHappened: string;
  wants: string;
}

/** From the home page: 申请调解, then the kind of dispute, the other party, what happened and what she wants (not yet sent). */
export async function fillMediationRequest(kit: Kit, page: Page, request: MediationRequest): Promise<void> {
  await page.locator('.home__entry').filter({ hasText: '申请调解', visible: true }).tap();
  await kit.see(page, '什么纠纷');
  await page.locator('.fq-choices__item').filter({ hasText: request.kind, visible: true }).first().tap();
  await field(page, '对方的称呼、门牌号').fill(request.otherParty);
  await field(page, '事情的经过，持续多久了').fill(request.whatHappened);
  await field(page, '例如：希望对方晚上十点后不要装修').fill(request.wants);
}
