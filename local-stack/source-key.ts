/**
 * "Is the build stale?" for `npm start` and the test bundle cache: a hash of the path, size and mtime
 * of every source file (cheap: no file is read), plus the newest mtime.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

function collectFiles(p: string, out: string[]): void {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    out.push(p);
    return;
  }
  if (!stat.isDirectory()) return;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const child = path.join(p, entry.name);
    if (entry.isDirectory()) collectFiles(child, out);
    else if (entry.isFile()) out.push(child);
  }
}

export function sourceFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) collectFiles(p, files);
  return files.sort();
}

export function sourceKey(paths: string[]): string {
  const hash = createHash('sha1');
  for (const f of sourceFiles(paths)) {
    const s = fs.statSync(f);
    hash.update(`${f}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Newest modification time (ms) among the files, 0 when there are none. */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const f of sourceFiles(paths)) newest = Math.max(newest, fs.statSync(f).mtimeMs);
  return newest;
}
