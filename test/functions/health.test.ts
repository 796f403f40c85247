/**
 * The post-deploy smoke check (issue 16): every function tries the openapi calls its own config.json
 * declares (read from the config.json deployed beside its bundle, not listed by hand) harmlessly,
 * for a caller-less `{Type:'Health'}` invocation (what npm run deploy sends to each function) or a
 * station admin; a permission WeChat never registered (-604101, injected here through local cloud's
 * faults) is named. Nothing is sent, queued or pushed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HealthOutput } from '../../types/health';
import { ids, stationSuite, unwrap } from './station';

const stack = stationSuite();

async function setFaults(config: unknown): Promise<void> {
  const res = await fetch(new URL('/_dev/faults', stack.cloud.url), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) });
  expect(res.status).toBe(200);
}

const FUNCTIONS_ROOT = path.join(__dirname, '../../cloudfunctions');
const declared = (fn: string): string[] =>
  (JSON.parse(fs.readFileSync(path.join(FUNCTIONS_ROOT, fn, 'config.json'), 'utf8')) as { permissions?: { openapi?: string[] } }).permissions?.openapi ?? [];
/** Every function, found as deploy finds them (a folder with index.ts), with what its config.json declares. */
const functions = fs.readdirSync(FUNCTIONS_ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(FUNCTIONS_ROOT, d.name, 'index.ts')))
  .map((d) => d.name);

describe('openapi smoke check', () => {
  it('every function answers the deploy\'s caller-less invocation by trying exactly what its config.json declares, all passing', async () => {
    // Today: cases, mediations, notices, open311, patrols, roster, scheduler, session, surveys (and notify, station with none).
    expect(functions.filter((fn) => declared(fn).length > 0).length).toBeGreaterThanOrEqual(9);
    // In parallel: each function's first invocation starts its instance.
    const answers = await Promise.all(functions.map(async (fn) => [fn, (await stack.invoke(fn, { Type: 'Health' })) as { ok: true; data: HealthOutput }] as const));
    for (const [fn, answer] of answers) {
      expect([fn, answer.ok]).toEqual([fn, true]);
      expect([fn, answer.data.apis.map((a) => a.api)]).toEqual([fn, declared(fn)]);
      expect([fn, answer.data.apis.filter((a) => a.status !== 'ok')]).toEqual([fn, []]);
    }
  }, 180_000);

  it('a station admin runs the same check through cases.health and scheduler.health', async () => {
    for (const fn of ['cases', 'scheduler'] as const) {
      const report = unwrap(await stack.call(`${fn}.health`, {}, ids.admin));
      expect(report.apis.map((a) => a.api)).toEqual(declared(fn));
      expect(report.apis.filter((a) => a.status !== 'ok')).toEqual([]);
    }
  });

  it('draws no mini-program code: the probe is refused for its empty scene', async () => {
    const before = stack.logs.length;
    unwrap(await stack.call('scheduler.health', {}, ids.admin));
    const answer = (await stack.invoke('session', { Type: 'Health' })) as { ok: true; data: HealthOutput };
    // The mini-program code was refused for its empty scene (40169): the permission works, nothing was drawn.
    expect(answer.data.apis).toEqual([expect.objectContaining({ api: 'wxacode.getUnlimited', status: 'ok', errCode: 40169 })]);
    expect(stack.logs.slice(before).filter((l) => /failed/.test(l))).toEqual([]);
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

  it('names a missing permission of any function, e.g. the survey card\'s activity id', async () => {
    await setFaults({ seed: 1, failures: [{ target: 'openapi.updatableMessage.createActivityId', rate: 1, error: -604101 }] });
    try {
      const answer = (await stack.invoke('surveys', { Type: 'Health' })) as { ok: true; data: HealthOutput };
      expect(answer.data.apis.filter((a) => a.status !== 'ok')).toEqual([expect.objectContaining({ api: 'updatableMessage.createActivityId', status: 'missingPermission', errCode: -604101 })]);
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
