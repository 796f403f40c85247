import fs from 'node:fs';
import path from 'node:path';
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

export function sendFile(req: IncomingMessage, res: ServerResponse, file: string): void {
  const ext = path.extname(file).toLowerCase();
  const stat = fs.statSync(file);
  // HTML is never stored (after signing out or switching person, Back must not show the previous
  // person's pages from the cache); hashed assets may be cached, the rest revalidated.
  const hashed = /[.-][0-9a-f]{8,}\./.test(path.basename(file));
  const cache = ext === '.html' ? 'no-store' : hashed ? 'public, max-age=31536000, immutable' : 'no-cache';
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag, 'cache-control': cache });
    res.end();
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': cache,
    etag,
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file).pipe(res);
}
