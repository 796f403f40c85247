/**
 * Post-deploy smoke check: each function that declares openapi calls is invoked caller-less with
 * `{Type:'Health'}` and exercises every declared call harmlessly (backend/domain/openapiHealth.ts).
 * Neither manager-node nor miniprogram-ci applies `permissions.openapi` (WeChat stores it only when a
 * function is uploaded from WeChat DevTools), so a missing permission is found here, named, and the
 * exact manual step printed.
 */
import { z } from 'zod';
import type { FunctionDeployer } from '../clients';
import type { FunctionPlan } from '../plan';
import { StepError, type StepItem, type StepReport } from './report';

const probe = z.object({ api: z.string(), status: z.enum(['ok', 'missingPermission', 'error']), errCode: z.number().nullable(), message: z.string() });
const healthAnswer = z.object({ ok: z.literal(true), data: z.object({ apis: z.array(probe) }) });

/** The one supported way to apply permissions.openapi today: an upload from WeChat DevTools. */
export function openapiManualStep(fn: string): string {
  return `在微信开发者工具中打开本仓库（project.config.json 的 cloudfunctionRoot 为 dist/cloudfunctions/），`
    + `右键 dist/cloudfunctions/${fn} →“上传并部署：云端安装依赖（不上传 node_modules）”，环境选本次部署的环境；`
    + '开发者工具会读取其中 config.json 的 permissions.openapi 并登记权限。然后运行 npm run deploy -- --only functions 复查。';
}

export async function checkOpenApiHealth(deployer: FunctionDeployer, functions: readonly FunctionPlan[], log: (line: string) => void, report: StepReport): Promise<void> {
  const items: StepItem[] = report.items;
  const broken: string[] = [];
  for (const fn of functions.filter((f) => f.openapi.length > 0)) {
    const raw = await deployer.invokeHealth(fn.name);
    const parsed = healthAnswer.safeParse(raw);
    if (!parsed.success) {
      items.push({ subject: `冒烟检查 ${fn.name}`, outcome: 'failed', note: `回答无法识别：${JSON.stringify(raw).slice(0, 200)}` });
      broken.push(fn.name);
      continue;
    }
    for (const p of parsed.data.data.apis) {
      if (p.status === 'ok') {
        items.push({ subject: `openapi ${fn.name} ${p.api}`, outcome: 'verified' });
        continue;
      }
      broken.push(fn.name);
      const why = p.status === 'missingPermission' ? `没有调用权限（${p.errCode}）：${openapiManualStep(fn.name)}` : `调用失败（${p.errCode ?? '无错误码'}）：${p.message}`;
      items.push({ subject: `openapi ${fn.name} ${p.api}`, outcome: 'failed', note: why });
      log(`  openapi ${fn.name} ${p.api}：${why}`);
    }
    const missing = fn.openapi.filter((api) => !parsed.data.data.apis.some((p) => p.api === api));
    if (missing.length > 0) {
      broken.push(fn.name);
      items.push({ subject: `冒烟检查 ${fn.name}`, outcome: 'failed', note: `未检查：${missing.join(', ')}（线上代码不是本次构建？）` });
    }
  }
  if (broken.length > 0) {
    throw new StepError(`部署后冒烟检查未通过：${[...new Set(broken)].join('、')}。按上面每一行的说明处理后重新运行。`, broken[0]);
  }
  log(`  openapi 冒烟检查：${functions.filter((f) => f.openapi.length > 0).map((f) => f.name).join('、') || '（无声明）'} 全部可用`);
}
