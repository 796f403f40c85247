/**
 * The deploy plan: everything a run will do, computed locally before anything is changed, and
 * printed the same way for a dry run and a real one.
 */
import path from 'node:path';
import { STEP_LABELS, type StepName } from './args';
import { bundleDirFor, formatBytes, inspectBundle } from './bundles';
import type { DeployConfig, ConfigKey } from './config';
import type { CollectionDeclaration, FunctionSource, TimerTrigger } from './declarations';

export type CheckStatus = 'passed' | 'warning' | 'skipped' | 'failed';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  /** Chinese, one item per line. */
  details: string[];
}

export interface FunctionPlan {
  name: string;
  bundleDir: string;
  bytes: number | undefined;
  files: number;
  timeout: number;
  openapi: string[];
  triggers: TimerTrigger[];
  envVariables: Record<string, string>;
  /** config.json `httpAccess.path`: the HTTP access route to this function, created unless it exists. */
  httpPath?: string;
}

export interface DeployPlan {
  dryRun: boolean;
  steps: StepName[];
  target: { appId?: string; envId?: string; sources: Partial<Record<ConfigKey, string>> };
  build: { functions: boolean; weapp: boolean; skipped: boolean };
  collections: (CollectionDeclaration & { permission: 'ADMINONLY' })[];
  collectionsFile: string;
  functions: FunctionPlan[];
  functionRuntime: string;
  miniprogram: { version: string; description: string; robot: number; projectPath: string; weappDir: string; weappBytes: number | undefined };
  checks: CheckResult[];
}

/** CloudBase's timeout when config.json names none. */
const DEFAULT_TIMEOUT_SECONDS = 3;

function configEnvVariables(fn: FunctionSource): Record<string, string> {
  const raw = (fn.config as { envVariables?: unknown }).envVariables;
  const out: Record<string, string> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw)) if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = String(v);
  }
  return out;
}

/** What each function's deployment consists of: its bundle as built, and its config.json settings. */
export function planFunctions(root: string, functions: readonly FunctionSource[], deployEnv: Record<string, string>, bundlesBase: string = root): FunctionPlan[] {
  return functions.map((fn) => {
    const info = inspectBundle(root, fn, bundlesBase);
    return {
      name: fn.name,
      bundleDir: bundleDirFor(bundlesBase, fn.name),
      bytes: info.exists ? info.bytes : undefined,
      files: info.files.length,
      timeout: fn.config.timeout ?? DEFAULT_TIMEOUT_SECONDS,
      openapi: fn.openapi,
      triggers: fn.config.triggers,
      // config.json's own variables (e.g. TZ), then the deployment's (template ids, service levels).
      envVariables: { ...configEnvVariables(fn), ...deployEnv },
      ...(fn.httpPath ? { httpPath: fn.httpPath } : {}),
    };
  });
}

const STATUS_MARK: Record<CheckStatus, string> = { passed: '通过', warning: '注意', skipped: '跳过', failed: '未通过' };

function indexText(c: CollectionDeclaration): string {
  if (c.indexes.length === 0) return '无自建索引';
  return c.indexes
    .map((i) => `${i.name}(${i.keys.map((k) => `${k.field} ${k.direction === 1 ? '升' : '降'}`).join(', ')})${i.unique ? ' 唯一' : ''}`)
    .join('；');
}

function rel(root: string, p: string): string {
  return path.relative(root, p) || '.';
}

