/**
 * The gateway's static serving of the H5 build (issue 14, Lighthouse "Enable text compression" and
 * caching): brotli or gzip as the client accepts, `Vary: Accept-Encoding`, a validator per
 * representation, a year's immutable caching for hashed names only, and HTML never stored.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { lookupStatic, pickEncoding, sendFile } from '../../local-stack/gateway/static-files';

let dir: string;
let server: http.Server;
let base: string;
const script = `${'console.log("枫桥家园 — 一段足够长、值得压缩的脚本");\n'.repeat(200)}`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fengqiao-static-'));
  fs.mkdirSync(path.join(dir, 'js'));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><title>枫桥家园</title>${'<p>壳</p>'.repeat(300)}`);
  fs.writeFileSync(path.join(dir, 'js', 'app.3f9a2b1c.js'), script);
  fs.writeFileSync(path.join(dir, 'js', 'tiny.3f9a2b1c.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'logo.png'), Buffer.alloc(4096, 7));
  server = http.createServer((req, res) => {
    const found = lookupStatic(dir, new URL(req.url ?? '/', 'http://x').pathname);
    if (found.kind !== 'file') {
      res.writeHead(404).end();
      return;
    }
    sendFile(req, res, found.file).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request without fetch's automatic decompression: the bytes as sent. */
function get(p: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${p}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a browser that takes brotli gets brotli, with Vary and a one-year immutable cache for a hashed name', async () => {
  const res = await get('/js/app.3f9a2b1c.js', { 'accept-encoding': 'gzip, deflate, br' });
  expect(res.status).toBe(200);
  expect(res.headers['content-encoding']).toBe('br');
  expect(res.headers.vary).toBe('Accept-Encoding');
  expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(res.headers['content-type']).toMatch(/^text\/javascript/);
  expect(Number(res.headers['content-length'])).toBe(res.body.length);
  expect(res.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
  expect(zlib.brotliDecompressSync(res.body).toString('utf8')).toBe(script);
});

test('gzip when brotli is not offered or refused; identity when nothing is acceptable', async () => {
  const gz = await get('/js/app.3f9a2b1c.js', { 'accept-encoding': 'gzip' });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(gz.body).toString('utf8')).toBe(script);
  expect((await get('/js/app.3f9a2b1c.js', { 'accept-encoding': 'br;q=0, gzip;q=0.5' })).headers['content-encoding']).toBe('gzip');

  const plain = await get('/js/app.3f9a2b1c.js');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.headers.vary).toBe('Accept-Encoding');
  expect(plain.body.toString('utf8')).toBe(script);
  expect((await get('/js/app.3f9a2b1c.js', { 'accept-encoding': '*;q=0' })).headers['content-encoding']).toBeUndefined();
});

test('each representation revalidates with its own ETag', async () => {
  const br = await get('/js/app.3f9a2b1c.js', { 'accept-encoding': 'br' });
  const gz = await get('/js/app.3f9a2b1c.js', { 'accept-encoding': 'gzip' });
  expect(br.headers.etag).not.toBe(gz.headers.etag);
  const again = await get('/js/app.3f9a2b1c.js', { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
  expect(again.status).toBe(304);
  expect(again.body.length).toBe(0);
  expect(again.headers.vary).toBe('Accept-Encoding');
  // The brotli validator does not match the gzip representation: the full body comes back.
  expect((await get('/js/app.3f9a2b1c.js', { 'accept-encoding': 'gzip', 'if-none-match': String(br.headers.etag) })).status).toBe(200);
});

test('HEAD gives the compressed length without a body', async () => {
  const res = await get('/js/app.3f9a2b1c.js', { 'accept-encoding': 'br' }, 'HEAD');
  const full = await get('/js/app.3f9a2b1c.js', { 'accept-encoding': 'br' });
  expect(res.headers['content-length']).toBe(full.headers['content-length']);
  expect(res.body.length).toBe(0);
});

test('HTML is compressed but never stored; tiny files and images go as they are', async () => {
  const shell = await get('/', { 'accept-encoding': 'br' });
  expect(shell.headers['content-encoding']).toBe('br');
  expect(shell.headers['cache-control']).toBe('no-store');

  const tiny = await get('/js/tiny.3f9a2b1c.js', { 'accept-encoding': 'br' });
  expect(tiny.headers['content-encoding']).toBeUndefined();
  expect(tiny.body.toString('utf8')).toBe('console.log(1)');

  const png = await get('/logo.png', { 'accept-encoding': 'br' });
  expect(png.headers['content-encoding']).toBeUndefined();
  expect(png.headers.vary).toBeUndefined();
  expect(png.headers['cache-control']).toBe('no-cache');
});

test('Accept-Encoding is read with its q-values', () => {
  expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
  expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
  expect(pickEncoding('*')).toBe('br');
  expect(pickEncoding('*, br;q=0')).toBe('gzip');
  expect(pickEncoding('identity')).toBeUndefined();
  expect(pickEncoding(undefined)).toBeUndefined();
  expect(pickEncoding('GZIP;Q=0.8')).toBe('gzip');
});
