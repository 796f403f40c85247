/**
 * The post-deploy smoke check (issue 16): each function with declared openapi calls tries them
 * harmlessly, for a station admin or a caller-less `{Type:'Health'}` invocation (what npm run deploy
 * sends); a permission WeChat never registered (-604101, injected here through local cloud's faults)
 * is named. Nothing is sent, queued or pushed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HealthOutput } from '../../types/health';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, ids, unwrap } from './station';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
}, 120_000);
afterAll(() => stack?.close());

async function setFaults(config: unknown): Promise<void> {
  const res = await fetch(new URL('/_dev/faults', stack.cloud.url), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) });
  expect(res.status).toBe(200);
}

const declared = (fn: string): string[] =>
  (JSON.parse(fs.readFileSync(path.join(__dirname, '../../cloudfunctions', fn, 'config.json'), 'utf8')) as { permissions?: { openapi?: string[] } }).permissions?.openapi ?? [];

describe('openapi smoke check', () => {
  it('tries exactly the calls each function declares, and all pass when the permissions are there', async () => {
    for (const fn of ['cases', 'scheduler'] as const) {
      const report = unwrap(await stack.call(`${fn}.health`, {}, ids.admin));
      expect(report.apis.map((a) => a.api).sort()).toEqual(declared(fn).sort());
      expect(report.apis.filter((a) => a.status !== 'ok')).toEqual([]);
    }
  });

  it('answers the deploy\'s caller-less invocation the same way', async () => {
    const answer = (await stack.invoke('cases', { Type: 'Health' })) as { ok: true; data: HealthOutput };
    expect(answer.ok).toBe(true);
    expect(answer.data.apis.map((a) => [a.api, a.status])).toEqual([
      ['subscribeMessage.send', 'ok'], ['security.msgSecCheck', 'ok'], ['security.mediaCheckAsync', 'ok'],
    ]);
  });

  it('names an API whose permission is missing', async () => {
    await setFaults({ seed: 1, failures: [{ target: 'openapi.security.msgSecCheck', rate: 1, error: -604101 }] });
    try {
      const report = unwrap(await stack.call('cases.health', {}, ids.admin));
      expect(report.apis.find((a) => a.api === 'security.msgSecCheck')).toMatchObject({ status: 'missingPermission', errCode: -604101 });
      expect(report.apis.filter((a) => a.status !== 'ok').map((a) => a.api)).toEqual(['security.msgSecCheck']);
    } finally {
      await setFaults({ failures: [] });
    }
  });

  it('sends nothing: no subscribe message reaches anyone', async () => {
    unwrap(await stack.call('scheduler.health', {}, ids.admin));
    expect((await stack.outbox({ touser: ids.admin })).filter((m) => m.ok)).toEqual([]);
  });

  it('is for station admins only', async () => {
    expect(await stack.call('cases.health', {}, ids.officer1)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
