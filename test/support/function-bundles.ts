/**
 * Built cloud functions for integration tests, built once and shared by every jest worker and run.
 * The cache key is the path, size and mtime of every source file, so an edit rebuilds and nothing
 * else does. Builds land in node_modules/.cache (inside the repository, so the bundles' external
 * `wx-server-sdk` resolves) and are published by an atomic rename; a lock keeps parallel jest workers
 * from building the same thing twice.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { sourceKey } from '../../local-stack/source-key';
import { buildFunctions } from '../../scripts/build-functions';
import { waitFor } from './wait-for';


export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_ROOT = path.join(REPO_ROOT, 'node_modules', '.cache', 'fengqiao-test-functions');
const STALE_LOCK_MS = 120_000;

/** Returns `<cache>/<name>-<key>`, running `produce(tmpDir)` first if no finished build is there. */
async function cachedBuild(name: string, key: string, produce: (outDir: string) => Promise<void>): Promise<string> {
  const target = path.join(CACHE_ROOT, `${name}-${key}`);
  const done = path.join(target, '.complete');
  const lock = `${target}.lock`;
  fs.mkdirSync(CACHE_ROOT, { recursive: true });
  const lockAge = () => Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
  for (;;) {
    if (fs.existsSync(done)) return target;
    try {
      fs.mkdirSync(lock);
    } catch {
      // Someone else is building: wait until it is done or gone; take over a lock left by a crashed build.
      await waitFor(() => fs.existsSync(done) || !fs.existsSync(lock) || lockAge() > STALE_LOCK_MS, {
        what: `the build of ${name} by another jest worker (lock ${lock})`,
        timeoutMs: STALE_LOCK_MS + 30_000,
        intervalMs: 100,
      });
      if (!fs.existsSync(done) && lockAge() > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    try {
      if (fs.existsSync(done)) return target;
      const tmp = `${target}.tmp-${process.pid}`;
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.mkdirSync(tmp, { recursive: true });
      await produce(tmp);
      fs.writeFileSync(path.join(tmp, '.complete'), new Date().toISOString());
      fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(tmp, target);
      pruneOldBuilds(name, target);
      return target;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Old builds of the same name are dropped after an hour (a concurrent run may still use a recent one). */
function pruneOldBuilds(name: string, keep: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const entry of fs.readdirSync(CACHE_ROOT)) {
    const p = path.join(CACHE_ROOT, entry);
    if (p === keep || !entry.startsWith(`${name}-`) || entry.endsWith('.lock')) continue;
    if ((fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < hourAgo) fs.rmSync(p, { recursive: true, force: true });
  }
}

/** The app's functions (cloudfunctions/ + backend/ + types/), built by scripts/build-functions.ts. */
export function appFunctions(): Promise<string> {
  const inputs = ['cloudfunctions', 'backend', 'types', 'scripts/build-functions.ts'].map((p) => path.join(REPO_ROOT, p));
  return cachedBuild('app', sourceKey(inputs), async (outDir) => {
    await buildFunctions({ outDir });
  });
}

/**
 * Small functions for tests of the stack itself: `<dir>/<name>/index.ts` (+ config.json), bundled as
 * the real ones are (CommonJS, node16, wx-server-sdk external).
 */
export function fixtureFunctions(dir: string): Promise<string> {
  const abs = path.resolve(dir);
  const key = sourceKey([abs]);
  const name = `fixtures-${createHash('sha1').update(abs).digest('hex').slice(0, 8)}`;
  return cachedBuild(name, key, async (outDir) => {
    for (const fn of fs.readdirSync(abs, { withFileTypes: true })) {
      if (!fn.isDirectory()) continue;
      const src = path.join(abs, fn.name);
      const entry = ['index.ts', 'index.js'].map((f) => path.join(src, f)).find((f) => fs.existsSync(f));
      if (!entry) continue;
      await build({
        entryPoints: [entry],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node16',
        external: ['wx-server-sdk'],
        outfile: path.join(outDir, fn.name, 'index.js'),
        logLevel: 'error',
      });
      for (const extra of ['config.json', 'package.json']) {
        if (fs.existsSync(path.join(src, extra))) fs.copyFileSync(path.join(src, extra), path.join(outDir, fn.name, extra));
      }
    }
  });
}
