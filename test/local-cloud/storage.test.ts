import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileIdFor } from '../../local-cloud/src/handlers/storage/cloud-path';
import { loadSdk, postAdmin, startTestCloud, type TestCloud, type WxCloud } from './helpers';

/** Storage through the real wx-server-sdk: uploadFile / getTempFileURL / downloadFile / deleteFile. */
let tc: TestCloud;
let cloud: WxCloud;

beforeAll(async () => {
  tc = await startTestCloud();
  cloud = loadSdk(tc.lc, 'o-storage-user');
});
afterAll(async () => {
  jest.restoreAllMocks();
  await tc.stop();
});

const storageRoot = () => path.join(tc.dataDir, 'storage');
const tempEntries = () => fs.readdirSync(path.join(storageRoot(), '.local-cloud-tmp'));

async function upload(cloudPath: string, bytes: string | Buffer): Promise<string> {
  const res = await cloud.uploadFile({ cloudPath, fileContent: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes) });
  return res.fileID;
}

async function tempUrl(fileID: string, maxAge?: number): Promise<{ status: number; tempFileURL: string; maxAge?: number; errMsg: string }> {
  const res = await cloud.getTempFileURL({ fileList: [maxAge === undefined ? fileID : { fileID, maxAge }] });
  return res.fileList[0] as { status: number; tempFileURL: string; maxAge?: number; errMsg: string };
}

async function waitFor(check: () => boolean, ms = 2000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) {
    if (check()) return true;
  }
  return check();
}

/**
 * PUT with a declared length and fewer bytes, then drop the connection (a client crash
 * mid-upload). Resolves with whether the partial upload was seen in the temp folder first.
 */
function abortedPut(url: string, declared: number, sent: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'PUT', headers: { 'content-length': declared } });
    req.on('error', () => undefined);
    req.write(sent, async () => {
      const sawTemp = await waitFor(() => tempEntries().length === 1);
      req.destroy();
      resolve(sawTemp);
    });
  });
}

/** A PUT whose path is sent exactly as written (fetch would normalise dot segments). */
function rawPut(pathAndQuery: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: tc.lc.port, method: 'PUT', path: pathAndQuery }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('x');
  });
}

