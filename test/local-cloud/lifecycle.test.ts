import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCli } from './cli-process';
import { loadSdk, startTestCloud, writeCollectionsFile, type TestCloud, type WxCloud } from './helpers';

/**
 * Export, import, snapshot and reset through the developer endpoints, checked with the real SDK:
 * dates stay dates, files come back byte for byte, a refused import changes nothing, and a reset
 * is one step for every request in flight.
 */
let tc: TestCloud;
let cloud: WxCloud;
let work: string;

const createdAt = new Date('2026-11-20T08:30:00.000Z');

async function post(p: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${tc.lc.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function allCases(): Promise<Array<Record<string, unknown>>> {
  return (await cloud.database().collection('cases').orderBy('n', 'asc').limit(100).get()).data;
}

async function fileText(fileID: string): Promise<string> {
  const res = await cloud.downloadFile({ fileID });
  return Buffer.from(res.fileContent).toString('utf8');
}

let fileID: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-lifecycle-'));
  const collectionsFile = writeCollectionsFile(work, [
    { name: 'cases', indexes: [{ name: 'n', unique: false, keys: [{ field: 'n', direction: 1 }] }] },
    { name: 'users', indexes: [] },
  ]);
  tc = await startTestCloud({ collectionsFile });
  cloud = loadSdk(tc.lc);
  // The empty store, for emptying it again later.
  expect((await post('/_dev/snapshot', { snapshot: 'empty' })).status).toBe(200);
  const db = cloud.database();
  for (let n = 1; n <= 5; n++) {
    await db.collection('cases').add({ data: { _id: `case-${n}`, n, title: `案件 ${n} <b>&</b>`, createdAt, tags: ['a', n], nested: { at: createdAt } } });
  }
  await db.collection('users').add({ data: { _id: 'u1', name: '张阿姨' } });
  fileID = (await cloud.uploadFile({ cloudPath: 'photos/2026/a.txt', fileContent: Buffer.from('照片内容') })).fileID;
  await fetch(`${tc.lc.url}/_dev/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: 'o-1', templateIds: ['T1'], kind: 'long-term' }),
  });
});

afterAll(async () => {
  jest.restoreAllMocks();
  await tc.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('export', () => {
  test('writes documents as EJSON lines per collection, local cloud tables, files and a manifest with checksums', async () => {
    const dir = path.join(work, 'export-1');
    const { status, json } = await post('/_dev/export', { dir });
    expect(status).toBe(200);
    expect(json).toMatchObject({ ok: true, dir, documents: 6, files: 1 });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'local-cloud-export', version: 1, envId: 'local' });
    expect(manifest.collections.find((c: { name: string }) => c.name === 'cases')).toMatchObject({
      documents: 5,
      file: 'collections/cases.jsonl',
      indexes: [{ name: 'n' }],
    });
    expect(manifest.files).toEqual([expect.objectContaining({ key: 'photos/2026/a.txt', size: Buffer.byteLength('照片内容') })]);
    expect(manifest.tables.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['_lc_outbox']));
    const lines = fs.readFileSync(path.join(dir, 'collections/cases.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0]!)).toMatchObject({ _id: 'case-1', createdAt: { $date: '2026-11-20T08:30:00Z' }, nested: { at: { $date: '2026-11-20T08:30:00Z' } } });
    expect(fs.readFileSync(path.join(dir, 'files/photos/2026/a.txt'), 'utf8')).toBe('照片内容');
    // Nothing left beside it.
    expect(fs.readdirSync(work).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  test('never writes into a folder that already has something in it', async () => {
    const dir = path.join(work, 'busy');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'mine');
    const { status, json } = await post('/_dev/export', { dir });
    expect(status).toBe(400);
    expect(String(json.message)).toContain('不为空');
    expect(fs.readdirSync(dir)).toEqual(['keep.txt']);
  });

  test('a failure half-way leaves no export and no temp folder, and the data as it was', async () => {
    const dir = path.join(work, 'broken');
    // Documents are written by then; copying the first stored file fails (a full disk, say).
    const spy = jest.spyOn(fs, 'copyFileSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    const { status, json } = await post('/_dev/export', { dir });
    spy.mockRestore();
    expect(status).toBe(500);
    expect(String(json.message)).toContain('ENOSPC');
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.readdirSync(work).filter((f) => f.startsWith('broken'))).toEqual([]);
    expect(await allCases()).toHaveLength(5);
    expect(await fileText(fileID)).toBe('照片内容');
  });
});

describe('import', () => {
  const exported = () => path.join(work, 'export-1');

  test('refuses a store that already has data, changing nothing', async () => {
    const { status, json } = await post('/_dev/import', { dir: exported() });
    expect(status).toBe(400);
    expect(String(json.message)).toContain('空的存储');
    expect(await allCases()).toHaveLength(5);
  });

  test('refuses a folder that is not a complete export (no manifest, a changed file)', async () => {
    const partial = path.join(work, 'partial');
    fs.cpSync(exported(), partial, { recursive: true });
    fs.rmSync(path.join(partial, 'manifest.json'));
    expect((await post('/_dev/import', { dir: partial, replace: true })).json.message).toMatch(/不是完整的导出目录.*manifest\.json/);

    const tampered = path.join(work, 'tampered');
    fs.cpSync(exported(), tampered, { recursive: true });
    fs.appendFileSync(path.join(tampered, 'collections/cases.jsonl'), '{"_id":"smuggled"}\n');
    const r = await post('/_dev/import', { dir: tampered, replace: true });
    expect(r.status).toBe(400);
    expect(String(r.json.message)).toContain('校验和不符');
    expect((await allCases()).map((c) => c._id)).toEqual(['case-1', 'case-2', 'case-3', 'case-4', 'case-5']);
  });

  test('loads an export into an empty store: documents (dates as dates), files and grants are back', async () => {
    // Empty the store (the snapshot taken before anything was written), then import.
    expect((await post('/_dev/reset', { snapshot: 'empty' })).json).toMatchObject({ ok: true, documents: 0 });
    expect(await allCases()).toEqual([]);
    await expect(cloud.getTempFileURL({ fileList: [fileID] })).resolves.toMatchObject({ fileList: [expect.objectContaining({ status: -503003 })] });

    const { status, json } = await post('/_dev/import', { dir: exported() });
    expect(status).toBe(200);
    expect(json).toMatchObject({ ok: true, collections: 2, documents: 6, files: 1 });
    const cases = await allCases();
    expect(cases).toHaveLength(5);
    expect(cases[0]).toEqual({ _id: 'case-1', n: 1, title: '案件 1 <b>&</b>', createdAt, tags: ['a', 1], nested: { at: createdAt } });
    expect(cases[0]!.createdAt).toBeInstanceOf(Date);
    // Indexed queries still work on the imported data.
    expect((await cloud.database().collection('cases').where({ n: cloud.database().command.gte(4) }).get()).data).toHaveLength(2);
    expect(await fileText(fileID)).toBe('照片内容');
    const grants = await (await fetch(`${tc.lc.url}/_dev/subscriptions?openid=o-1`)).json();
    expect(grants.grants).toEqual([expect.objectContaining({ templateId: 'T1' })]);
  });
});

describe('snapshot and reset', () => {
  test('reset puts back exactly the snapshot: changed, added and deleted documents and files', async () => {
    expect((await post('/_dev/snapshot', {})).json).toMatchObject({ ok: true, snapshot: 'seed', documents: 6, files: 1 });
    const db = cloud.database();
    await db.collection('cases').doc('case-1').update({ data: { title: '改过的标题' } });
    await db.collection('cases').doc('case-2').remove();
    await db.collection('cases').add({ data: { _id: 'case-9', n: 9 } });
    await cloud.deleteFile({ fileList: [fileID] });
    await cloud.uploadFile({ cloudPath: 'later/b.txt', fileContent: Buffer.from('后来的') });

    const { json } = await post('/_dev/reset', {});
    expect(json).toMatchObject({ ok: true, snapshot: 'seed', documents: 6, files: 1 });
    const cases = await allCases();
    expect(cases.map((c) => c._id)).toEqual(['case-1', 'case-2', 'case-3', 'case-4', 'case-5']);
    expect(cases[0]!.title).toBe('案件 1 <b>&</b>');
    expect(await fileText(fileID)).toBe('照片内容');
    expect(fs.existsSync(path.join(tc.dataDir, 'storage', 'later', 'b.txt'))).toBe(false);
  });

  test('every request running beside a reset sees the whole old store or the whole new one', async () => {
    const db = cloud.database();
    await db.collection('cases').add({ data: { _id: 'case-10', n: 10 } });
    await db.collection('cases').add({ data: { _id: 'case-11', n: 11 } });
    const counts: Promise<number>[] = [];
    for (let i = 0; i < 40; i++) counts.push(db.collection('cases').count().then((r: { total: number }) => r.total));
    const reset = post('/_dev/reset', {});
    for (let i = 0; i < 40; i++) counts.push(db.collection('cases').count().then((r: { total: number }) => r.total));
    expect((await reset).status).toBe(200);
    for (const n of await Promise.all(counts)) expect([5, 7]).toContain(n);
    expect((await db.collection('cases').count()).total).toBe(5);
  });

  test('reset without a snapshot of that name explains what to do', async () => {
    const { status, json } = await post('/_dev/reset', { snapshot: 'nope' });
    expect(status).toBe(400);
    expect(String(json.message)).toContain('没有名为 nope 的快照');
  });
});

describe('commands (npm run cloud -- export|import|snapshot|reset)', () => {
  const CLI = path.resolve(__dirname, '../../local-cloud/src/cli.ts');
  function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: path.resolve(__dirname, '../..') }, (error, out, err) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
      );
    });
  }

  test('export through a running local cloud, then import into a fresh data folder', async () => {
    const dir = path.join(work, 'cli-export');
    const exported = await run(['export', dir, '--url', tc.lc.url]);
    expect(exported).toMatchObject({ code: 0 });
    expect(exported.out).toContain('export 完成');
    const data = path.join(work, 'cli-data');
    const imported = await run(['import', dir, '--data', data, '--collections', path.join(work, 'collections.json')]);
    expect(imported.out).toContain('"documents":6');
    // A second import into the now non-empty folder is refused, exit code 1.
    const again = await run(['import', dir, '--data', data]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('只能导入到空的存储');
  });

  test('fault flags at start: --fail and --latency', async () => {
    const cli = await startCli(['--port', '0', '--data', path.join(work, 'cli-faults'), '--fail', 'database.write=1:DATABASE_TIMEOUT', '--latency', 'database=1']);
    try {
      const answer = await fetch(`${cli.url}/admin?env=local`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'database.addCollection', collectionName: 'x' }),
      }).then((r) => r.json());
      expect(answer).not.toHaveProperty('code');
      const insert = await fetch(`${cli.url}/admin?env=local`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'database.insertDocument', collectionName: 'x', data: ['{"a":1}'] }),
      }).then((r) => r.json());
      expect(insert).toMatchObject({ code: 'DATABASE_TIMEOUT' });
      expect(await fetch(`${cli.url}/_dev/faults`).then((r) => r.json())).toMatchObject({ latencyMs: { database: 1 }, injected: { 'database.write': 1 } });
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });
});
