import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadSdk, postAdmin, startTestCloud, writeCollectionsFile, type TestCloud, type WxCloud } from './helpers';

/**
 * The console's API (`/_dev/api/…`) and the fault endpoint, against a local cloud used through the
 * real SDK: filters read like the SDK's where, the plan and the examined count are the store's own,
 * edits are seen by the SDK, only this machine may use it, and injected faults reach the SDK.
 */
let tc: TestCloud;
let cloud: WxCloud;
let work: string;

async function get<T>(p: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${tc.lc.url}${p}`, { headers });
  return { status: res.status, body: (await res.json()) as T };
}

async function send(method: string, p: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${tc.lc.url}${p}`, { method, headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface DocsAnswer {
  docs: Array<Record<string, unknown>>;
  plan: { kind: string; index: string | null };
  examined: number;
  total: number;
  strictRefusal: string | null;
}

const docs = (collection: string, q: Record<string, string> = {}) => get<DocsAnswer>(`/_dev/api/documents?${new URLSearchParams({ collection, ...q })}`);

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-console-'));
  const collectionsFile = writeCollectionsFile(work, [
    { name: 'cases', indexes: [{ name: 'status_created', unique: false, keys: [{ field: 'status', direction: 1 }, { field: 'createdAt', direction: -1 }] }] },
  ]);
  tc = await startTestCloud({ collectionsFile, scanLimit: 5 });
  cloud = loadSdk(tc.lc);
  const db = cloud.database();
  for (let n = 1; n <= 12; n++) {
    await db.collection('cases').add({
      data: { _id: `c${n}`, n, status: n % 3 === 0 ? 'open' : 'closed', createdAt: new Date(Date.UTC(2026, 10, n)), location: { buildingId: n % 2 ? 'b1' : 'b2' } },
    });
  }
});

