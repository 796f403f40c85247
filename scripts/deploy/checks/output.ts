/**
 * Checks on what the build produced, i.e. on exactly what would be uploaded: complete function
 * bundles carrying the checked config.json, the weapp size budget, and no secret in any package.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StepName } from '../args';
import { inspectBundle } from '../bundles';
import type { DeployConfig } from '../config';
import type { FunctionSource } from '../declarations';
import type { CheckResult, FunctionPlan } from '../plan';
import type { Toolchain } from '../toolchain';
import { findSecretLeaks } from './secrets';

export interface OutputCheckInput {
  root: string;
  /** Where dist/cloudfunctions was built (a scratch folder in a dry run); default root. */
  bundlesBase?: string;
  steps: readonly StepName[];
  dryRun: boolean;
  skipBuild: boolean;
  /** Some check before the build failed, so nothing was built. */
  sourceChecksFailed: boolean;
  config: DeployConfig;
  functions: readonly FunctionSource[];
  functionPlans: readonly FunctionPlan[];
  weappDir: string;
  privateKeyPath?: string;
  toolchain: Toolchain;
}

function containsText(dir: string, text: string): boolean {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() ? containsText(full, text) : entry.name.endsWith('.js') && fs.readFileSync(full, 'utf8').includes(text)) return true;
  }
  return false;
}

export async function runOutputChecks(input: OutputCheckInput): Promise<CheckResult[]> {
  const { root, config, functions, functionPlans, weappDir, toolchain } = input;
  const has = (s: StepName) => input.steps.includes(s);
  const checks: CheckResult[] = [];
  if (has('functions') && input.sourceChecksFailed && !input.skipBuild) {
    checks.push({ name: '云函数包', status: 'skipped', details: ['前面的检查未通过，没有构建'] });
  } else if (has('functions')) {
    const problems = functions.flatMap((fn) => inspectBundle(root, fn, input.bundlesBase ?? root).problems);
    checks.push({ name: '云函数包', status: problems.length > 0 ? 'failed' : 'passed', details: problems.length > 0 ? problems : [`${functions.length} 个包齐全，config.json 与源码一致，只依赖 wx-server-sdk，依赖版本由 package-lock.json 锁定`] });
  }
  const weappBuilt = fs.existsSync(path.join(weappDir, 'app.json'));
  if (has('build') || has('miniprogram')) {
    if (!weappBuilt) {
      checks.push({ name: '小程序体积', status: input.dryRun ? 'skipped' : 'failed', details: [`没有找到 ${path.relative(root, weappDir)}/app.json${input.dryRun ? '（演练不构建小程序）' : ''}`] });
    } else {
      const size = await toolchain.checkSize();
      if (!size) checks.push({ name: '小程序体积', status: 'skipped', details: ['scripts/size.ts 不存在'] });
      else checks.push({ name: '小程序体积', status: size.ok ? 'passed' : 'failed', details: size.output.trim().split('\n').filter((l) => l.trim() && !l.startsWith('>')).slice(-12) });
    }
  }
  if (has('miniprogram') && !input.dryRun && weappBuilt && !fs.existsSync(path.join(weappDir, 'project.config.json'))) {
    checks.push({ name: '小程序项目', status: 'failed', details: [`${path.relative(root, weappDir)} 中没有 project.config.json（Taro 构建时会从仓库根目录复制过去）`] });
  }
  // The app's cloud.init({env}) is baked in at build time (config/index.ts: TARO_APP_CLOUD_ENV); a build
  // made for local cloud, e.g. reused with --skip-build, would talk to an environment that does not exist.
  if (has('miniprogram') && weappBuilt && config.envId && !containsText(weappDir, config.envId)) {
    checks.push({
      name: '小程序云环境',
      status: input.dryRun ? 'warning' : 'failed',
      details: [`${path.relative(root, weappDir)} 不是为环境 ${config.envId} 构建的；去掉 --skip-build，或先运行 TARO_APP_CLOUD_ENV=${config.envId} npm run build:weapp`],
    });
  }
  const secretValues = [
    ...(config.secretId ? [{ label: '腾讯云 SecretId', value: config.secretId }] : []),
    ...(config.secretKey ? [{ label: '腾讯云 SecretKey', value: config.secretKey }] : []),
  ];
  const leakDirs = [...(has('miniprogram') || has('build') ? [weappDir] : []), ...(has('functions') ? functionPlans.map((f) => f.bundleDir) : [])];
  const leaks = findSecretLeaks(leakDirs, secretValues, input.privateKeyPath ? fs.readFileSync(input.privateKeyPath, 'utf8') : undefined);
  checks.push({
    name: '密钥不进包',
    status: leaks.length > 0 ? 'failed' : 'passed',
    details: leaks.length > 0 ? leaks.map((l) => `${path.relative(root, l.file)} 含有${l.what}`) : ['要上传的目录里没有密钥、密钥文件或部署配置'],
  });
  return checks;
}
