/**
 * A package-lock.json for each function bundle: the cloud installs wx-server-sdk at deploy time, and
 * without a lockfile its dependencies (@cloudbase/node-sdk, protobufjs, …) float to whatever is newest
 * that day. The lock is cut from the repository's own package-lock.json, so production installs the
 * exact tree the tests ran with.
 */
import fs from 'node:fs';
import path from 'node:path';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  license?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  engines?: unknown;
  bin?: unknown;
  os?: unknown;
  cpu?: unknown;
  optional?: boolean;
  [key: string]: unknown;
}

interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

/** Where Node would find `name` from the package at `from` (its own node_modules, then each parent's). */
function resolveFrom(packages: Record<string, LockEntry>, from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut >= 0 ? dir.slice(0, cut) : '';
  }
}

/** The lockfile for a bundle whose package.json depends on `dependencies` (name → exact version). */
export function functionLockfile(rootLock: Lockfile, name: string, dependencies: Record<string, string>): object {
  const kept: Record<string, LockEntry> = {};
  const queue = Object.keys(dependencies).map((dep) => ({ from: '', dep }));
  while (queue.length > 0) {
    const { from, dep } = queue.shift()!;
    const at = resolveFrom(rootLock.packages, from, dep);
    if (!at) throw new Error(`package-lock.json has no ${dep} (needed by ${from || name}); run npm install`);
    if (kept[at]) continue;
    // Dev/peer markers describe the repository, not the bundle: every kept package is a runtime dependency here.
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = rootLock.packages[at]!;
    kept[at] = entry;
    for (const child of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) queue.push({ from: at, dep: child });
  }
  const sorted = Object.fromEntries(Object.keys(kept).sort().map((k) => [k, kept[k]]));
  return { name, lockfileVersion: 3, requires: true, packages: { '': { name, dependencies }, ...sorted } };
}

/** Writes <bundleDir>/package-lock.json from the repository's lockfile and the bundle's package.json. */
export function writeFunctionLockfile(bundleDir: string, rootLockPath: string): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(bundleDir, 'package.json'), 'utf8')) as { name?: string; dependencies?: Record<string, string> };
  const lock = JSON.parse(fs.readFileSync(rootLockPath, 'utf8')) as Lockfile;
  const out = functionLockfile(lock, pkg.name ?? path.basename(bundleDir), pkg.dependencies ?? {});
  fs.writeFileSync(path.join(bundleDir, 'package-lock.json'), `${JSON.stringify(out, null, 2)}\n`);
}
