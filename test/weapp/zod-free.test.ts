/**
 * zod must never reach the built mini-program's main package: it weighs ~140 KB against a 500 KB
 * budget, and the app never validates (the cloud functions do). Pages get labels and enum values from
 * types/enums.ts (zod-free) and schemas only through `import type`; a value import of a schema module
 * anywhere in the main package would bring zod back, and this test says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { ensureTaroBuild } from '../../scripts/taro-build';

/**
 * What survives minification of any zod 4 build: its class names passed as strings to
 * `$constructor("$ZodType", …)` and the `_zod` property every schema carries.
 */
const zodSignature = /["'`]\$Zod[A-Z]\w*["'`]|\._zod\b/;

function jsFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsFilesUnder(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

function mainPackageJs(dist: string): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] };
  const subRoots = (app.subPackages ?? []).map((p) => path.join(dist, p.root.replace(/\/+$/, '')) + path.sep);
  return jsFilesUnder(dist).filter((file) => !subRoots.some((root) => file.startsWith(root)));
}

let dist: string;

beforeAll(async () => {
  dist = await ensureTaroBuild('weapp');
}, 600_000);

it('the signature recognises zod after minification (so a pass below means something)', () => {
  const bundled = buildSync({
    stdin: { contents: "import { z } from 'zod'; export const s = z.object({ a: z.string() });", resolveDir: process.cwd() },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
  });
  expect(bundled.outputFiles[0]!.text).toMatch(zodSignature);
});

it('the weapp main package contains no zod', () => {
  const files = mainPackageJs(dist);
  expect(files.map((f) => path.relative(dist, f))).toContain('app.js');
  const withZod = files.filter((file) => zodSignature.test(fs.readFileSync(file, 'utf8'))).map((f) => path.relative(dist, f));
  expect(withZod).toEqual([]);
});
