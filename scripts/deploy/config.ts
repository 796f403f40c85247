/**
 * Deploy configuration: one schema, three layers.
 *
 * Precedence (highest first): process environment → `.deploy.env` (dotenv, gitignored) →
 * `deploy.config.json` (gitignored; `deploy.config.example.json` is the committed template).
 * Every key is optional in the schema so a dry run works without credentials; each step then
 * asks for the keys it needs (`requireKeys`) and a missing one stops with a message naming it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const CONFIG_FILE = 'deploy.config.json';
const ENV_FILE = '.deploy.env';

/**
 * Production subscribe-message template ids by our template key (`caseNew`, `caseUpdate`, …).
 * The keywords each template must have (its field mapping) are defined once, in
 * backend/platform/templates.ts; the plan prints them next to each id so the deployer can compare
 * with the template chosen in the admin console.
 */
const subscribeTemplatesSchema = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: '模板名只能用英文字母、数字和下划线' }),
  z.string({ error: '应为模板 ID 字符串' }).regex(/^[A-Za-z0-9_-]{10,64}$/, { error: '模板 ID 格式不对（应为公众平台“订阅消息”里复制的模板 ID）' }),
  { error: '应为对象：模板名 → 模板 ID，如 {"caseNew": "…"}' },
);

/**
 * Service levels the functions read from FQ_SERVICE_LEVELS (backend/domain/serviceLevels.ts holds
 * the defaults: urgent help accepted in 30 minutes, others in 24 hours). Only what is set here
 * overrides them.
 */
const positive = (unit: string) => z.number({ error: `应为${unit}数` }).int({ error: '应为整数' }).positive({ error: '应大于 0' });
const serviceLevelsSchema = z.object({
  urgentAcceptMinutes: positive('分钟').optional(),
  normalAcceptHours: positive('小时').optional(),
  ratingReminderDays: positive('天').optional(),
  similarWindowDays: positive('天').optional(),
  maxCasesPerDay: positive('件').optional(),
}, { error: '应为对象，如 {"urgentAcceptMinutes": 30}' }).strict();

const deployConfigSchema = z.object({
  appId: z.string({ error: '应为字符串' }).regex(/^wx[0-9a-f]{16}$/, { error: '格式不对，应为 wx 开头、共 18 位的小程序 AppID' }).optional(),
  envId: z.string({ error: '应为字符串' }).regex(/^[a-z][a-z0-9-]{3,39}$/, { error: '格式不对，应为云开发控制台里的环境 ID（小写字母、数字和连字符）' }).optional(),
  privateKeyPath: z.string({ error: '应为文件路径' }).min(1, { error: '不能为空' }).optional(),
  secretId: z.string({ error: '应为字符串' }).regex(/^AKID[A-Za-z0-9]{10,60}$/, { error: '格式不对，腾讯云 API 密钥的 SecretId 以 AKID 开头' }).optional(),
  secretKey: z.string({ error: '应为字符串' }).regex(/^[A-Za-z0-9]{16,64}$/, { error: '格式不对，应为腾讯云 API 密钥的 SecretKey' }).optional(),
  /** miniprogram-ci robot 1–30: each robot keeps its own development version in the admin console. */
  robot: z.number({ error: '应为 1–30 的整数' }).int({ error: '应为 1–30 的整数' }).min(1, { error: '应为 1–30 的整数' }).max(30, { error: '应为 1–30 的整数' }).optional(),
  /** Mini-program version shown in the admin console; defaults to package.json `version`. */
  version: z.string({ error: '应为字符串' }).regex(/^\d+\.\d+\.\d+$/, { error: '格式不对，应如 1.2.3' }).optional(),
  /** Tencent Cloud region of the environment; API requests are signed for it (default ap-shanghai). */
  region: z.enum(['ap-shanghai', 'ap-guangzhou', 'ap-beijing', 'ap-singapore'], { error: '应为云开发环境所在地域，如 "ap-shanghai"、"ap-guangzhou"' }).optional(),
  /** Runtime a function is created with (it cannot be changed later); bundles target Node 16. */
  functionRuntime: z.enum(['Nodejs16.13', 'Nodejs18.15'], { error: '应为 "Nodejs16.13" 或 "Nodejs18.15"' }).optional(),
  subscribeTemplates: subscribeTemplatesSchema.optional(),
  /** Which version a subscribe message opens (backend/platform/openapi.ts reads FQ_MINIPROGRAM_STATE; default formal). */
  miniprogramState: z.enum(['developer', 'trial', 'formal'], { error: '应为 "developer"、"trial" 或 "formal"' }).optional(),
  serviceLevels: serviceLevelsSchema.optional(),
}, { error: '应为 JSON 对象' }).strict();

