/**
 * Checks on the repository before anything is built: collection declarations, openapi
 * permissions, subscribe templates. Each becomes one line group of the plan.
 */
import type { StepName } from '../args';
import type { DeployConfig } from '../config';
import type { CollectionDeclaration, FunctionSource } from '../declarations';
import type { CheckResult } from '../plan';
import { checkCollectionDeclarations, formatCollectionFailures } from './collections';
import { checkOpenapi, formatOpenapiFailures } from './openapi';
import { checkTemplates, loadTemplateDefinitions } from './templates';

/** Failure text lines come as "  - item"; the plan indents details itself. */
function bullet(line: string): string {
  return line.replace(/^\s*-\s*/, '');
}

export interface SourceCheckInput {
  root: string;
  steps: readonly StepName[];
  dryRun: boolean;
  config: DeployConfig;
  collections: readonly CollectionDeclaration[];
  /** Relative path shown in messages; undefined when the repository has no declaration file. */
  collectionsFile: string | undefined;
  functions: readonly FunctionSource[];
  scanDirs?: readonly string[];
}

export async function runSourceChecks(input: SourceCheckInput): Promise<CheckResult[]> {
  const { root, config, collections, functions } = input;
  const has = (s: StepName) => input.steps.includes(s);
  const checks: CheckResult[] = [];
  if ((has('functions') || has('build')) && functions.length === 0) {
    checks.push({ name: '云函数', status: 'failed', details: ['cloudfunctions/ 下没有找到任何云函数（<函数名>/index.ts + config.json）'] });
  }
  if (input.collectionsFile) {
    const report = checkCollectionDeclarations(collections, root, input.scanDirs);
    const failure = formatCollectionFailures(report, input.collectionsFile);
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
      checks.push(checkTemplates(await loadTemplateDefinitions(root), config.subscribeTemplates, !input.dryRun));
    } catch (e) {
      checks.push({ name: '订阅消息模板', status: 'failed', details: [`无法读取模板定义：${(e as Error).message.split('\n')[0]}`] });
    }
  }
  return checks;
}
