/**
 * The two declarations deploy reads from the repository, parsed with the same rules everywhere:
 * `cloudfunctions/collections.json` (also read by local cloud and the functions' tests) and each
 * function folder's `config.json` (timeout, openapi permissions, timer trigger).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export class DeclarationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeclarationError';
  }
}

/** CloudBase collection names: letters, digits, `_` and `-`, starting with a letter or `_`. */
const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
/** Dotted document paths; no `$` operators and no empty segments. */
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.([A-Za-z_][A-Za-z0-9_]*|\d+))*$/;
const INDEX_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

const indexKeySchema = z.object({
  field: z.string().regex(FIELD_PATH, { error: '字段路径不合法（应如 gridId 或 location.buildingId，不能含 $ 或空段）' }),
  direction: z.union([z.literal(1), z.literal(-1)], { error: 'direction 只能是 1 或 -1' }),
});

const indexSchema = z.object({
  name: z.string().regex(INDEX_NAME, { error: '索引名应以字母开头，只含字母、数字、下划线' }),
  unique: z.boolean().default(false),
  keys: z.array(indexKeySchema).min(1, { error: '索引至少要有一个字段' }),
});

const collectionSchema = z.object({
  name: z.string().regex(COLLECTION_NAME, { error: '集合名不合法' }),
  indexes: z.array(indexSchema).default([]),
});

const collectionsFileSchema = z.object({ collections: z.array(collectionSchema) });

export type IndexKey = z.infer<typeof indexKeySchema>;
export type IndexDeclaration = z.infer<typeof indexSchema>;
export type CollectionDeclaration = z.infer<typeof collectionSchema>;

function issuesText(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `  - ${i.path.map(String).join('.') || '(根)'}：${i.message}`).join('\n');
}

/** Parses and cross-checks the declaration file (duplicates, repeated fields, reserved names). */
export function loadCollections(file: string): CollectionDeclaration[] {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DeclarationError(`无法读取集合声明文件 ${file}：${(e as Error).message}`);
  }
  const parsed = collectionsFileSchema.safeParse(json);
  if (!parsed.success) throw new DeclarationError(`集合声明文件 ${file} 有误：\n${issuesText(parsed.error.issues)}`);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of parsed.data.collections) {
    if (seen.has(c.name)) problems.push(`集合 ${c.name} 声明了两次`);
    seen.add(c.name);
    const indexNames = new Set<string>();
    const shapes = new Map<string, string>();
    for (const idx of c.indexes) {
      if (idx.name === '_id_') problems.push(`集合 ${c.name}：索引名 _id_ 是系统保留的`);
      if (indexNames.has(idx.name)) problems.push(`集合 ${c.name}：索引 ${idx.name} 声明了两次`);
      indexNames.add(idx.name);
      const fields = idx.keys.map((k) => k.field);
      const repeated = fields.find((f, i) => fields.indexOf(f) !== i);
      if (repeated) problems.push(`集合 ${c.name} 索引 ${idx.name}：字段 ${repeated} 重复`);
      if (fields.includes('_id') && fields.length === 1) problems.push(`集合 ${c.name} 索引 ${idx.name}：_id 已有系统索引`);
      const shape = `${idx.unique}:${idx.keys.map((k) => `${k.field}:${k.direction}`).join(',')}`;
      const twin = shapes.get(shape);
      if (twin) problems.push(`集合 ${c.name}：索引 ${idx.name} 与 ${twin} 完全相同`);
      shapes.set(shape, idx.name);
    }
  }
  if (problems.length > 0) throw new DeclarationError(`集合声明文件 ${file} 有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return parsed.data.collections;
}

/** WeChat timer triggers: 7 fields (second minute hour day month weekday year), UTC+8. */
const CRON_FIELD = /^[0-9A-Za-z*?/,\-LW#]+$/;
function isSevenFieldCron(expr: string): boolean {
  const parts = expr.trim().split(/\s+/);
  return parts.length === 7 && parts.every((p) => CRON_FIELD.test(p));
}

const triggerSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, { error: '触发器名应以字母开头' }),
  type: z.literal('timer', { error: '只支持 timer 触发器' }),
  config: z.string().refine(isSevenFieldCron, { error: '应为 7 段 cron 表达式（秒 分 时 日 月 星期 年），北京时间' }),
});

/** The parts of a function's config.json deploy relies on; other keys pass through untouched. */
const functionConfigSchema = z.looseObject({
  timeout: z.number().int().min(1).max(60, { error: '云函数超时最长 60 秒' }).optional(),
  permissions: z.looseObject({
    openapi: z.array(z.string().regex(/^[a-zA-Z]+\.[a-zA-Z]+$/, { error: 'openapi 权限应如 subscribeMessage.send' })).default([]),
  }).optional(),
  triggers: z.array(triggerSchema).max(1, { error: '每个云函数最多一个定时触发器' }).default([]),
  /** CloudBase's HTTP access service routes this path to the function (e.g. Open311 for the city's platform). */
  httpAccess: z.looseObject({
    path: z.string().regex(/^\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, { error: 'httpAccess.path 应如 /open311（以 / 开头，只含字母、数字、_ 和 -）' }),
  }).optional(),
});

export type FunctionConfig = z.infer<typeof functionConfigSchema>;
export type TimerTrigger = z.infer<typeof triggerSchema>;

export interface FunctionSource {
  name: string;
  /** cloudfunctions/<name> */
  dir: string;
  /** cloudfunctions/<name>/index.ts */
  entry: string;
  config: FunctionConfig;
  openapi: string[];
  /** config.json `httpAccess.path`: the HTTP access route deploy makes sure of. */
  httpPath?: string;
}

function parseFunctionConfig(file: string): FunctionConfig {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DeclarationError(`无法读取云函数配置 ${file}：${(e as Error).message}`);
  }
  const parsed = functionConfigSchema.safeParse(json);
  if (!parsed.success) throw new DeclarationError(`云函数配置 ${file} 有误：\n${issuesText(parsed.error.issues)}`);
  return parsed.data;
}

/** Every folder of `functionsRoot` with an index.ts is a function (collections.json lives beside them). */
export function discoverFunctions(functionsRoot: string): FunctionSource[] {
  if (!fs.existsSync(functionsRoot)) return [];
  const out: FunctionSource[] = [];
  for (const entry of fs.readdirSync(functionsRoot, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(functionsRoot, entry.name);
    const index = path.join(dir, 'index.ts');
    if (!fs.existsSync(index)) continue;
    if (!FUNCTION_NAME.test(entry.name)) throw new DeclarationError(`云函数目录名 ${entry.name} 不合法（字母开头，只含字母、数字、_ 和 -，最长 60）`);
    const configFile = path.join(dir, 'config.json');
    if (!fs.existsSync(configFile)) throw new DeclarationError(`云函数 ${entry.name} 缺少 config.json（${configFile}）`);
    const config = parseFunctionConfig(configFile);
    out.push({ name: entry.name, dir, entry: index, config, openapi: [...(config.permissions?.openapi ?? [])].sort(), ...(config.httpAccess ? { httpPath: config.httpAccess.path } : {}) });
  }
  return out;
}