describe('upload', () => {
  test('uploadFile stores the bytes under the data folder and answers a CloudBase-shaped fileID', async () => {
    const fileID = await upload('photos/2024/门牌 1.png', 'png-bytes');
    expect(fileID).toMatch(/^cloud:\/\/local\.6c6f-local-\d{10}\/photos\/2024\/门牌 1\.png$/);
    expect(fs.readFileSync(path.join(storageRoot(), 'photos/2024/门牌 1.png'), 'utf8')).toBe('png-bytes');
    expect(tempEntries()).toEqual([]);
  });

  test('the same cloudPath uploaded again replaces the file, with the same fileID', async () => {
    const a = await upload('notes/a.txt', 'first');
    const b = await upload('notes/a.txt', 'second');
    expect(b).toBe(a);
    expect((await cloud.downloadFile({ fileID: a })).fileContent.toString()).toBe('second');
  });

  test('an empty file and a file stream upload too', async () => {
    const empty = await upload('empty/zero.txt', Buffer.alloc(0));
    const res = await fetch(encodeURI((await tempUrl(empty)).tempFileURL));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const source = path.join(tc.dataDir, 'source.bin');
    fs.writeFileSync(source, Buffer.alloc(256 * 1024, 7));
    const streamed = await cloud.uploadFile({ cloudPath: 'big/stream.bin', fileContent: fs.createReadStream(source) });
    expect(fs.statSync(path.join(storageRoot(), 'big/stream.bin')).size).toBe(256 * 1024);
    expect((await cloud.downloadFile({ fileID: streamed.fileID })).fileContent.length).toBe(256 * 1024);
  });

  test('cloud paths that could leave the storage folder are refused', async () => {
    for (const bad of ['../evil.txt', 'a/../../evil.txt', '/abs.txt', 'a//b.txt', '.local-cloud-tmp/x']) {
      const res = await postAdmin(tc.lc, { action: 'storage.getUploadMetadata', path: bad, method: 'put' });
      expect(res.code).toBe('INVALID_PARAM');
    }
    // node-sdk throws its own TcbError here, which wx-server-sdk surfaces as errCode -1 with the message.
    await expect(cloud.uploadFile({ cloudPath: '../evil.txt', fileContent: Buffer.from('x') })).rejects.toMatchObject({
      errMsg: expect.stringContaining('cloudPath'),
    });
    expect(fs.existsSync(path.join(tc.dataDir, 'evil.txt'))).toBe(false);
  });

  test('a PUT whose URL path differs from the signed key, or has no signature, writes nothing', async () => {
    const meta = await postAdmin(tc.lc, { action: 'storage.getUploadMetadata', path: 'signed/ok.txt', method: 'put' });
    const url = new URL((meta.data as { url: string }).url);
    const moved = `${tc.lc.url}/cos/signed/other.txt${url.search}`;
    const forged = await fetch(moved, { method: 'PUT', body: 'x' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const unsigned = await fetch(`${tc.lc.url}/cos/signed/ok.txt`, { method: 'PUT', body: 'x' });
    expect(unsigned.status).toBe(403);
    expect(await rawPut(`/cos/%2e%2e%2fevil.txt${url.search}`)).toBe(400);
    expect([400, 404]).toContain(await rawPut(`/cos/signed/%2E%2E/%2E%2E/evil.txt${url.search}`));
    expect(fs.existsSync(path.join(storageRoot(), 'signed'))).toBe(false);
    expect(fs.existsSync(path.join(tc.dataDir, 'evil.txt'))).toBe(false);
  });

  test('an upload cut off mid-body leaves neither a file nor a temp file', async () => {
    const meta = await postAdmin(tc.lc, { action: 'storage.getUploadMetadata', path: 'cut/half.bin', method: 'put' });
    expect(await abortedPut((meta.data as { url: string }).url, 1000, Buffer.alloc(100, 1))).toBe(true);
    // The server notices the reset asynchronously.
    await waitFor(() => tempEntries().length === 0);
    expect(fs.existsSync(path.join(storageRoot(), 'cut/half.bin'))).toBe(false);
    expect(tempEntries()).toEqual([]);
    const list = await tempUrl(fileIdFor(tc.lc.env.TCB_ENV, 'cut/half.bin'));
    expect(list.status).toBe(-503003);
  });
});

describe('temp URLs', () => {
  test('default maxAge is one day; the URL serves the bytes with a content type; Range works', async () => {
    const fileID = await upload('docs/readme.txt', 'hello world');
    const item = await tempUrl(fileID);
    expect(item).toMatchObject({ status: 0, errMsg: 'ok', maxAge: 86400 });
    const t = Number(new URL(encodeURI(item.tempFileURL)).searchParams.get('t'));
    expect(Math.abs(t - (Date.now() / 1000 + 86400))).toBeLessThan(5);
    const res = await fetch(encodeURI(item.tempFileURL));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe('hello world');
    const part = await fetch(encodeURI(item.tempFileURL), { headers: { range: 'bytes=6-10' } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('world');
  });

  test('maxAge is honoured: the URL works before it and fails after it', async () => {
    const fileID = await upload('docs/short.jpg', 'jpg');
    const item = await tempUrl(fileID, 60);
    expect(item.maxAge).toBe(60);
    const url = encodeURI(item.tempFileURL);
    const ok = await fetch(url);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    const realNow = Date.now();
    const spy = jest.spyOn(Date, 'now').mockReturnValue(realNow + 61_000);
    try {
      const expired = await fetch(url);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('Request has expired');
    } finally {
      spy.mockRestore();
    }
  });

  test('maxAge over one day is capped at one day', async () => {
    const fileID = await upload('docs/long.txt', 'long');
    expect((await tempUrl(fileID, 7 * 86400)).maxAge).toBe(86400);
  });

  test('files and issued URLs survive a restart on the same data folder', async () => {
    const other = await startTestCloud();
    const url = await (async () => {
      const meta = await postAdmin(other.lc, { action: 'storage.getUploadMetadata', path: 'keep/me.txt', method: 'put' });
      expect((await fetch((meta.data as { url: string }).url, { method: 'PUT', body: 'kept' })).status).toBe(200);
      const res = await postAdmin(other.lc, { action: 'storage.batchGetDownloadUrl', file_list: [{ fileid: (meta.data as { fileId: string }).fileId, max_age: 600 }] });
      return new URL(encodeURI((res.data as { download_list: Array<{ tempFileURL: string }> }).download_list[0].tempFileURL));
    })();
    await other.lc.close();
    const again = await startTestCloud({ dataDir: other.dataDir });
    try {
      const res = await fetch(`${again.lc.url}${url.pathname}${url.search}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('kept');
    } finally {
      await again.stop();
    }
  });

  test('a tampered expiry is a signature failure', async () => {
    const fileID = await upload('docs/t.txt', 't');
    const url = new URL(encodeURI((await tempUrl(fileID, 60)).tempFileURL));
    url.searchParams.set('t', String(Number(url.searchParams.get('t')) + 100000));
    expect((await fetch(url)).status).toBe(403);
  });

  test('missing or foreign files answer per item; the batch still succeeds', async () => {
    const fileID = await upload('docs/here.txt', 'here');
    const res = await cloud.getTempFileURL({
      fileList: [fileID, fileID.replace('here.txt', 'gone.txt'), 'cloud://other-env.6f74-other-env-1300000000/a.txt', 'https://example.invalid/a.txt'],
    });
    expect(res.fileList.map((f: { status: number }) => f.status)).toEqual([0, -503003, -503003, -501007]);
    expect(res.fileList[1]).toMatchObject({ tempFileURL: '' });
  });

  test('more than 50 file IDs in one call is a parameter error', async () => {
    const res = await postAdmin(tc.lc, { action: 'storage.batchGetDownloadUrl', file_list: Array.from({ length: 51 }, () => ({ fileid: 'cloud://x.y/z' })) });
    expect(res.code).toBe('INVALID_PARAM');
  });
});

describe('download and delete', () => {
  test('downloadFile returns the bytes; a missing file rejects', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252]);
    const fileID = await upload('bin/data.bin', bytes);
    const res = await cloud.downloadFile({ fileID });
    expect(Buffer.compare(res.fileContent, bytes)).toBe(0);
    expect(res.statusCode).toBe(200);
    await expect(cloud.downloadFile({ fileID: fileID.replace('data.bin', 'nope.bin') })).rejects.toMatchObject({
      errMsg: expect.stringContaining('文件不存在'),
    });
  });

  test('deleteFile removes the file once; a second delete reports it missing', async () => {
    const fileID = await upload('trash/x.txt', 'x');
    const first = await cloud.deleteFile({ fileList: [fileID] });
    expect(first.fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }]);
    expect(fs.existsSync(path.join(storageRoot(), 'trash'))).toBe(false);
    const second = await cloud.deleteFile({ fileList: [fileID] });
    expect(second.fileList[0]).toMatchObject({ fileID, status: -503003 });
    expect((await tempUrl(fileID)).status).toBe(-503003);
  });

  test('a missing fileid_list is a CloudBase error answer', async () => {
    const res = await postAdmin(tc.lc, { action: 'storage.batchDeleteFile' });
    expect(res).toMatchObject({ code: 'INVALID_PARAM' });
  });
});

test('none of the above made the server log an internal failure', () => {
  expect(tc.logs.filter((l) => /internal error|failed:/.test(l))).toEqual([]);
});
