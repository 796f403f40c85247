/**
 * `npm run size`: sizes of the production weapp build (the main package and each subpackage) against
 * their budgets, with the headroom left. Builds dist/weapp first when it is older than its sources
 * (the same rule the tests use). Exits 1 when a package is over budget or the build fails.
 * `npm run size -- DIR` measures an existing build in DIR instead, without building.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureTaroBuild, isFresh } from './taro-build';

/**
 * The budgets, in KB (WeChat's hard limit is 2 MB per package). The main package is downloaded before
 * anything shows, so it gets the tighter one; every page but home lives in a subpackage (types/routes.ts).
 */
const budgetsKB = { main: 400, subpackage: 500 } as const;

interface AppJson {
  subPackages?: { root: string }[];
  subpackages?: { root: string }[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Bytes per package: 'main' and each subpackage root, as WeChat would upload them. */
function packageSizes(buildDir: string): Map<string, number> {
  const app = JSON.parse(readFileSync(path.join(buildDir, 'app.json'), 'utf8')) as AppJson;
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));
  const bytes = new Map<string, number>([['main', 0], ...roots.map((r): [string, number] => [r, 0])]);
  for (const file of filesUnder(buildDir)) {
    // Source maps are never uploaded; project.config.json is DevTools' file, not the package's.
    if (file.endsWith('.map')) continue;
    const rel = path.relative(buildDir, file).split(path.sep).join('/');
    if (rel === 'project.config.json' || rel === 'project.private.config.json') continue;
    const owner = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? 'main';
    bytes.set(owner, (bytes.get(owner) ?? 0) + statSync(file).size);
  }
  return bytes;
}

async function buildDir(): Promise<string> {
  if (process.argv[2]) return path.resolve(process.argv[2]);
  if (!isFresh('weapp')) console.log('dist/weapp is older than its sources: building it (npm run build:weapp)…');
  return ensureTaroBuild('weapp');
}

async function main(): Promise<number> {
  let dir: string;
  try {
    dir = await buildDir();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;
  let over = 0;
  let total = 0;
  console.log(`weapp package sizes (${path.relative(process.cwd(), dir) || dir})`);
  console.log(`       ${'package'.padEnd(14)} ${'size'.padStart(10)} ${'budget'.padStart(10)} ${'headroom'.padStart(10)}`);
  for (const [name, bytes] of packageSizes(dir)) {
    const budget = (name === 'main' ? budgetsKB.main : budgetsKB.subpackage) * 1024;
    const ok = bytes <= budget;
    if (!ok) over++;
    total += bytes;
    console.log(`  ${ok ? 'ok  ' : 'OVER'} ${name.padEnd(14)} ${kb(bytes)} ${kb(budget)} ${kb(budget - bytes)}`);
  }
  console.log(`       ${'total'.padEnd(14)} ${kb(total)}`);
  if (over > 0) console.error(`${over} package(s) over budget (main ${budgetsKB.main} KB, each subpackage ${budgetsKB.subpackage} KB)`);
  return over > 0 ? 1 : 0;
}

void main().then((code) => {
  process.exitCode = code;
});