export function formatPlan(plan: DeployPlan, root: string, config: DeployConfig, bundlesBase: string = root): string[] {
  const lines: string[] = [];
  const src = (k: ConfigKey) => (plan.target.sources[k] ? `，来自 ${plan.target.sources[k]}` : '');
  lines.push(plan.dryRun ? '枫桥家园 部署计划（演练：不需要密钥，不连接任何服务）' : '枫桥家园 部署计划');
  lines.push(`  小程序 AppID：${plan.target.appId ?? '（未配置）'}${src('appId')}`);
  lines.push(`  云开发环境：${plan.target.envId ?? '（未配置）'}${src('envId')}`);
  lines.push(`  腾讯云 API 密钥：${config.secretId ? `已配置${src('secretId')}` : '（未配置）'}；代码上传密钥：${config.privateKeyPath ? `已配置${src('privateKeyPath')}` : '（未配置）'}`);
  lines.push(`  步骤：${plan.steps.map((s) => STEP_LABELS[s]).join(' → ')}`);
  let n = 0;
  for (const step of plan.steps) {
    n += 1;
    if (step === 'build') {
      lines.push(`[${n}] 构建`);
      if (plan.build.skipped) lines.push('  - 跳过（--skip-build），使用现有 dist/ 产物');
      else {
        lines.push('  - 云函数包：scripts/build-functions.ts → dist/cloudfunctions/<函数名>/（与集成测试同一构建器）');
        lines.push(plan.dryRun
          ? '  - 小程序：演练时不构建；正式部署时运行 npm run build:weapp（生产构建）'
          : `  - 小程序：npm run build:weapp（生产构建，TARO_APP_CLOUD_ENV=${plan.target.envId ?? '?'}）→ dist/weapp`);
      }
    }
    if (step === 'database') {
      lines.push(`[${n}] 数据库：${plan.collections.length} 个集合（来自 ${rel(root, plan.collectionsFile)}），权限一律设为 ADMINONLY（小程序端不可直接读写，只经云函数访问）`);
      for (const c of plan.collections) lines.push(`  - ${c.name}：${indexText(c)}`);
    }
    if (step === 'functions') {
      lines.push(`[${n}] 云函数：${plan.functions.length} 个（新建时运行时 ${plan.functionRuntime}；云端安装依赖 wx-server-sdk 4.0.2）`);
      for (const f of plan.functions) {
        const size = f.bytes === undefined ? '尚未构建' : `${formatBytes(f.bytes)}，${f.files} 个文件`;
        const triggers = f.triggers.length === 0 ? '无' : f.triggers.map((t) => `${t.name} "${t.config}"`).join('；');
        const env = Object.keys(f.envVariables);
        const shownDir = bundlesBase === root ? rel(root, f.bundleDir) : `${rel(bundlesBase, f.bundleDir)}（演练构建在临时目录）`;
        lines.push(`  - ${f.name}：上传 ${shownDir}/（${size}），超时 ${f.timeout} 秒`);
        lines.push(`      openapi 权限：${f.openapi.length === 0 ? '无' : `${f.openapi.join(', ')}（部署不会登记，见“不会自动完成”）`}；定时触发器：${triggers}；环境变量：${env.length > 0 ? env.join(', ') : '无（线上多余的变量会被删除）'}`);
        if (f.httpPath) lines.push(`      HTTP 访问服务：路径 ${f.httpPath} → 云函数 ${f.name}（不存在则创建，免登录访问由函数自己鉴权；已存在则核对）`);
      }
      lines.push('  - 部署后冒烟检查：调用每个声明了 openapi 的函数（{Type:"Health"}），逐个试调声明的接口，缺权限即报错并给出人工步骤');
    }
    if (step === 'miniprogram') {
      const m = plan.miniprogram;
      lines.push(`[${n}] 小程序：上传版本 ${m.version}，描述“${m.description}”，机器人 ${m.robot}`);
      lines.push(`  - 上传目录 ${rel(root, m.projectPath)}/（生产构建，${m.weappBytes === undefined ? '尚未构建' : formatBytes(m.weappBytes)}）`);
    }
  }
  lines.push(...notApplied(plan, config));
  lines.push('检查：');
  for (const c of plan.checks) {
    lines.push(`  [${STATUS_MARK[c.status]}] ${c.name}`);
    for (const d of c.details) lines.push(`      ${d}`);
  }
  return lines;
}

/**
 * What this run will NOT do, because no API a deploy can use does it: each as the exact step a
 * person takes (docs/deploy.md, release checklist). The post-deploy smoke check verifies the openapi ones.
 */
function notApplied(plan: DeployPlan, config: DeployConfig): string[] {
  const lines = ['不会自动完成（需人工，详见 docs/deploy.md 的发布清单）：'];
  if (plan.steps.includes('functions')) {
    for (const f of plan.functions.filter((x) => x.openapi.length > 0)) {
      lines.push(`  - openapi 权限 ${f.name}（${f.openapi.join(', ')}）：manager-node 和 miniprogram-ci 都不会登记 config.json 的 permissions.openapi。`
        + `首次部署或权限变化后，在微信开发者工具右键 dist/cloudfunctions/${f.name} →“上传并部署：云端安装依赖”一次；部署末尾的冒烟检查会核对。`);
    }
    if (plan.functions.some((f) => f.name === 'cases')) {
      lines.push(`  - 消息推送：小程序管理后台“开发管理 → 开发设置 → 消息推送”（或开发者工具“云开发 → 设置 → 消息推送”）添加 event / wxa_media_check → 云函数 cases（环境 ${config.envId ?? '<环境 ID>'}）。`);
    }
  }
  if (plan.steps.includes('miniprogram')) {
    lines.push('  - 接口设置：开发管理 → 接口设置 中开通 wx.chooseLocation（否则代码审核不通过）。');
    lines.push('  - 用户隐私保护指引：声明“收集你选择的位置信息”“收集你选中的照片或视频信息”及文档所列其余项目。');
    lines.push('  - 版本管理：设为体验版测试，提交审核（审核备注写测试邀请码与线上已有社区），发布。');
  }
  return lines;
}
