import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { checkCloudPath } from '../handlers/storage/cloud-path';
import { contentTypeFor } from '../handlers/storage/mime';
import { listStoredFiles } from '../lifecycle/manifest';
import { ConsoleError } from './http';

/** Stored files under `root` whose key starts with `prefix` (at most 1,000). */
export function listFiles(root: string, prefix: string) {
  return listStoredFiles(root)
    .filter((k) => k.startsWith(prefix))
    .slice(0, 1000)
    .map((key) => {
      const st = fs.statSync(path.join(root, ...key.split('/')));
      return { key, size: st.size, mtime: st.mtime.toISOString(), contentType: contentTypeFor(key) };
    });
}

/** One stored file; user content, so it may never run script in the console's origin. */
export function sendStoredFile(res: ServerResponse, root: string, rawKey: string): void {
  let key: string;
  try {
    key = checkCloudPath(rawKey);
  } catch {
    throw new ConsoleError(400, '文件路径不合法');
  }
  const file = path.join(root, ...key.split('/'));
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ConsoleError(404, `文件 ${key} 不存在`);
  const type = contentTypeFor(key);
  const inline = /^image\/(jpeg|png|gif|webp|bmp)$/.test(type);
  res.writeHead(200, {
    'content-type': type,
    'content-length': fs.statSync(file).size,
    'content-security-policy': 'sandbox',
    'x-content-type-options': 'nosniff',
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(path.basename(key))}`,
  });
  fs.createReadStream(file).pipe(res);
}
