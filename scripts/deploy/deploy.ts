/**
 * `npm run deploy`: configuration → declarations → checks → build → plan → steps → summary.
 *
 * Nothing remote happens before the plan is printed and every check passed. Each remote step
 * compares with what is online before changing it, so after a failure the same command (or
 * `--only <step>`) can simply be run again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArgsError, parseArgs, STEP_LABELS, USAGE, type StepName } from './args';
import { BUNDLES_DIR, directoryBytes } from './bundles';
import { runOutputChecks } from './checks/output';
import { runSourceChecks } from './checks/source';
import type { DeployClients } from './clients';
import { createCloudbaseClients, type CloudCredentials } from './cloudbase-clients';
import {
  checkPrivateKey, DEFAULT_FUNCTION_RUNTIME, DEFAULT_REGION, DeployConfigError, loadDeployConfig, requireKeys,
  type ConfigKey, type DeployConfig, type DeployEnv,
} from './config';
import { DeclarationError, discoverFunctions, loadCollections, type CollectionDeclaration, type FunctionSource } from './declarations';
import { executeSteps } from './execute';
import { readGitVersion, versionDescription } from './git';
import type { Output } from './output';
import { formatPlan, planFunctions, type DeployPlan } from './plan';
import type { StepReport } from './steps/report';
import { localToolchain, type Toolchain } from './toolchain';

const COLLECTIONS_FILE = path.join('cloudfunctions', 'collections.json');
const FUNCTIONS_ROOT = 'cloudfunctions';

export interface DeployOptions {
  root: string;
  argv: readonly string[];
  env: DeployEnv;
  out: Output;
  /** Local builds; tests pass their own. */
  toolchain?: Toolchain;
  /** Remote services; tests pass recording fakes of our interfaces. */
  clients?: (creds: CloudCredentials) => DeployClients;
  /** Folders scanned for `collection(...)` uses (default backend/ and cloudfunctions/). */
  scanDirs?: readonly string[];
}

export interface DeployResult {
  exitCode: number;
  plan?: DeployPlan;
  reports: StepReport[];
}

/** Keys each step needs for a real run (a dry run needs none). */
const REQUIRED_KEYS: Record<StepName, readonly ConfigKey[]> = {
  build: ['envId'],
  database: ['envId', 'secretId', 'secretKey'],
  // Functions go through manager-node only (API key); the upload key is for the mini-program.
  functions: ['envId', 'secretId', 'secretKey'],
  miniprogram: ['appId', 'envId', 'privateKeyPath'],
};

/** Variables every function gets in production, from the one deploy configuration. */
function deployEnvironment(config: DeployConfig): Record<string, string> {
  const env: Record<string, string> = {};
  if (config.serviceLevels && Object.keys(config.serviceLevels).length > 0) env.FQ_SERVICE_LEVELS = JSON.stringify(config.serviceLevels);
  if (config.subscribeTemplates && Object.keys(config.subscribeTemplates).length > 0) env.FQ_SUBSCRIBE_TEMPLATES = JSON.stringify(config.subscribeTemplates);
  if (config.miniprogramState) env.FQ_MINIPROGRAM_STATE = config.miniprogramState;
  return env;
}

function readMiniprogramRoot(root: string): string {
  try {
    const cfg = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8')) as { miniprogramRoot?: unknown };
    if (typeof cfg.miniprogramRoot === 'string' && cfg.miniprogramRoot) return path.resolve(root, cfg.miniprogramRoot);
  } catch {
    // No project.config.json: DevTools' default layout.
  }
  return path.join(root, 'dist', 'weapp');
}

function packageVersion(root: string): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function fail(out: Output, message: string): DeployResult {
  out.line(message);
  return { exitCode: 1, reports: [] };
}

