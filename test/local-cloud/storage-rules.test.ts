/**
 * Storage security rules, as CloudBase has them: per environment, `{read, write}` expressions over
 * `auth` and `resource`, applied to client requests only (default here: signed-in clients read,
 * only a file's creator writes). The server SDK (a cloud function) bypasses them, as in production.
 * Client requests carry `x-local-cloud-client-openid` (what the H5 gateway sends for its user).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { CLIENT_OPENID_HEADER } from '../../local-cloud/src/protocol/caller';
import { loadSdk, startTestCloud, type TestCloud, type WxCloud } from './helpers';

let tc: TestCloud;
let cloud: WxCloud;

beforeAll(async () => {
  tc = await startTestCloud();
  cloud = loadSdk(tc.lc, 'o-function-caller');
});
afterAll(() => tc.stop());

interface Answer {
  code?: string;
  message?: string;
  data?: { url?: string; fileId?: string; delete_list?: Array<{ code: string }>; download_list?: Array<{ code: string; tempFileURL: string }> };
}

/** A request from a client: `openid` null is a client that is not signed in. */
async function asClient(openid: string | null, body: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${tc.lc.url}/admin?env=local&seqId=client`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CLIENT_OPENID_HEADER]: openid ?? '' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Answer;
}

async function clientUploadUrl(openid: string | null, path: string): Promise<Answer> {
  return asClient(openid, { action: 'storage.getUploadMetadata', path, method: 'put' });
}

async function put(url: string, bytes: string): Promise<number> {
  return (await fetch(url, { method: 'PUT', body: Buffer.from(bytes), headers: { 'content-length': String(Buffer.byteLength(bytes)) } })).status;
}

async function clientUpload(openid: string | null, path: string, bytes: string): Promise<{ code?: string; status?: number; fileId?: string }> {
  const meta = await clientUploadUrl(openid, path);
  if (meta.code) return { code: meta.code };
  return { status: await put(meta.data!.url!, bytes), fileId: meta.data!.fileId };
}

async function contentOf(fileID: string): Promise<string> {
  const { fileContent } = await cloud.downloadFile({ fileID });
  return (fileContent as Buffer).toString('utf8');
}

async function setRules(rules: unknown): Promise<Response> {
  return fetch(`${tc.lc.url}/_dev/storage-rules`, { method: 'PUT', body: JSON.stringify(rules) });
}

describe('storage security rules (default: signed-in clients read, creators write)', () => {
  let zhangsFile: string;

  it('lets a signed-in client create a file and overwrite its own', async () => {
    const first = await clientUpload('o-zhang', 'uploads/rules/zhang.jpg', 'zhang v1');
    expect(first).toMatchObject({ status: 200 });
    zhangsFile = first.fileId!;
    expect(await clientUpload('o-zhang', 'uploads/rules/zhang.jpg', 'zhang v2')).toMatchObject({ status: 200 });
    expect(await contentOf(zhangsFile)).toBe('zhang v2');
  });

  it('refuses another client overwriting or deleting it, and a client that is not signed in', async () => {
    expect(await clientUpload('o-li', 'uploads/rules/zhang.jpg', 'li was here')).toEqual({ code: 'STORAGE_EXCEED_AUTHORITY' });
    expect(await clientUpload(null, 'uploads/rules/zhang.jpg', 'anonymous')).toEqual({ code: 'STORAGE_EXCEED_AUTHORITY' });
    expect(await clientUpload(null, 'uploads/rules/new-anonymous.jpg', 'anonymous')).toEqual({ code: 'STORAGE_EXCEED_AUTHORITY' });
    const del = await asClient('o-li', { action: 'storage.batchDeleteFile', fileid_list: [zhangsFile] });
    expect(del.data?.delete_list?.[0]).toMatchObject({ code: 'STORAGE_EXCEED_AUTHORITY' });
    expect(await contentOf(zhangsFile)).toBe('zhang v2');
  });

  it('checks again at upload time: a URL for a new file is void once someone else created it', async () => {
    const late = await clientUploadUrl('o-li', 'uploads/rules/race.jpg');
    expect(await clientUpload('o-zhang', 'uploads/rules/race.jpg', 'zhang first')).toMatchObject({ status: 200 });
    expect(await put(late.data!.url!, 'li second')).toBe(403);
    expect(await contentOf(late.data!.fileId!)).toBe('zhang first');
  });

  it('a signed URL cannot be reused as another client or as the server', async () => {
    const meta = await clientUploadUrl('o-li', 'uploads/rules/li.jpg');
    const url = new URL(meta.data!.url!);
    url.searchParams.set('client', 'o-zhang');
    expect(await put(url.toString(), 'x')).toBe(403);
    url.searchParams.delete('client');
    expect(await put(url.toString(), 'x')).toBe(403);
  });

  it('lets signed-in clients read, not anonymous ones', async () => {
    const read = (openid: string | null) => asClient(openid, { action: 'storage.batchGetDownloadUrl', file_list: [{ fileid: zhangsFile, max_age: 60 }] });
    expect((await read('o-li')).data?.download_list?.[0]).toMatchObject({ code: 'SUCCESS' });
    expect((await read(null)).data?.download_list?.[0]).toMatchObject({ code: 'STORAGE_EXCEED_AUTHORITY', tempFileURL: '' });
  });

  it('lets the server SDK (a cloud function) do anything, as in production', async () => {
    await cloud.uploadFile({ cloudPath: 'uploads/rules/zhang.jpg', fileContent: Buffer.from('moderated by the backend') });
    expect(await contentOf(zhangsFile)).toBe('moderated by the backend');
    // A file the server wrote has no creator: no client may overwrite it.
    expect(await clientUpload('o-zhang', 'uploads/rules/zhang.jpg', 'zhang again')).toEqual({ code: 'STORAGE_EXCEED_AUTHORITY' });
    const { fileList } = await cloud.deleteFile({ fileList: [zhangsFile] });
    expect(fileList[0]).toMatchObject({ status: 0 });
  });

  it('lets the creator delete their own file', async () => {
    const mine = await clientUpload('o-li', 'uploads/rules/li-own.jpg', 'li');
    const del = await asClient('o-li', { action: 'storage.batchDeleteFile', fileid_list: [mine.fileId] });
    expect(del.data?.delete_list?.[0]).toMatchObject({ code: 'SUCCESS' });
  });

  it('never opens the database (or any other server action) to a client', async () => {
    const read = await asClient('o-zhang', { action: 'database.getDocument', collectionName: 'users', queryType: 'WHERE', query: '{}' });
    expect(read.code).toBe('DATABASE_PERMISSION_DENIED');
    const invoke = await asClient('o-zhang', { action: 'functions.invokeFunction', function_name: 'cases', request_data: '{}' });
    expect(invoke.code).toBe('PERMISSION_DENIED');
  });
});

describe('per-environment rules', () => {
  afterAll(async () => {
    await setRules({ read: 'auth != null', write: 'resource.openid == auth.openid' });
  });

  it('answers the rules in force and takes CloudBase preset shapes', async () => {
    const current = (await (await fetch(`${tc.lc.url}/_dev/storage-rules`)).json()) as { env: string; rules: unknown };
    expect(current).toEqual({ env: 'local', rules: { read: 'auth != null', write: 'resource.openid == auth.openid' } });

    // "所有用户可读，仅管理员可写"
    expect((await setRules({ read: true, write: false })).status).toBe(200);
    expect(await clientUpload('o-zhang', 'uploads/rules/admin-only.jpg', 'x')).toEqual({ code: 'STORAGE_EXCEED_AUTHORITY' });
    await cloud.uploadFile({ cloudPath: 'uploads/rules/admin-only.jpg', fileContent: Buffer.from('server') });

    // Public write (a prototype's rule): anyone signed in may overwrite anything.
    expect((await setRules({ read: true, write: 'auth != null' })).status).toBe(200);
    expect(await clientUpload('o-li', 'uploads/rules/admin-only.jpg', 'li')).toMatchObject({ status: 200 });
  });

  it('refuses a rule it cannot evaluate faithfully, keeping the one in force', async () => {
    const res = await setRules({ read: true, write: "get('database.users.${auth.openid}').admin == true" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/not supported/);
    const current = (await (await fetch(`${tc.lc.url}/_dev/storage-rules`)).json()) as { rules: unknown };
    expect(current.rules).toEqual({ read: true, write: 'auth != null' });
  });

  it('keeps the rules in the data folder (they survive a restart)', () => {
    const db = new Database(path.join(tc.dataDir, 'local-cloud.sqlite'), { readonly: true });
    try {
      const row = db.prepare('SELECT rules FROM _lc_storage_rules WHERE env = ?').get('local') as { rules: string };
      expect(JSON.parse(row.rules)).toEqual({ read: true, write: 'auth != null' });
    } finally {
      db.close();
    }
  });
});
