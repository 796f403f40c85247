/**
 * issue 11 fixtures: grid workers of the test station (test/functions/station.ts) and a way to put a
 * case past its acceptance deadline without waiting for it.
 */
import { newUser, putUser, type UserDoc } from '../../backend/data/users';
import { PRIVACY_VERSION } from '../../types/privacy';
import type { TestStack } from '../support/stack';
import { ids } from './station';

export const grid = {
  /** Works g1 (周建军's grid: building b1). */
  worker: 'o-gridworker-ma',
  /** Works g3 (欣和园, 王卫东's grid). */
  otherWorker: 'o-gridworker-xin',
};

function worker(openid: string, gridId: string, name: string, now: Date): UserDoc {
  return {
    ...newUser(openid, now), roles: ['grid_worker'], stationId: ids.station, workerGridId: gridId,
    privacyVersion: PRIVACY_VERSION, privacyConsentAt: now,
    staff: { name, title: '网格员', dutyHours: '工作日 8:30–17:30', phone: '022-12345678', photoFileId: null },
  };
}

export async function arrangeGridWorkers(): Promise<void> {
  const now = new Date();
  await putUser(worker(grid.worker, ids.g1, '马丽娜', now));
  await putUser(worker(grid.otherWorker, ids.g3, '孙红', now));
}

/**
 * The case waits past its deadline (as if `minutesAgo` minutes late). `sweep`: the scheduler's next
 * tick escalates it; without, the scheduler leaves it alone (a measurement that needs it idle).
 */
export async function makeOverdue(stack: TestStack, caseId: string, minutesAgo = 60, sweep = true): Promise<void> {
  const due = new Date(Date.now() - minutesAgo * 60_000);
  await stack.database().collection('cases').doc(caseId).update({ data: { slaDueAt: due, ...(sweep ? { sweepAt: due } : {}) } });
}
