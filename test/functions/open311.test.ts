/**
 * The Open311 GeoReport v2 endpoint through the local gateway (CloudBase's HTTP access service
 * locally: an integration request in, an integration response out), against the specification's
 * own example requests and the station's reports. Public answers carry no person and no free text.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import os from 'node:os';
import path from 'node:path';
import { startGateway, type Gateway } from '../../local-stack/gateway';
import { loadSessionSecret } from '../../local-stack/gateway/session';
import { createScheduler } from '../../local-stack/scheduler';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, fireLaneReport, ids, joinResident, requestId, unwrap } from './station';

let stack: TestStack;
let gateway: Gateway;
let h5Dir: string;
let base: string;
let reportId: string;
let helpId: string;
let apiKey: string;

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1 }, '张阿姨');
  reportId = unwrap(await stack.call('cases.create', fireLaneReport({ description: '3号楼东侧消防通道被车堵了，我电话13812345678' }), 'o-zhang')).case.id;
  helpId = unwrap(await stack.call('cases.create', {
    kind: 'help', helpType: 'elderly_care', urgency: 'normal', callbackAllowed: false, description: '楼上独居的王奶奶几天没出门了', clientRequestId: requestId(), location: { buildingId: ids.b1 },
  }, 'o-zhang')).case.id;
  apiKey = unwrap(await stack.call('open311.issueKey', { label: '区12345平台' }, ids.admin)).key;
  h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-h5-'));
  gateway = await startGateway({
    port: 0, runtime: stack.runtime, scheduler: createScheduler({ runtime: stack.runtime, log: () => undefined }),
    localCloudUrl: stack.cloud.url, envId: stack.cloud.env.TCB_ENV, sessionSecret: loadSessionSecret(stack.dataDir),
    people: [], h5Dir, appid: 'wx-open311-test', devToken: 'dev', log: () => undefined,
  });
  base = `${gateway.url}/open311/v2`;
}, 120_000);
afterAll(async () => {
  await gateway?.close();
  await stack?.close();
  if (h5Dir) fs.rmSync(h5Dir, { recursive: true, force: true });
});

async function get(p: string): Promise<{ status: number; type: string; text: string; json: () => any }> {
  const res = await fetch(`${base}/${p}`);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) };
}

async function post(p: string, form: string): Promise<{ status: number; text: string; json: () => any }> {
  const res = await fetch(`${base}/${p}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

describe('GET services', () => {
  it('lists the report categories with the specification\'s fields, in JSON and XML', async () => {
    const json = await get('services.json');
    expect(json.status).toBe(200);
    expect(json.type).toContain('application/json');
    const list = json.json();
    expect(list.map((s: { service_code: string }) => s.service_code)).toContain('ebike_indoor_charging');
    expect(list[0]).toEqual({
      service_code: 'ebike_indoor_charging', service_name: '电动车入户充电', description: expect.any(String),
      metadata: false, type: 'realtime', keywords: expect.any(String), group: '消防安全',
    });
    const xml = await get('services.xml');
    expect(xml.type).toContain('text/xml');
    expect(xml.text.startsWith('<?xml version="1.0" encoding="UTF-8"?><services><service><service_code>ebike_indoor_charging</service_code>')).toBe(true);
  });

  it('answers a service definition, and 404 in the error format for an unknown code', async () => {
    expect((await get('services/noise.json')).json()).toEqual({ service_code: 'noise', attributes: [] });
    const missing = await get('services/033.xml');
    expect(missing.status).toBe(404);
    expect(missing.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><errors><error><code>404<\/code><description>service_code 033 不存在/);
  });
});

describe('GET requests', () => {
  it('answers the specification\'s example query (a 2010 range) with an empty list', async () => {
    const r = await get('requests.xml?start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open');
    expect(r.status).toBe(200);
    expect(r.text).toBe('<?xml version="1.0" encoding="UTF-8"?><service_requests></service_requests>');
  });

  it('lists the station\'s reports without any personal data, and never a help request', async () => {
    const r = await get('requests.json');
    const list = r.json();
    expect(list.map((x: { service_request_id: string }) => x.service_request_id)).toEqual([reportId]);
    expect(list[0]).toMatchObject({
      service_request_id: reportId, status: 'open', service_code: 'fire_lane_blocked', service_name: '消防通道堵塞',
      description: '消防通道堵塞（夢和园 3号楼）', address: '夢和园 3号楼', address_id: ids.b1,
      agency_responsible: '和苑派出所 · 夢和园第一网格', service_notice: '一般事项 24 小时内受理', media_url: null, zipcode: null,
    });
    expect(list[0].requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(r.text).not.toMatch(/张阿姨|13812345678|私家车|王奶奶/);
    const help = await get(`requests/${helpId}.json`);
    expect(help.status).toBe(404);
    expect(help.json()).toEqual([{ code: 404, description: `service_request_id ${helpId} 不存在` }]);
  });

  it('filters by service_code and status, and by ids (which overrides the other filters)', async () => {
    expect((await get('requests.json?service_code=noise')).json()).toEqual([]);
    expect((await get('requests.json?status=closed')).json()).toEqual([]);
    expect((await get('requests.json?status=open,closed&service_code=fire_lane_blocked,noise')).json()).toHaveLength(1);
    const byId = (await get(`requests.json?service_request_id=${reportId},638344&service_code=noise`)).json();
    expect(byId.map((x: { service_request_id: string }) => x.service_request_id)).toEqual([reportId]);
  });

  it('refuses malformed parameters with the error format and a Chinese description', async () => {
    const r = await get('requests.json?start_date=2026-11-01');
    expect(r.status).toBe(400);
    expect(r.json()).toEqual([{ code: 400, description: 'start_date 须为带时区的 ISO 8601 时间，如 2026-11-01T00:00:00+08:00' }]);
    expect((await get('requests.json?status=pending')).status).toBe(400);
    expect((await get('requests.json?start_date=2026-11-02T00:00:00Z&end_date=2026-11-01T00:00:00Z')).json()).toEqual([{ code: 400, description: 'start_date 不能晚于 end_date' }]);
    expect((await get('requests.json?jurisdiction_id=sfgov.org')).status).toBe(404);
  });

  it('answers GET a request by id (the specification\'s example id does not exist)', async () => {
    expect((await get('requests/638344.json')).status).toBe(404);
    const one = await get(`requests/${reportId}.xml`);
    expect(one.text).toContain(`<service_requests><request><service_request_id>${reportId}</service_request_id><status>open</status>`);
  });
});

describe('POST requests', () => {
  const example = (key: string, code: string, address: string) =>
    `api_key=${encodeURIComponent(key)}&service_code=${code}&lat=37.76524078&long=-122.4212043&address_string=${encodeURIComponent(address)}` +
    '&email=smit222%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111' +
    `&description=${encodeURIComponent('3号楼楼道里有人给电动车充电，很危险')}&media_url=http%3A%2F%2Fclient.com%2Fmedia%2F12345.jpg`;

  it('refuses the specification\'s example with its unknown key: 403, nothing created', async () => {
    const r = await post('requests.json', example('xyz', '001', '1234 5th street'));
    expect(r.status).toBe(403);
    expect(r.json()).toEqual([{ code: 403, description: 'api_key 无效或已被撤销' }]);
    expect((await get('requests.json')).json()).toHaveLength(1);
  });

  it('refuses an unknown service code and an address outside the jurisdiction', async () => {
    expect((await post('requests.json', example(apiKey, '001', '夢和园3号楼'))).status).toBe(404);
    const outside = await post('requests.json', example(apiKey, 'ebike_indoor_charging', '1234 5th street'));
    expect(outside.status).toBe(400);
    expect(outside.json()[0].description).toContain('不在本辖区的小区内');
    const missing = await post('requests.json', `api_key=${apiKey}&service_code=noise&address_string=${encodeURIComponent('夢和园')}`);
    expect(missing.json()).toEqual([{ code: 400, description: '缺少 description（问题描述）' }]);
  });

  it('creates a report routed to the building\'s officer; the same post again answers the same id', async () => {
    const body = example(apiKey, 'ebike_indoor_charging', '夢和园 3号楼');
    const first = await post('requests.json', body);
    expect(first.status).toBe(200);
    const [created] = first.json();
    expect(created).toEqual({ service_request_id: expect.any(String), service_notice: '一般事项 24 小时内受理', account_id: '123456' });
    expect((await post('requests.json', body)).json()[0].service_request_id).toBe(created.service_request_id);

    const inbox = unwrap(await stack.call('cases.inbox', {}, ids.officer1));
    const rows = [...inbox.overdue, ...inbox.items].filter((c) => c.id === created.service_request_id);
    expect(rows).toHaveLength(1);
    const staffView = unwrap(await stack.call('cases.get', { caseId: created.service_request_id }, ids.officer1));
    expect(staffView).toMatchObject({ viewer: 'staff', description: '3号楼楼道里有人给电动车充电，很危险', reporter: { name: 'john smith（12345转办）' } });

    unwrap(await stack.call('cases.accept', { caseId: created.service_request_id }, ids.officer1));
    const after = (await get(`requests/${created.service_request_id}.json`)).json()[0];
    expect(after).toMatchObject({ status: 'open', status_notes: '已受理：社区民警已受理', lat: 37.765, long: -122.421, expected_datetime: null });
    expect(JSON.stringify(after)).not.toMatch(/smith|john|111111111|sfgov/);
  });

  it('stops accepting a key once the admin revokes it', async () => {
    const key = unwrap(await stack.call('open311.issueKey', { label: '待撤销' }, ids.admin));
    expect(key.apiKey.prefix).toBe(key.key.slice(0, 10));
    unwrap(await stack.call('open311.revokeKey', { keyId: key.apiKey.id }, ids.admin));
    const listed = unwrap(await stack.call('open311.listKeys', {}, ids.admin)).items;
    expect(listed.find((k) => k.id === key.apiKey.id)?.revokedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(key.key);
    const r = await post('requests.json', `api_key=${key.key}&service_code=noise&address_string=${encodeURIComponent('夢和园')}&description=${encodeURIComponent('夜里一直有人装修')}`);
    expect(r.status).toBe(403);
  });

  it('logs issuing and revoking a key in the audit log (once: revoking again logs nothing), never the key itself', async () => {
    const audit = async (action: 'api_key_issued' | 'api_key_revoked') => unwrap(await stack.call('station.auditLog', { action, pageSize: 20 }, ids.admin)).items;
    const key = unwrap(await stack.call('open311.issueKey', { label: '审计用' }, ids.admin));
    const issued = (await audit('api_key_issued')).filter((i) => i.target?.id === key.apiKey.id);
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ actorName: '李明（派出所管理员）', target: { kind: 'api_key', label: '审计用' } });
    expect(issued[0]!.detail).toContain(key.apiKey.prefix);
    unwrap(await stack.call('open311.revokeKey', { keyId: key.apiKey.id }, ids.admin));
    unwrap(await stack.call('open311.revokeKey', { keyId: key.apiKey.id }, ids.admin));
    const revoked = (await audit('api_key_revoked')).filter((i) => i.target?.id === key.apiKey.id);
    expect(revoked).toHaveLength(1);
    expect(revoked[0]!.detail).toContain('审计用');
    const everything = JSON.stringify(unwrap(await stack.call('station.auditLog', { pageSize: 20 }, ids.admin)).items);
    expect(everything).not.toContain(key.key);
    // Wrong roles are refused before anything is written.
    for (const who of [ids.officer1, 'o-zhang']) {
      const r = await stack.call('open311.issueKey', { label: '越权' }, who);
      expect(r.ok ? 'OK' : r.error.code).toBe('FORBIDDEN');
    }
    expect((await audit('api_key_issued')).some((i) => i.target?.label === '越权')).toBe(false);
  });
});

it('answers the service discovery file and refuses other methods and paths in the error format', async () => {
  const discovery = (await get('discovery.json')).json();
  expect(discovery.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['text/xml', 'application/json'] });
  const del = await fetch(`${base}/requests.json`, { method: 'DELETE' });
  expect(del.status).toBe(405);
  expect(await del.json()).toEqual([{ code: 405, description: '不支持 DELETE' }]);
  const unknown = await get('tokens/123.json');
  expect(unknown.status).toBe(404);
});

it('reads the requests list in at most 2 database round trips (plus the organisation cache fill)', async () => {
  await get('requests.json');
  const before = stack.logs.length;
  await get('requests.json?status=open');
  const line = stack.logs.slice(before).map((l) => /^open311: (\{.*\})$/.exec(l)?.[1]).filter(Boolean).map((j) => JSON.parse(j!)).find((e) => e.action === 'http GET');
  expect(line.calls.db - (line.calls.cacheFill ?? 0)).toBeLessThanOrEqual(2);
});

it('answers any malformed query or body with the error format, below 500, and creates nothing', async () => {
  const before = (await get('requests.json')).json().length;
  const param = fc.constantFrom('service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'jurisdiction_id', 'api_key', 'address_string', 'address_id', 'lat', 'long', 'description', '$where', '__proto__');
  const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('{"$ne":null}', '%00', '../../etc', 'x'.repeat(5000), '2026-13-45T99:99:99Z', '-1e309', '夢和园'));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('requests.json', 'requests.xml', 'services.json', 'requests/%E0%A4%A.json', 'services/..%2F.json'), fc.array(fc.tuple(param, value), { maxLength: 6 }), fc.boolean(), async (p, pairs, asPost) => {
      const qs = new URLSearchParams(pairs).toString();
      const res = asPost && p.startsWith('requests.')
        ? await fetch(`${base}/${p}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: qs })
        : await fetch(`${base}/${p}?${qs}`);
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) expect(text).toMatch(/"description":"(?:[^"\\]|\\.)*[\u4e00-\u9fa5]|<description>[^<]*[\u4e00-\u9fa5]/);
      expect(text).not.toMatch(/at \w+ \(|\/work\/|node_modules/);
    }),
    // Once found by the property: a description that quotes the input (escaped quotes) before its Chinese.
    { numRuns: 60, examples: [['requests.json', [['jurisdiction_id', '{"$ne":null}']], false]] },
  );
  expect((await get('requests.json')).json().length).toBe(before);
}, 300_000);