export type DeployConfig = z.infer<typeof deployConfigSchema>;
export type ConfigKey = keyof DeployConfig;

const SECRET_KEYS: readonly ConfigKey[] = ['secretId', 'secretKey'];

/** Environment variable for each key. Structured values are JSON strings. */
const ENV_VARS: Record<ConfigKey, string> = {
  appId: 'FQ_DEPLOY_APPID',
  envId: 'FQ_DEPLOY_ENV_ID',
  privateKeyPath: 'FQ_DEPLOY_PRIVATE_KEY_PATH',
  secretId: 'FQ_DEPLOY_SECRET_ID',
  secretKey: 'FQ_DEPLOY_SECRET_KEY',
  robot: 'FQ_DEPLOY_ROBOT',
  version: 'FQ_DEPLOY_VERSION',
  region: 'FQ_DEPLOY_REGION',
  functionRuntime: 'FQ_DEPLOY_FUNCTION_RUNTIME',
  subscribeTemplates: 'FQ_DEPLOY_SUBSCRIBE_TEMPLATES',
  miniprogramState: 'FQ_DEPLOY_MINIPROGRAM_STATE',
  serviceLevels: 'FQ_DEPLOY_SERVICE_LEVELS',
};

const NUMERIC_KEYS: readonly ConfigKey[] = ['robot'];
const JSON_KEYS: readonly ConfigKey[] = ['subscribeTemplates', 'serviceLevels'];

export const DEFAULT_FUNCTION_RUNTIME = 'Nodejs18.15';
export const DEFAULT_REGION = 'ap-shanghai';

export class DeployConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployConfigError';
  }
}

export interface LoadedConfig {
  config: DeployConfig;
  /** Where each present key came from, for the plan ("环境变量 FQ_DEPLOY_ENV_ID" …). */
  sources: Partial<Record<ConfigKey, string>>;
  /** Secret values to scrub from every line we print. */
  secrets: string[];
}

/** The variables deploy reads (process.env, or a plain object in tests). */
export type DeployEnv = Readonly<Record<string, string | undefined>>;

export interface LoadConfigOptions {
  root: string;
  env: DeployEnv;
  /** Overrides `<root>/deploy.config.json`. */
  configFile?: string;
}

/** Where the user sets a key, in the words of an error message. */
export function describeKey(key: string): string {
  const top = key.split('.')[0] as ConfigKey;
  const envVar = ENV_VARS[top];
  return envVar
    ? `${key}（环境变量 ${envVar}，或 ${CONFIG_FILE} 中的 "${top}"）`
    : `${key}（${CONFIG_FILE}）`;
}

/** Minimal dotenv: KEY=VALUE lines, `#` comments, optional surrounding quotes. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
      value = value.slice(1, -1);
    }
    out[m[1]] = value;
  }
  return out;
}

function readJsonFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new DeployConfigError(`部署配置文件 ${path.basename(file)} 不是合法的 JSON：${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DeployConfigError(`部署配置文件 ${path.basename(file)} 应为 JSON 对象`);
  }
  return parsed as Record<string, unknown>;
}

/** Raw value from an environment string, converted to the type the schema expects. */
function fromEnvString(key: ConfigKey, value: string, envVar: string): unknown {
  if (NUMERIC_KEYS.includes(key)) {
    return /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  }
  if (JSON_KEYS.includes(key)) {
    try {
      return JSON.parse(value);
    } catch {
      throw new DeployConfigError(`部署配置有误：\n  - ${key}：环境变量 ${envVar} 应为 JSON 字符串`);
    }
  }
  return value.trim();
}

