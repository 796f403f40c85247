/**
 * Bundles every cloud function (cloudfunctions/<name>/index.ts + backend/ + types/) into the
 * `index.js` that deploys: CommonJS for CloudBase's Node 16, wx-server-sdk left external (the
 * platform installs it from the function's package.json), minified, no source maps.
 * Output: <outDir>/<name>/{index.js, config.json, package.json, package-lock.json} (the lock pins
 * wx-server-sdk's dependency tree to the repository's, see function-lockfile.ts).
 *
 *   npm run build:functions [-- --out dir]
 *   import { buildFunctions } from './scripts/build-functions'; await buildFunctions({ outDir })
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { writeFunctionLockfile } from './function-lockfile';

const REPO_ROOT = path.resolve(__dirname, '..');
export const FUNCTIONS_SRC = path.join(REPO_ROOT, 'cloudfunctions');
const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'dist', 'cloudfunctions');

export interface BuiltFunction {
  name: string;
  dir: string;
  bytes: number;
}

/** Function folders: each has index.ts, config.json and package.json. */
function functionSources(srcDir = FUNCTIONS_SRC): string[] {
  return fs
    .readdirSync(srcDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(srcDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export async function buildFunctions(opts: { outDir?: string; names?: string[] } = {}): Promise<BuiltFunction[]> {
  const outDir = path.resolve(opts.outDir ?? DEFAULT_OUT_DIR);
  const names = opts.names ?? functionSources();
  // One esbuild run for all functions: zod, types/ and backend/ are parsed once, not per function.
  await build({
    entryPoints: Object.fromEntries(names.map((name) => [`${name}/index`, path.join(FUNCTIONS_SRC, name, 'index.ts')])),
    outdir: outDir,
    bundle: true,
    splitting: false,
    platform: 'node',
    format: 'cjs',
    target: 'node16',
    external: ['wx-server-sdk'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'error',
  });
  return names.map((name): BuiltFunction => {
    const dir = path.join(outDir, name);
    for (const file of ['config.json', 'package.json']) fs.copyFileSync(path.join(FUNCTIONS_SRC, name, file), path.join(dir, file));
    writeFunctionLockfile(dir, path.join(REPO_ROOT, 'package-lock.json'));
    return { name, dir, bytes: fs.statSync(path.join(dir, 'index.js')).size };
  });
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outDir = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const started = Date.now();
  buildFunctions({ outDir })
    .then((built) => {
      for (const b of built) console.log(`${b.name.padEnd(12)} ${(b.bytes / 1024).toFixed(1).padStart(7)} KB  ${path.relative(process.cwd(), b.dir)}`);
      console.log(`built ${built.length} functions in ${Date.now() - started} ms`);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
