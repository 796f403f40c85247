/**
 * Subscribe-message templates: the code defines which templates exist and their keywords
 * (backend/platform/templates.ts); the deploy configuration supplies production ids for them.
 * Both must name the same templates, or production sends go to the local placeholder ids.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describeKey } from '../config';
import type { CheckResult } from '../plan';

const TEMPLATES_MODULE = path.join('backend', 'platform', 'templates.ts');

export interface TemplateDefinition {
  title: string;
  kind: string;
  keywords: Record<string, string>;
}

export async function loadTemplateDefinitions(root: string): Promise<Record<string, TemplateDefinition> | undefined> {
  const file = path.join(root, TEMPLATES_MODULE);
  if (!fs.existsSync(file)) return undefined;
  const mod = (await import(file)) as { templates?: Record<string, TemplateDefinition> };
  return mod.templates;
}

export function checkTemplates(defs: Record<string, TemplateDefinition> | undefined, configured: Record<string, string> | undefined, strict: boolean): CheckResult {
  if (!defs) return { name: '订阅消息模板', status: 'skipped', details: [`${TEMPLATES_MODULE} 不存在`] };
  const ids = configured ?? {};
  const details: string[] = [];
  const unknown = Object.keys(ids).filter((k) => !(k in defs));
  const missing = Object.keys(defs).filter((k) => !ids[k]);
  for (const [key, def] of Object.entries(defs)) {
    const keywords = Object.keys(def.keywords).join(' ');
    details.push(`${key}「${def.title}」（${def.kind === 'long-term' ? '长期' : '一次性'}）关键词 ${keywords}：${ids[key] ?? '未配置'}`);
  }
  for (const k of unknown) details.push(`配置里的模板名 ${k} 在 ${TEMPLATES_MODULE} 中不存在（可选：${Object.keys(defs).join(', ')}）`);
  for (const k of missing) details.push(`缺少 ${describeKey(`subscribeTemplates.${k}`)}${strict ? '' : '：线上会用本地占位 ID，发送必然失败'}`);
  const status = unknown.length > 0 || (strict && missing.length > 0) ? 'failed' : missing.length > 0 ? 'warning' : 'passed';
  return { name: '订阅消息模板', status, details };
}