function formatIssues(issues: readonly z.core.$ZodIssue[], raw: Record<string, unknown>): string {
  const lines = issues.map((issue) => {
    const key = issue.path.map(String).join('.') || '(根)';
    const top = issue.path[0] as ConfigKey | undefined;
    if (issue.code === 'unrecognized_keys') {
      return `  - 未知的配置项：${issue.keys.join(', ')}（见 deploy.config.example.json）`;
    }
    const shown = top && !SECRET_KEYS.includes(top) && issue.path.length === 1 && typeof raw[top] !== 'object'
      ? `（现为 ${JSON.stringify(raw[top])}）`
      : '';
    return `  - ${describeKey(key)}：${issue.message}${shown}`;
  });
  return `部署配置有误：\n${lines.join('\n')}`;
}

export function loadDeployConfig(options: LoadConfigOptions): LoadedConfig {
  const file = options.configFile ?? path.join(options.root, CONFIG_FILE);
  const fromFile = readJsonFile(file);
  let dotenv: Record<string, string> = {};
  try {
    dotenv = parseDotenv(fs.readFileSync(path.join(options.root, ENV_FILE), 'utf8'));
  } catch {
    // No .deploy.env: environment and JSON file only.
  }

  // The guide keeps the API key out of files that get copied around: only .deploy.env or the environment.
  const secretsInFile = SECRET_KEYS.filter((k) => fromFile[k] !== undefined && fromFile[k] !== '');
  if (secretsInFile.length > 0) {
    throw new DeployConfigError(
      `部署配置有误：${path.basename(file)} 里不能写密钥（${secretsInFile.join('、')}）。请删掉它们，改写在 ${ENV_FILE} 或环境变量 `
      + `${secretsInFile.map((k) => ENV_VARS[k]).join('、')} 中，并在腾讯云控制台轮换这对密钥（它可能已被复制或提交）。`,
    );
  }
  const raw: Record<string, unknown> = { ...fromFile };
  const sources: Partial<Record<ConfigKey, string>> = {};
  for (const key of Object.keys(fromFile)) sources[key as ConfigKey] = path.basename(file);
  for (const [key, envVar] of Object.entries(ENV_VARS) as [ConfigKey, string][]) {
    const fromProcess = options.env[envVar];
    const value = fromProcess !== undefined && fromProcess !== '' ? fromProcess : dotenv[envVar];
    if (value === undefined || value === '') continue;
    raw[key] = fromEnvString(key, value, envVar);
    sources[key] = fromProcess ? `环境变量 ${envVar}` : `${ENV_FILE} 中的 ${envVar}`;
  }
  // An empty string in the JSON file means "not set" (the example ships with blanks).
  for (const key of Object.keys(raw)) if (raw[key] === '') { delete raw[key]; delete sources[key as ConfigKey]; }
  const templates = raw.subscribeTemplates;
  if (templates && typeof templates === 'object' && !Array.isArray(templates)) {
    raw.subscribeTemplates = Object.fromEntries(Object.entries(templates).filter(([, v]) => v !== ''));
  }

  const parsed = deployConfigSchema.safeParse(raw);
  if (!parsed.success) throw new DeployConfigError(formatIssues(parsed.error.issues, raw));
  const config = parsed.data;
  const secrets = SECRET_KEYS.map((k) => config[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);
  return { config, sources, secrets };
}

/** Stops with one message listing every missing key a step needs. */
export function requireKeys<K extends ConfigKey>(config: DeployConfig, keys: readonly K[], purpose: string): asserts config is DeployConfig & Required<Pick<DeployConfig, K>> {
  const missing = keys.filter((k) => config[k] === undefined);
  if (missing.length > 0) {
    throw new DeployConfigError(`${purpose}需要以下配置，目前缺少：\n${missing.map((k) => `  - ${describeKey(k)}`).join('\n')}\n参考 deploy.config.example.json 和 docs/deploy.md。`);
  }
}

/** The private key must exist and look like the PEM the admin console hands out. */
export function checkPrivateKey(root: string, keyPath: string): string {
  const abs = path.resolve(root, keyPath);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch {
    throw new DeployConfigError(`找不到小程序代码上传密钥：${describeKey('privateKeyPath')} 指向的 ${abs} 不存在。请在微信公众平台“开发管理 → 开发设置 → 小程序代码上传”下载密钥。`);
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new DeployConfigError(`小程序代码上传密钥格式不对：${abs} 不是 PEM 格式的私钥（应以 -----BEGIN RSA PRIVATE KEY----- 开头）。`);
  }
  return abs;
}
