/**
 * Build-if-stale for the Taro outputs (dist/h5, dist/weapp) that `npm run size`, the built-weapp and the
 * browser suites read.
 * "Fresh" means the output is newer than every source file, the same rule `npm start` uses, so a build
 * made earlier in the run (or by `npm start`) is reused as is. A lock directory keeps parallel jest
 * workers from running the same Taro build twice: the second waits for the first and reuses its output.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { newestMtime } from '../local-stack/source-key';

export const REPO_ROOT = path.resolve(__dirname, '..');

export type TaroTarget = 'h5' | 'weapp';

/** Everything a Taro build reads from the repository (node_modules changes are not tracked). */
const TARO_SOURCES = ['src', 'config', 'types', 'babel.config.js', 'tsconfig.json', 'project.config.json'].map((p) => path.join(REPO_ROOT, p));

/** The file each build writes last-ish and always: its mtime says when the output was made. */
const OUTPUT_MARKER: Record<TaroTarget, string> = { h5: 'index.html', weapp: 'app.js' };

const LOCK_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'fengqiao-taro-test-builds');
/** A Taro build on 2 busy cores takes up to a few minutes; a lock older than this was left by a crash. */
const STALE_LOCK_MS = 10 * 60_000;

export function outputDir(target: TaroTarget): string {
  return path.join(REPO_ROOT, 'dist', target);
}

/**
 * Jest workers of one run share their parent (the jest process): a build made by any of them is reused
 * for the rest of the run even when colleagues edit sources meanwhile, instead of rebuilding per file.
 */
function runStamp(target: TaroTarget): string {
  return path.join(LOCK_DIR, `${target}.built-by`);
}

function builtInThisRun(target: TaroTarget, builtAt: number): boolean {
  try {
    const stamp = JSON.parse(fs.readFileSync(runStamp(target), 'utf8')) as { runner?: unknown; builtAt?: unknown };
    return stamp.runner === process.ppid && stamp.builtAt === builtAt;
  } catch {
    return false;
  }
}

function markerMtime(target: TaroTarget): number {
  return fs.statSync(path.join(outputDir(target), OUTPUT_MARKER[target]), { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

export function isFresh(target: TaroTarget): boolean {
  const builtAt = markerMtime(target);
  if (builtAt === 0) return false;
  return builtInThisRun(target, builtAt) || builtAt > newestMtime(TARO_SOURCES);
}

function runTaroBuild(target: TaroTarget): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', `build:${target}`], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', (err) => resolve({ code: 1, output: err.message }));
    child.on('exit', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** Resolves when `dir` no longer exists (the other worker's build finished), polling its presence. */
async function lockReleased(dir: string): Promise<void> {
  for (;;) {
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (!stat) return;
    if (Date.now() - stat.mtimeMs > STALE_LOCK_MS) {
      fs.rmSync(dir, { recursive: true, force: true });
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Builds dist/<target> unless it is fresh; returns the output directory. Throws with Taro's output tail on failure. */
export async function ensureTaroBuild(target: TaroTarget): Promise<string> {
  const lock = path.join(LOCK_DIR, `${target}.lock`);
  fs.mkdirSync(LOCK_DIR, { recursive: true });
  for (;;) {
    if (isFresh(target)) return outputDir(target);
    try {
      fs.mkdirSync(lock);
    } catch {
      await lockReleased(lock);
      continue;
    }
    try {
      if (isFresh(target)) return outputDir(target);
      const { code, output } = await runTaroBuild(target);
      if (code !== 0) throw new Error(`npm run build:${target} failed (exit ${code}):\n${output.split('\n').slice(-40).join('\n')}`);
      fs.writeFileSync(runStamp(target), JSON.stringify({ runner: process.ppid, builtAt: markerMtime(target) }));
      return outputDir(target);
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}