export async function runDeploy(options: DeployOptions): Promise<DeployResult> {
  const { root, out } = options;

  // 1. Arguments and configuration.
  let args;
  try {
    args = parseArgs(options.argv);
  } catch (e) {
    if (e instanceof ArgsError) return fail(out, e.message);
    throw e;
  }
  if (args.help) {
    out.line(USAGE);
    return { exitCode: 0, reports: [] };
  }
  let loaded;
  try {
    loaded = loadDeployConfig({ root, env: options.env, configFile: args.configFile && path.resolve(root, args.configFile) });
  } catch (e) {
    if (e instanceof DeployConfigError) return fail(out, e.message);
    throw e;
  }
  const { config, sources } = loaded;
  out.addSecrets(loaded.secrets);
  const steps = args.steps;
  const has = (s: StepName) => steps.includes(s);
  let privateKeyAbs: string | undefined;
  if (!args.dryRun) {
    try {
      const needed = [...new Set(steps.flatMap((s) => REQUIRED_KEYS[s]))];
      requireKeys(config, needed, `执行${steps.map((s) => STEP_LABELS[s]).join('、')}`);
      if (config.privateKeyPath && (has('functions') || has('miniprogram'))) {
        privateKeyAbs = checkPrivateKey(root, config.privateKeyPath);
        out.addSecrets([fs.readFileSync(privateKeyAbs, 'utf8').trim()]);
      }
    } catch (e) {
      if (e instanceof DeployConfigError) return fail(out, e.message);
      throw e;
    }
  }

  out.line(`${args.dryRun ? '演练' : '部署'}步骤：${steps.map((s) => STEP_LABELS[s]).join(' → ')}。先在本机检查、构建，打印完整计划${args.dryRun ? '' : '后才连接云端'}。`);

  // 2. Declarations.
  const collectionsFile = path.join(root, COLLECTIONS_FILE);
  let collections: CollectionDeclaration[] = [];
  let functions: FunctionSource[] = [];
  try {
    if (fs.existsSync(collectionsFile)) collections = loadCollections(collectionsFile);
    else if (has('database') || has('functions')) return fail(out, `找不到集合声明文件 ${COLLECTIONS_FILE}`);
    functions = discoverFunctions(path.join(root, FUNCTIONS_ROOT));
  } catch (e) {
    if (e instanceof DeclarationError) return fail(out, e.message);
    throw e;
  }

  // 3. Checks on the source.
  const checks = await runSourceChecks({ root, steps, dryRun: args.dryRun, config, collections, collectionsFile: fs.existsSync(collectionsFile) ? COLLECTIONS_FILE : undefined, functions, scanDirs: options.scanDirs });
  const sourceChecksFailed = checks.some((c) => c.status === 'failed');

  // 4. Build (function bundles are cheap and local, so a dry run builds them too for real sizes).
  const toolchain = options.toolchain ?? localToolchain(root, options.env);
  const buildFunctions = !args.skipBuild && (has('build') || has('functions')) && functions.length > 0 && !sourceChecksFailed;
  const buildWeapp = !args.skipBuild && !args.dryRun && (has('build') || has('miniprogram')) && !sourceChecksFailed;
  // A dry run builds into a scratch folder: rehearsing never replaces the dist/ the tests and DevTools use.
  const bundlesBase = args.dryRun && buildFunctions ? fs.mkdtempSync(path.join(os.tmpdir(), 'fq-deploy-dry-')) : root;
  if (buildFunctions) {
    out.line(args.dryRun ? '构建云函数包（演练：构建到临时目录，不改动 dist/）…' : '构建云函数包…');
    try {
      await toolchain.buildFunctions(path.join(bundlesBase, BUNDLES_DIR));
    } catch (e) {
      return fail(out, `云函数构建失败：${(e as Error).message}`);
    }
  }
  if (buildWeapp) {
    out.line('构建小程序（生产）…');
    const res = await toolchain.buildWeapp(config.envId ?? '');
    if (!res.ok) return fail(out, `小程序构建失败（npm run build:weapp）：\n${res.output.split('\n').slice(-30).join('\n')}`);
  }

  // 5. Checks on the build output.
  const functionPlans = planFunctions(root, functions, deployEnvironment(config), bundlesBase);
  const weappDir = readMiniprogramRoot(root);
  checks.push(...await runOutputChecks({
    root, bundlesBase, steps, dryRun: args.dryRun, skipBuild: args.skipBuild, sourceChecksFailed, config, functions, functionPlans, weappDir, privateKeyPath: privateKeyAbs, toolchain,
  }));

  // 6. Plan.
  const git = readGitVersion(root);
  const plan: DeployPlan = {
    dryRun: args.dryRun,
    steps,
    target: { appId: config.appId, envId: config.envId, sources },
    build: { functions: buildFunctions, weapp: buildWeapp, skipped: args.skipBuild },
    collections: collections.map((c) => ({ ...c, permission: 'ADMINONLY' as const })),
    collectionsFile,
    functions: functionPlans,
    functionRuntime: config.functionRuntime ?? DEFAULT_FUNCTION_RUNTIME,
    miniprogram: { version: config.version ?? packageVersion(root), description: versionDescription(git), robot: config.robot ?? 1, projectPath: weappDir, weappDir, weappBytes: directoryBytes(weappDir) },
    checks,
  };
  for (const line of formatPlan(plan, root, config, bundlesBase)) out.line(line);
  if (bundlesBase !== root) fs.rmSync(bundlesBase, { recursive: true, force: true });
  if (git.dirty && !args.dryRun && has('miniprogram')) out.line('注意：工作区有未提交的改动，版本描述带 -dirty。');

  const failed = checks.filter((c) => c.status === 'failed');
  if (failed.length > 0) {
    out.line('');
    out.line(`检查未通过（${failed.map((c) => c.name).join('、')}），${args.dryRun ? '演练结束' : '没有执行任何部署操作'}。`);
    return { exitCode: 1, plan, reports: [] };
  }
  if (args.dryRun) {
    out.line('');
    out.line('演练结束：以上为完整计划，没有连接任何服务。去掉 --dry-run 即正式部署。');
    return { exitCode: 0, plan, reports: [] };
  }

  // 7. Remote steps, in order; the first failure stops the run.
  const creds: CloudCredentials = {
    appId: config.appId ?? '', envId: config.envId ?? '', privateKeyPath: privateKeyAbs ?? '',
    secretId: config.secretId ?? '', secretKey: config.secretKey ?? '', projectPath: weappDir, region: config.region ?? DEFAULT_REGION,
  };
  const clients = (options.clients ?? createCloudbaseClients)(creds);
  const { ok, reports } = await executeSteps(clients, plan, collections, out);
  return { exitCode: ok ? 0 : 1, plan, reports };
}
