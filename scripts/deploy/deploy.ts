/**
 * `npm run deploy`: configuration → declarations → checks → build → plan → steps → summary.
 *
 * Nothing remote happens before the plan is printed and every check passed. Each remote step
 * compares with what is online before changing it, so after a failure the same command (or
 * `--only <step>`) can simply be run again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ArgsError, parseArgs, STEP_LABELS, USAGE, type StepName } from './args';
import { BUNDLES_DIR, bundleDirFor, directoryBytes, inspectBundle } from './bundles';
import { checkCollectionDeclarations, formatCollectionFailures } from './checks/collections';
import { checkOpenapi, formatOpenapiFailures } from './checks/openapi';
import { findSecretLeaks } from './checks/secrets';
import { checkTemplates, loadTemplateDefinitions } from './checks/templates';
import type { DeployClients } from './clients';
import { createCloudbaseClients, type CloudCredentials } from './cloudbase-clients';
import {
  checkPrivateKey, DEFAULT_FUNCTION_RUNTIME, DeployConfigError, loadDeployConfig, requireKeys,
  type ConfigKey, type DeployConfig, type DeployEnv,
} from './config';
import { DeclarationError, discoverFunctions, loadCollections, type CollectionDeclaration, type FunctionSource } from './declarations';
import { readGitVersion, versionDescription } from './git';
import type { Output } from './output';
import { formatPlan, type CheckResult, type DeployPlan, type FunctionPlan } from './plan';
import { deployDatabase } from './steps/database';
import { deployFunctions } from './steps/functions';
import { deployMiniProgram } from './steps/miniprogram';
import { OUTCOME_LABELS, type StepReport } from './steps/report';
import { localToolchain, type Toolchain } from './toolchain';

export const COLLECTIONS_FILE = path.join('cloudfunctions', 'collections.json');
export const FUNCTIONS_ROOT = 'cloudfunctions';

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
  functions: ['appId', 'envId', 'privateKeyPath', 'secretId', 'secretKey'],
  miniprogram: ['appId', 'envId', 'privateKeyPath'],
};

/** Variables every function gets in production, from the one deploy configuration. */
export function deployEnvironment(config: DeployConfig): Record<string, string> {
  const env: Record<string, string> = {};
  if (config.serviceLevels && Object.keys(config.serviceLevels).length > 0) env.FQ_SERVICE_LEVELS = JSON.stringify(config.serviceLevels);
  if (config.subscribeTemplates) env.FQ_SUBSCRIBE_TEMPLATES = JSON.stringify(config.subscribeTemplates);
  return env;
}

function configEnvVariables(fn: FunctionSource): Record<string, string> {
  const raw = (fn.config as { envVariables?: unknown }).envVariables;
  const out: Record<string, string> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw)) if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = String(v);
  }
  return out;
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

