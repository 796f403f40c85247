/**
 * The remote steps, in order. The first failure stops the run with what failed, a summary of what
 * was done, and the command that resumes; every step is safe to repeat.
 */
import { STEP_LABELS, type StepName } from './args';
import type { DeployClients } from './clients';
import type { CollectionDeclaration } from './declarations';
import type { Output } from './output';
import type { DeployPlan } from './plan';
import { deployDatabase } from './steps/database';
import { deployFunctions } from './steps/functions';
import { checkOpenApiHealth } from './steps/health';
import { deployMiniProgram } from './steps/miniprogram';
import { OUTCOME_LABELS, type StepReport } from './steps/report';

export async function executeSteps(clients: DeployClients, plan: DeployPlan, collections: readonly CollectionDeclaration[], out: Output): Promise<{ ok: boolean; reports: StepReport[] }> {
  const steps: StepName[] = plan.steps.filter((s) => s !== 'build');
  const reports: StepReport[] = [];
  const log = (line: string) => out.line(line);
  if (steps.length === 0) {
    out.line('');
    out.line('构建和检查完成；所选步骤不需要连接云端。');
    return { ok: true, reports };
  }
  for (const step of steps) {
    out.line('');
    out.line(`== ${STEP_LABELS[step]} ==`);
    const report: StepReport = { step, items: [] };
    reports.push(report);
    try {
      if (step === 'database') await deployDatabase(clients.database(), collections, log, report);
      if (step === 'functions') {
        await deployFunctions(clients.functions(), plan.functions, plan.functionRuntime, log, report);
        await checkOpenApiHealth(clients.functions(), plan.functions, log, report);
      }
      if (step === 'miniprogram') report.items.push(...(await deployMiniProgram(clients.miniprogram(), plan.miniprogram, log)).items);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const code = (e as { code?: unknown }).code;
      out.line('');
      out.line(`步骤「${STEP_LABELS[step]}」失败：${message}${typeof code === 'string' ? `（${code}）` : ''}`);
      printSummary(out, reports);
      out.line(`修正后重新运行：npm run deploy --${steps.slice(steps.indexOf(step)).map((s) => ` --only ${s}`).join('')}`);
      out.line('重复运行是安全的：已存在且一致的集合、索引、权限、函数配置和触发器会被识别并跳过。');
      return { ok: false, reports };
    }
  }
  out.line('');
  out.line('部署完成。');
  printSummary(out, reports);
  return { ok: true, reports };
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
