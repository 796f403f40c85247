import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.wasm': 'application/wasm',
};

export type StaticLookup = { kind: 'file'; file: string; isAppShell: boolean } | { kind: 'missing-build' } | { kind: 'not-found' } | { kind: 'bad-path' };

/**
 * Maps a URL path to a file of the H5 build. Paths with no file behind them and no extension get
 * index.html (the app shell), so browser-mode routes work as well as Taro's default hash routes.
 */
export function lookupStatic(root: string, urlPath: string): StaticLookup {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) return { kind: 'missing-build' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'bad-path' };
  }
  // The file system refuses NUL (it would throw); no file of the build has one.
  if (decoded.includes('\0')) return { kind: 'bad-path' };
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return { kind: 'not-found' };
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat?.isFile()) return { kind: 'file', file, isAppShell: file === index };
  if (stat?.isDirectory() && fs.existsSync(path.join(file, 'index.html'))) {
    const inner = path.join(file, 'index.html');
    return { kind: 'file', file: inner, isAppShell: inner === index };
  }
  if (path.extname(decoded) === '') return { kind: 'file', file: index, isAppShell: true };
  return { kind: 'not-found' };
}

/** Text the build ships (and wasm): worth compressing. Images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.txt', '.svg', '.ico', '.wasm']);
/** Below this a compressed body saves less than the round trip's headers cost. */
const MIN_COMPRESS_BYTES = 1024;

export type ContentEncoding = 'br' | 'gzip';

/**
 * The encoding to answer with, from Accept-Encoding (RFC 9110 §12.5.3): brotli when the client takes it
 * (smaller), else gzip; none when neither is acceptable (q=0, or only by a `*` that is itself refused).
 */
export function pickEncoding(acceptEncoding: string | string[] | undefined): ContentEncoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(token, Number.isFinite(value) ? value : 0);
  }
  const accepts = (enc: string) => (q.get(enc) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return undefined;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Compressed bodies, kept per file version (path, size, mtime) and encoding: each is compressed once per
 * gateway, off the event loop. Brotli at quality 5: within ~10 % of quality 11's size at a twentieth of
 * its time (a fresh build's first load is not held up for seconds). Bounded: a rebuild adds new files.
 */
const compressedCache = new Map<string, Promise<Buffer>>();
const MAX_CACHED = 256;

function compressedBody(file: string, stat: fs.Stats, encoding: ContentEncoding): Promise<Buffer> {
  const key = `${encoding}\0${file}\0${stat.size}\0${stat.mtimeMs}`;
  let body = compressedCache.get(key);
  if (!body) {
    if (compressedCache.size >= MAX_CACHED) compressedCache.clear();
    body = fs.promises.readFile(file).then((raw) =>
      encoding === 'br'
        ? brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
        : gzip(raw, { level: 9 }),
    );
    // A failed read (the file went away mid-rebuild) is not remembered.
    body.catch(() => compressedCache.delete(key));
    compressedCache.set(key, body);
  }
  return body;
}

/**
 * Sends one file of the build: brotli or gzip for text when the client accepts it (with `Vary:
 * Accept-Encoding`, so a shared cache keeps the variants apart), a year's `immutable` caching for
 * content-hashed names, revalidation (ETag, 304) for the rest, and HTML never stored.
 */
export async function sendFile(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
  const ext = path.extname(file).toLowerCase();
  const stat = fs.statSync(file);
  // HTML is never stored (after signing out or switching person, Back must not show the previous
  // person's pages from the cache); hashed assets may be cached, the rest revalidated.
  const hashed = /[.-][0-9a-f]{8,}\./.test(path.basename(file));
  const cache = ext === '.html' ? 'no-store' : hashed ? 'public, max-age=31536000, immutable' : 'no-cache';
  const compressible = COMPRESSIBLE.has(ext) && stat.size >= MIN_COMPRESS_BYTES;
  const encoding = compressible ? pickEncoding(req.headers['accept-encoding']) : undefined;
  // Each representation has its own validator: a gzip body is not byte-identical to the brotli one.
  const version = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
  const etag = `W/"${version}${encoding ? `-${encoding}` : ''}"`;
  const common: Record<string, string> = { 'cache-control': cache, etag };
  if (compressible) common.vary = 'Accept-Encoding';
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const headers: Record<string, string | number> = {
    ...common,
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
  };
  if (!encoding) {
    res.writeHead(200, { ...headers, 'content-length': stat.size });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
    return;
  }
  const body = await compressedBody(file, stat, encoding);
  res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}