/** Failure text lines come as "  - item"; the plan indents details itself. */
function bullet(line: string): string {
  return line.replace(/^\s*-\s*/, '');
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
  const checks: CheckResult[] = [];
  try {
    if (fs.existsSync(collectionsFile)) collections = loadCollections(collectionsFile);
    else if (has('database') || has('functions')) return fail(out, `找不到集合声明文件 ${COLLECTIONS_FILE}`);
    functions = discoverFunctions(path.join(root, FUNCTIONS_ROOT));
  } catch (e) {
    if (e instanceof DeclarationError) return fail(out, e.message);
    throw e;
  }
  if ((has('functions') || has('build')) && functions.length === 0) {
    checks.push({ name: '云函数', status: 'failed', details: [`${FUNCTIONS_ROOT}/ 下没有找到任何云函数（<函数名>/index.ts + config.json）`] });
  }

  // 3. Checks on the source.
  if (collections.length > 0 || fs.existsSync(collectionsFile)) {
    const report = checkCollectionDeclarations(collections, root, options.scanDirs);
    const failure = formatCollectionFailures(report, COLLECTIONS_FILE);
    const details: string[] = failure ? failure.split('\n').slice(1).map(bullet) : [`${collections.length} 个集合、${collections.reduce((s, c) => s + c.indexes.length, 0)} 个索引；代码里用到的 ${new Set(report.uses.map((u) => u.collection)).size} 个集合都已声明`];
    for (const u of report.unresolved) details.push(`无法确定 ${u.file} 中 collection(${u.expression}) 的集合名，请用字符串常量`);
    for (const s of report.unindexedSorts) details.push(`${s.file} 按 ${s.field} 排序，但集合 ${s.collection} 没有包含该字段的索引`);
    if (report.unused.length > 0) details.push(`已声明但代码中未见使用：${report.unused.join(', ')}`);
    const warn = report.unresolved.length > 0 || report.unindexedSorts.length > 0;
    checks.push({ name: '集合与索引声明', status: failure ? 'failed' : warn ? 'warning' : 'passed', details });
  }
  if (has('functions') || has('build')) {
    try {
      const reports = await Promise.all(functions.map((fn) => checkOpenapi(fn, root)));
      const failure = formatOpenapiFailures(reports);
      const details = failure ? failure.split('\n').slice(1).map(bullet) : reports.map((r) => `${r.name}：${r.calls.length === 0 ? '未调用 openapi' : `调用 ${[...new Set(r.calls.map((c) => c.api))].join(', ')}，均已声明`}`);
      for (const r of reports) {
        if (r.unused.length > 0) details.push(`${r.name}：声明了但未调用 ${r.unused.join(', ')}`);
        for (const u of r.unresolved) details.push(`${r.name}：${u.file} 中的 openapi 用法无法静态确认（${u.api}），请直接写 openapi.<命名空间>.<方法>`);
      }
      const warn = reports.some((r) => r.unused.length > 0 || r.unresolved.length > 0);
      checks.push({ name: 'openapi 权限声明', status: failure ? 'failed' : warn ? 'warning' : 'passed', details });
    } catch (e) {
      checks.push({ name: 'openapi 权限声明', status: 'failed', details: [`无法打包扫描云函数源码：${(e as Error).message.split('\n')[0]}`] });
    }
  }

  if (has('functions')) {
    try {
      checks.push(checkTemplates(await loadTemplateDefinitions(root), config.subscribeTemplates, !args.dryRun));
    } catch (e) {
      checks.push({ name: '订阅消息模板', status: 'failed', details: [`无法读取模板定义：${(e as Error).message.split('\n')[0]}`] });
    }
  }

  // 4. Build (function bundles are cheap and local, so a dry run builds them too for real sizes).
  const toolchain = options.toolchain ?? localToolchain(root, options.env);
  const buildFunctions = !args.skipBuild && (has('build') || has('functions')) && functions.length > 0 && !checks.some((c) => c.status === 'failed');
  const buildWeapp = !args.skipBuild && !args.dryRun && (has('build') || has('miniprogram'));
  if (buildFunctions) {
    out.line('构建云函数包…');
    try {
      await toolchain.buildFunctions(path.join(root, BUNDLES_DIR));
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
  const functionPlans: FunctionPlan[] = [];
  const bundleProblems: string[] = [];
  for (const fn of functions) {
    const info = inspectBundle(root, fn);
    if (has('functions')) bundleProblems.push(...info.problems);
    functionPlans.push({
      name: fn.name,
      bundleDir: bundleDirFor(root, fn.name),
      bytes: info.exists ? info.bytes : undefined,
      files: info.files.length,
      timeout: fn.config.timeout ?? 3,
      openapi: fn.openapi,
      triggers: fn.config.triggers,
      envVariables: { ...configEnvVariables(fn), ...deployEnvironment(config) },
    });
  }
  const sourceChecksFailed = checks.some((c) => c.status === 'failed');
  if (has('functions') && sourceChecksFailed && !args.skipBuild) {
    checks.push({ name: '云函数包', status: 'skipped', details: ['前面的检查未通过，没有构建'] });
  } else if (has('functions')) {
    checks.push({ name: '云函数包', status: bundleProblems.length > 0 ? 'failed' : 'passed', details: bundleProblems.length > 0 ? bundleProblems : [`${functions.length} 个包齐全，config.json 与源码一致，只依赖 wx-server-sdk`] });
  }
  const weappDir = readMiniprogramRoot(root);
  const weappBuilt = fs.existsSync(path.join(weappDir, 'app.json'));
  if (has('build') || has('miniprogram')) {
    if (!weappBuilt) {
      checks.push({ name: '小程序体积', status: args.dryRun ? 'skipped' : 'failed', details: [`没有找到 ${path.relative(root, weappDir)}/app.json${args.dryRun ? '（演练不构建小程序）' : ''}`] });
    } else {
      const size = await toolchain.checkSize();
      if (!size) checks.push({ name: '小程序体积', status: 'skipped', details: ['scripts/size.ts 不存在'] });
      else checks.push({ name: '小程序体积', status: size.ok ? 'passed' : 'failed', details: size.output.trim().split('\n').filter((l) => l.trim() && !l.startsWith('>')).slice(-12) });
    }
  }
  if (has('miniprogram') && !args.dryRun && weappBuilt && !fs.existsSync(path.join(weappDir, 'project.config.json'))) {
    checks.push({ name: '小程序项目', status: 'failed', details: [`${path.relative(root, weappDir)} 中没有 project.config.json（Taro 构建时会从仓库根目录复制过去）`] });
  }
  const secretValues = [
    ...(config.secretId ? [{ label: '腾讯云 SecretId', value: config.secretId }] : []),
    ...(config.secretKey ? [{ label: '腾讯云 SecretKey', value: config.secretKey }] : []),
  ];
  const leakDirs = [...(has('miniprogram') || has('build') ? [weappDir] : []), ...(has('functions') ? functionPlans.map((f) => f.bundleDir) : [])];
  const leaks = findSecretLeaks(leakDirs, secretValues, privateKeyAbs ? fs.readFileSync(privateKeyAbs, 'utf8') : undefined);
  checks.push({
    name: '密钥不进包',
    status: leaks.length > 0 ? 'failed' : 'passed',
    details: leaks.length > 0 ? leaks.map((l) => `${path.relative(root, l.file)} 含有${l.what}`) : ['要上传的目录里没有密钥、密钥文件或部署配置'],
  });

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
  for (const line of formatPlan(plan, root, config)) out.line(line);
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
    secretId: config.secretId ?? '', secretKey: config.secretKey ?? '', projectPath: weappDir,
  };
  const clients = (options.clients ?? createCloudbaseClients)(creds);
  const reports: StepReport[] = [];
  const log = (line: string) => out.line(line);
  for (const step of steps) {
    if (step === 'build') continue;
    out.line('');
    out.line(`== ${STEP_LABELS[step]} ==`);
    const report: StepReport = { step, items: [] };
    reports.push(report);
    try {
      if (step === 'database') await deployDatabase(clients.database(), collections, log, report);
      if (step === 'functions') await deployFunctions(clients.functions(), functionPlans, plan.functionRuntime, log, report);
      if (step === 'miniprogram') report.items.push(...(await deployMiniProgram(clients.miniprogram(), plan.miniprogram, log)).items);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const code = (e as { code?: unknown }).code;
      out.line('');
      out.line(`步骤「${STEP_LABELS[step]}」失败：${message}${typeof code === 'string' ? `（${code}）` : ''}`);
      printSummary(out, reports);
      out.line(`修正后重新运行：npm run deploy -- --only ${step}${steps.slice(steps.indexOf(step) + 1).filter((s) => s !== 'build').map((s) => ` --only ${s}`).join('')}`);
      out.line('重复运行是安全的：已存在且一致的集合、索引、权限、函数配置和触发器会被识别并跳过。');
      return { exitCode: 1, plan, reports };
    }
  }
  out.line('');
  out.line('部署完成。');
  printSummary(out, reports);
  return { exitCode: 0, plan, reports };
}

function printSummary(out: Output, reports: readonly StepReport[]): void {
  const done = reports.filter((r) => r.items.length > 0);
  if (done.length === 0) return;
  out.line('汇总：');
  for (const r of done) {
    const counts = new Map<string, number>();
    for (const i of r.items) counts.set(OUTCOME_LABELS[i.outcome], (counts.get(OUTCOME_LABELS[i.outcome]) ?? 0) + 1);
    out.line(`  ${STEP_LABELS[r.step]}：${[...counts].map(([k, v]) => `${k} ${v}`).join('，')}`);
    for (const i of r.items.filter((x) => x.outcome !== 'unchanged')) {
      out.line(`    - ${i.subject}：${OUTCOME_LABELS[i.outcome]}${i.note ? `（${i.note}）` : ''}`);
    }
  }
}
