/**
 * Local build steps deploy drives: the function bundles (the same builder the local runtime and
 * the integration tests use), the production weapp, and the weapp size budget.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DeployEnv } from './config';

export interface CommandResult {
  ok: boolean;
  output: string;
}

export interface Toolchain {
  buildFunctions(outDir: string): Promise<void>;
  /** Production weapp pointed at the real cloud environment. */
  buildWeapp(envId: string): Promise<CommandResult>;
  /** `npm run size`; undefined when the size script is not in the repository. */
  checkSize(): Promise<CommandResult | undefined>;
}

type BuildFunctions = (options: { outDir: string }) => Promise<unknown>;

const FUNCTION_BUILDER = path.join('scripts', 'build-functions.ts');
const SIZE_SCRIPT = path.join('scripts', 'size.ts');

async function loadFunctionBuilder(root: string): Promise<BuildFunctions> {
  const file = path.join(root, FUNCTION_BUILDER);
  if (!fs.existsSync(file)) throw new Error(`找不到云函数构建脚本 ${FUNCTION_BUILDER}`);
  const mod = (await import(file)) as { buildFunctions?: unknown; default?: { buildFunctions?: unknown } };
  const fn = mod.buildFunctions ?? mod.default?.buildFunctions;
  if (typeof fn !== 'function') throw new Error(`${FUNCTION_BUILDER} 没有导出 buildFunctions({outDir})`);
  return fn as BuildFunctions;
}

function run(command: string, args: string[], cwd: string, env: DeployEnv): Promise<CommandResult> {
  return new Promise((resolve) => {
    // PATH and friends come from this process; the deploy's own variables win. Deploy secrets are
    // removed: a build has no use for them and must not be able to bake them into a package.
    const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const key of Object.keys(merged)) if (key.startsWith('FQ_DEPLOY_')) delete merged[key];
    const child = spawn(command, args, { cwd, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    child.on('error', (e) => resolve({ ok: false, output: `${output}\n${e.message}` }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

export function localToolchain(root: string, env: DeployEnv): Toolchain {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return {
    async buildFunctions(outDir) {
      const build = await loadFunctionBuilder(root);
      await build({ outDir });
    },
    buildWeapp(envId) {
      // config/index.ts reads TARO_APP_CLOUD_ENV into the app's cloud.init({env}).
      return run(npm, ['run', 'build:weapp'], root, { ...env, NODE_ENV: 'production', TARO_APP_CLOUD_ENV: envId });
    },
    async checkSize() {
      if (!fs.existsSync(path.join(root, SIZE_SCRIPT))) return undefined;
      // Measures the build made for the target environment as it is: with no directory, npm run size
      // would rebuild a stale dist/weapp for the default (local) environment.
      return run(npm, ['run', 'size', '--', 'dist/weapp'], root, env);
    },
  };
}