afterAll(async () => {
  await tc.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

test('the page is Chinese, has no data in it, and forbids framing and foreign scripts', async () => {
  const res = await fetch(`${tc.lc.url}/_dev`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('<title>本地云控制台</title>');
  expect(html).not.toContain('c1');
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
});

test('collections come with their counts and declared indexes', async () => {
  const { body } = await get<Array<{ name: string; count: number; indexes: Array<{ name: string }> }>>('/_dev/api/collections');
  expect(body.find((c) => c.name === 'cases')).toEqual({ name: 'cases', count: 12, indexes: [expect.objectContaining({ name: 'status_created' })] });
});

test('a filter reads like the SDK\'s where, and the answer names the index and the documents examined', async () => {
  const open = await docs('cases', { filter: '{"status":"open"}', sort: 'createdAt:-1' });
  expect(open.body.docs.map((d) => d._id)).toEqual(['c12', 'c9', 'c6', 'c3']);
  expect(open.body.plan).toMatchObject({ kind: 'index', index: 'status_created' });
  expect(open.body.examined).toBe(4);
  expect(open.body.docs[0]!.createdAt).toEqual({ $date: '2026-11-12T00:00:00Z' });
  // The index delivers the order: reading stops once the page is full.
  const page = await docs('cases', { filter: '{"status":"closed"}', sort: 'createdAt:-1', limit: '2' });
  expect(page.body).toMatchObject({ plan: { kind: 'index', index: 'status_created' }, examined: 2, total: 8 });
  expect(page.body.docs.map((d) => d._id)).toEqual(['c11', 'c10']);

  // Nested objects are paths, as the SDK flattens them; dates are EJSON; commands are $-objects.
  const nested = await docs('cases', { filter: JSON.stringify({ location: { buildingId: 'b2' }, createdAt: { $gte: { $date: '2026-11-07T00:00:00Z' } } }) });
  expect(nested.body.docs.map((d) => d._id).sort()).toEqual(['c10', 'c12', 'c8']);
  expect(nested.body.plan.kind).toBe('scan');
  expect(nested.body.examined).toBe(12);
  // Strict mode (scan limit 5) would refuse it from a function; the console says so and answers anyway.
  expect(nested.body.strictRefusal).toContain('scanned more than 5 documents');
  expect(nested.body.total).toBe(3);

  expect((await docs('cases', { filter: '{"_id":"c5"}' })).body).toMatchObject({ plan: { kind: 'id' }, examined: 1, total: 1 });
  expect((await docs('cases', { filter: '{not json' })).status).toBe(400);
});

test('an edit is a replace the SDK sees at once (dates stay dates); a delete removes the document', async () => {
  const { body } = await get<{ doc: Record<string, unknown> }>('/_dev/api/document?collection=cases&id=c1');
  const edited = { ...body.doc, status: 'open', note: '<script>x</script>', due: { $date: '2026-12-01T08:00:00Z' } };
  expect((await send('PUT', '/_dev/api/document?collection=cases&id=c1', edited)).status).toBe(200);
  const seen = (await cloud.database().collection('cases').doc('c1').get()).data;
  expect(seen).toMatchObject({ status: 'open', note: '<script>x</script>', due: new Date('2026-12-01T08:00:00Z'), createdAt: new Date(Date.UTC(2026, 10, 1)) });
  // Still found through the index after the edit.
  expect((await docs('cases', { filter: '{"status":"open"}' })).body.total).toBe(5);

  expect((await send('PUT', '/_dev/api/document?collection=cases&id=c1', { ...edited, _id: 'other' })).status).toBe(400);
  const del = await fetch(`${tc.lc.url}/_dev/api/document?collection=cases&id=c2`, { method: 'DELETE' });
  expect(del.status).toBe(200);
  await expect(cloud.database().collection('cases').doc('c2').get()).rejects.toBeTruthy();
});

test('only this machine may use it, and writes must be JSON (no cross-site form can send them)', async () => {
  const rebound = await new Promise<number>((resolve, reject) => {
    const u = new URL(tc.lc.url);
    http.get({ host: u.hostname, port: u.port, path: '/_dev/api/collections', headers: { host: 'evil.example:80' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
  expect(rebound).toBe(403);
  expect((await send('POST', '/_dev/reset', 'snapshot=seed', 'application/x-www-form-urlencoded')).status).toBe(415);
  expect((await send('PUT', '/_dev/faults', 'x', 'text/plain')).status).toBe(415);
});

test('invocations recorded by the runtime are listed newest first and filtered', async () => {
  const base = { requestId: 'r', source: 'wx_client', ms: 12, calls: { db: 3, openapi: 1 } };
  tc.lc.recordInvocation({ ...base, at: '2026-11-30T01:00:00Z', fn: 'cases', action: 'create', caller: 'o-a', ok: true });
  tc.lc.recordInvocation({ ...base, at: '2026-11-30T01:00:01Z', fn: 'cases', action: 'get', caller: 'o-b', ok: false, code: 'NOT_FOUND' });
  tc.lc.recordInvocation({ ...base, at: '2026-11-30T01:00:02Z', fn: 'notify', action: 'badge', caller: 'o-a', ok: true });
  const all = (await get<Array<{ action: string }>>('/_dev/api/invocations')).body;
  expect(all.map((r) => r.action)).toEqual(['badge', 'get', 'create']);
  expect((await get<Array<{ action: string }>>('/_dev/api/invocations?fn=cases.create')).body.map((r) => r.action)).toEqual(['create']);
  expect((await get<Array<{ action: string }>>('/_dev/api/invocations?caller=o-a&fn=cases')).body.map((r) => r.action)).toEqual(['create']);
  expect((await get<Array<{ code: string }>>('/_dev/api/invocations?ok=false')).body).toEqual([expect.objectContaining({ code: 'NOT_FOUND', calls: { db: 3, openapi: 1 } })]);
});

test('stored files are listed and served so they cannot script the console', async () => {
  await cloud.uploadFile({ cloudPath: 'docs/x.html', fileContent: Buffer.from('<script>alert(1)</script>') });
  const { body } = await get<Array<{ key: string; size: number }>>('/_dev/api/files?prefix=docs/');
  expect(body).toEqual([expect.objectContaining({ key: 'docs/x.html', size: 25 })]);
  const res = await fetch(`${tc.lc.url}/_dev/api/file?key=docs/x.html`);
  expect(await res.text()).toBe('<script>alert(1)</script>');
  expect(res.headers.get('content-security-policy')).toBe('sandbox');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
});

describe('fault injection', () => {
  afterEach(() => tc.lc.setFaults({}));

  test('latency per database round trip, set at run time', async () => {
    const put = await send('PUT', '/_dev/faults', { latencyMs: { 'database.getDocument': 120 } });
    expect(put.body).toMatchObject({ latencyMs: { 'database.getDocument': 120 } });
    const started = Date.now();
    await cloud.database().collection('cases').doc('c3').get();
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });

  test('openapi calls answer the chosen WeChat errcode', async () => {
    await send('POST', '/_dev/subscriptions', { openid: 'o-x', templateIds: ['T'], kind: 'long-term' });
    await send('PUT', '/_dev/faults', { failures: [{ target: 'openapi.subscribeMessage.send', rate: 1, error: 43101 }] });
    await expect(cloud.openapi.subscribeMessage.send({ touser: 'o-x', templateId: 'T', data: { thing1: { value: '案件' } } })).rejects.toMatchObject({ errCode: 43101 });
    tc.lc.setFaults({});
    await expect(cloud.openapi.subscribeMessage.send({ touser: 'o-x', templateId: 'T', data: { thing1: { value: '案件' } } })).resolves.toMatchObject({ errCode: 0 });
    const outbox = (await get<Array<{ ok: boolean; errcode: number }>>('/_dev/outbox?touser=o-x')).body;
    expect(outbox.map((m) => m.errcode)).toEqual([0, 43101]);
  });

  test('database writes fail transiently at the chosen rate, with a CloudBase error the SDK rejects with', async () => {
    tc.lc.setFaults({ seed: 1, failures: [{ target: 'database.write', rate: 0.5 }] });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => cloud.database().collection('cases').doc('c4').update({ data: { n: 100 + i } }).then(() => 'ok', (e: { errCode?: number; message?: string }) => String(e.message ?? e.errCode))),
    );
    const failed = outcomes.filter((o) => o !== 'ok');
    expect(failed.length).toBeGreaterThan(3);
    expect(failed.length).toBeLessThan(17);
    expect(failed[0]).toContain('injected fault');
    // Reads are untouched.
    await expect(cloud.database().collection('cases').doc('c4').get()).resolves.toBeTruthy();
    expect((await get<{ injected: Record<string, number> }>('/_dev/faults')).body.injected['database.write']).toBe(failed.length);
  });

  test('a timeout holds the request without an answer, then drops the connection', async () => {
    tc.lc.setFaults({ timeoutMs: 300, failures: [{ target: 'database.calculateDocument', rate: 1, error: 'timeout' }] });
    const started = Date.now();
    await expect(postAdmin(tc.lc, { action: 'database.calculateDocument', collectionName: 'cases', query: '{}' })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test('bad rules are refused with the reason', async () => {
    const res = await send('PUT', '/_dev/faults', { failures: [{ target: 'database', rate: 2 }] });
    expect(res.status).toBe(400);
    expect(String(res.body.message)).toContain('rate');
  });
});

describe('updatable messages (shown beside the outbox)', () => {
  test('an activity id moves from joining (0) to started (1), which is final; the console lists it', async () => {
    const created = await cloud.openapi.updatableMessage.createActivityId({});
    expect(created).toMatchObject({ errCode: 0, activityId: expect.any(String) });
    expect(created.expirationTime * 1000 - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    const set = (targetState: number, parameterList: Array<{ name: string; value: string }>) =>
      cloud.openapi.updatableMessage.setUpdatableMsg({ activityId: created.activityId, targetState, templateInfo: { parameterList } });
    await expect(set(0, [{ name: 'member_count', value: '2' }])).rejects.toMatchObject({ errCode: 47001 });
    await expect(set(0, [{ name: 'member_count', value: '2' }, { name: 'room_limit', value: '5' }])).resolves.toMatchObject({ errCode: 0 });
    await expect(set(1, [{ name: 'path', value: 'pages/home/index' }, { name: 'version_type', value: 'release' }])).resolves.toMatchObject({ errCode: 0 });
    await expect(set(0, [{ name: 'member_count', value: '3' }, { name: 'room_limit', value: '5' }])).rejects.toMatchObject({ errCode: 47001 });
    const { body } = await get<Array<Record<string, unknown>>>('/_dev/updatable-messages');
    expect(body[0]).toMatchObject({ activity_id: created.activityId, state: 1, updates: 2, parameters: { path: 'pages/home/index', version_type: 'release' } });
  });
});
