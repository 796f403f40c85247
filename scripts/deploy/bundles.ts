/**
 * Function bundles: `dist/cloudfunctions/<name>/` as scripts/build-functions.ts writes them and as
 * the local function runtime and the integration tests load them. Deploy uploads that folder as
 * is, so production runs the bytes the tests ran.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { FunctionSource } from './declarations';

export const BUNDLES_DIR = path.join('dist', 'cloudfunctions');
const REQUIRED_BUNDLE_FILES = ['index.js', 'config.json', 'package.json', 'package-lock.json'] as const;

export function bundleDirFor(root: string, name: string): string {
  return path.join(root, BUNDLES_DIR, name);
}

export interface BundleInfo {
  name: string;
  dir: string;
  exists: boolean;
  files: { path: string; bytes: number }[];
  bytes: number;
  problems: string[];
}

function walk(dir: string, base = dir): { path: string; bytes: number }[] {
  const out: { path: string; bytes: number }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, base));
    else out.push({ path: path.relative(base, full), bytes: fs.statSync(full).size });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Checks a built bundle is complete and carries the very config.json deploy checked. `base` is where
 * dist/cloudfunctions was built (a scratch folder in a dry run); messages name it as dist/….
 */
export function inspectBundle(root: string, fn: FunctionSource, base: string = root): BundleInfo {
  const dir = bundleDirFor(base, fn.name);
  if (!fs.existsSync(dir)) return { name: fn.name, dir, exists: false, files: [], bytes: 0, problems: [`缺少构建产物 ${path.relative(base, dir)}`] };
  const files = walk(dir);
  const problems: string[] = [];
  for (const required of REQUIRED_BUNDLE_FILES) {
    if (!files.some((f) => f.path === required)) problems.push(`${path.relative(base, dir)} 缺少 ${required}`);
  }
  const builtConfig = readJson(path.join(dir, 'config.json'));
  const sourceConfig = readJson(path.join(fn.dir, 'config.json'));
  if (builtConfig !== undefined && !isDeepStrictEqual(builtConfig, sourceConfig)) {
    problems.push(`${path.relative(base, dir)}/config.json 与 ${path.relative(root, fn.dir)}/config.json 不一致（请重新构建）`);
  }
  const pkg = readJson(path.join(dir, 'package.json')) as { dependencies?: Record<string, string> } | undefined;
  if (pkg) {
    const deps = Object.keys(pkg.dependencies ?? {});
    const extra = deps.filter((d) => d !== 'wx-server-sdk');
    if (extra.length > 0) problems.push(`${path.relative(base, dir)}/package.json 只应依赖 wx-server-sdk，现有 ${extra.join(', ')}`);
    if (pkg.dependencies?.['wx-server-sdk'] !== undefined && pkg.dependencies['wx-server-sdk'] !== '4.0.2') {
      problems.push(`${path.relative(base, dir)}/package.json 中 wx-server-sdk 应固定为 4.0.2`);
    }
  }
  return { name: fn.name, dir, exists: true, files, bytes: files.reduce((s, f) => s + f.bytes, 0), problems };
}

export function directoryBytes(dir: string): number | undefined {
  if (!fs.existsSync(dir)) return undefined;
  return walk(dir).reduce((s, f) => s + f.bytes, 0);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
