/**
 * Functions step: for each function, make sure it exists with our runtime, upload its bundle
 * directory as built, apply timeout and environment, and bring its timer trigger in line with
 * config.json. Every action compares with what is online first, so a re-run only repeats the
 * code upload (which replaces the code with identical bytes).
 */
import { isDeepStrictEqual } from 'node:util';
import type { FunctionDeployer } from '../clients';
import type { FunctionPlan } from '../plan';
import { StepError, type StepItem, type StepReport } from './report';

/** Bundles target Node 16; any Node runtime from 16 up runs them. */
function runtimeRunsBundles(runtime: string): boolean {
  const m = /^Nodejs(\d+)/.exec(runtime);
  return m !== null && Number(m[1]) >= 16;
}

export async function deployFunctions(deployer: FunctionDeployer, functions: readonly FunctionPlan[], runtime: string, log: (line: string) => void, report: StepReport = { step: 'functions', items: [] }): Promise<StepReport> {
  // Filled as we go, so a failure part-way still reports what was done.
  const items: StepItem[] = report.items;
  for (const fn of functions) {
    const settings = { name: fn.name, timeout: fn.timeout, envVariables: fn.envVariables };
    const remote = await deployer.describeFunction(fn.name);
    if (!remote) {
      // The code goes up with the new function: one upload, not two.
      await deployer.createFunction({ ...settings, runtime, bundleDir: fn.bundleDir });
      await deployer.waitActive(fn.name);
      items.push({ subject: `云函数 ${fn.name}`, outcome: 'created', note: `${runtime}，含代码` });
      log(`  云函数 ${fn.name}：已创建（${runtime}，代码随创建上传）`);
    } else {
      if (!runtimeRunsBundles(remote.runtime)) {
        throw new StepError(
          `云函数 ${fn.name} 线上的运行时是 ${remote.runtime}，跑不了本项目的 Node 16 代码包；运行时只能在创建时指定。`
          + '请在云开发控制台删除该函数（期间该功能不可用），然后重新运行 npm run deploy -- --only functions。',
          fn.name,
        );
      }
      // An update started by someone else (or a previous run) must finish before ours begins.
      await deployer.waitActive(fn.name);
      const uploaded = await deployer.uploadCode({ name: fn.name, bundleDir: fn.bundleDir });
      await deployer.waitActive(fn.name);
      items.push({ subject: `代码 ${fn.name}`, outcome: 'uploaded', note: `${uploaded.filesCount} 个文件，压缩后 ${uploaded.packSize} 字节` });
      log(`  云函数 ${fn.name}：代码已上传（${uploaded.filesCount} 个文件）`);

      // The variable map is exact: a variable dropped from the configuration is removed online too.
      if (remote.timeout !== fn.timeout || !isDeepStrictEqual(remote.envVariables, fn.envVariables)) {
        await deployer.updateSettings(settings);
        await deployer.waitActive(fn.name);
        const dropped = Object.keys(remote.envVariables).filter((k) => !(k in fn.envVariables));
        items.push({ subject: `配置 ${fn.name}`, outcome: 'updated', note: `超时 ${fn.timeout} 秒${dropped.length > 0 ? `；删除环境变量 ${dropped.join(', ')}` : ''}` });
      } else {
        items.push({ subject: `配置 ${fn.name}`, outcome: 'unchanged' });
      }
    }

    const onlineTimers = remote?.timerTriggers ?? [];
    for (const t of onlineTimers) {
      const wanted = fn.triggers.find((w) => w.name === t.name);
      if (!wanted || wanted.config !== t.cron) {
        await deployer.deleteTrigger({ name: fn.name, triggerName: t.name });
        items.push({ subject: `触发器 ${fn.name}.${t.name}`, outcome: 'deleted', note: t.cron });
      }
    }
    for (const t of fn.triggers) {
      const same = onlineTimers.find((o) => o.name === t.name && o.cron === t.config);
      if (same) {
        items.push({ subject: `触发器 ${fn.name}.${t.name}`, outcome: 'unchanged' });
      } else {
        await deployer.createTimerTrigger({ name: fn.name, trigger: t });
        items.push({ subject: `触发器 ${fn.name}.${t.name}`, outcome: 'created', note: t.config });
        log(`    定时触发器 ${t.name}：已创建（${t.config}）`);
      }
    }
    if (fn.httpPath) items.push(await ensureHttpRoute(deployer, fn.name, fn.httpPath, log));
  }
  return report;
}

/** CloudBase's route type for a cloud function. */
const ROUTE_TO_FUNCTION = 1;

/** The function's HTTP access route (config.json `httpAccess.path`): created once, then only checked. */
async function ensureHttpRoute(deployer: FunctionDeployer, name: string, path: string, log: (line: string) => void): Promise<StepItem> {
  const subject = `HTTP 访问 ${path}`;
  const online = await deployer.describeHttpAccess(path);
  if (!online.serviceEnabled) {
    await deployer.enableHttpAccess();
    log('  HTTP 访问服务：已开启');
  }
  if (online.route) {
    if (online.route.functionName === name && online.route.type === ROUTE_TO_FUNCTION) return { subject, outcome: 'unchanged', note: `→ ${name}` };
    throw new StepError(
      `HTTP 访问路径 ${path} 已存在，但指向${online.route.type === ROUTE_TO_FUNCTION ? `云函数 ${online.route.functionName}` : `其他资源（类型 ${online.route.type}）`}，不是 ${name}。`
      + `请在云开发控制台“HTTP 访问服务”中删除该路径（或改指向 ${name}），然后重新运行 npm run deploy -- --only functions。`,
      name,
    );
  }
  await deployer.createHttpRoute({ name, path });
  log(`  HTTP 访问 ${path} → ${name}：已创建`);
  return { subject, outcome: 'created', note: `→ ${name}` };
}
