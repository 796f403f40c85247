/**
 * Real deploy clients: @cloudbase/manager-node (Tencent Cloud API keys) for the database, storage
 * rule, functions (code, settings, triggers, health invocation); miniprogram-ci (the mini-program
 * upload key) only for the mini-program upload. Functions go through one library, so a new function's
 * code is uploaded once, and every wait runs under our own time limit (miniprogram-ci's function
 * upload waits up to 15 minutes and keeps waiting on UpdateFailed). Both SDKs are loaded only when a
 * real deploy needs them, so a dry run never touches them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IndexDeclaration, TimerTrigger } from './declarations';
import type { DatabaseAdmin, DeployClients, FunctionDeployer, FunctionSettings, MiniProgramUploader, RemoteFunction, RemoteIndex } from './clients';

export interface CloudCredentials {
  appId: string;
  envId: string;
  /** Absolute path to the mini-program upload key. */
  privateKeyPath: string;
  secretId: string;
  secretKey: string;
  /** The built mini-program (dist/weapp, with the project.config.json Taro copies into it). */
  projectPath: string;
  /** Tencent Cloud region of the environment (requests are signed for it). */
  region?: string;
}

/** Our limits on a remote operation that could otherwise hang the deploy. */
export const TIME_LIMITS_MS = { codeUpload: 5 * 60_000, active: 5 * 60_000, call: 60_000 };

/** Rejects with a message naming the operation when it has not settled within `ms`. */
export async function withTimeout<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} 超过 ${Math.round(ms / 1000)} 秒没有完成；可在云开发控制台查看该函数的状态，然后重新运行`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

type ManagerNode = import('@cloudbase/manager-node');
type MiniprogramCi = typeof import('miniprogram-ci');
type CiProject = InstanceType<MiniprogramCi['Project']>;

/** Lazily constructed SDK handles; credentials are validated before this is called. */
export function createCloudbaseClients(creds: Omit<CloudCredentials, 'secretId' | 'secretKey'> & Partial<Pick<CloudCredentials, 'secretId' | 'secretKey'>>): DeployClients {
  let manager: ManagerNode | undefined;
  let ciModule: MiniprogramCi | undefined;
  let project: CiProject | undefined;

  const getManager = (): ManagerNode => {
    if (!manager) {
      if (!creds.secretId || !creds.secretKey) throw new Error('缺少腾讯云 API 密钥（secretId / secretKey）');
      const CloudBase = require('@cloudbase/manager-node') as new (config: { secretId: string; secretKey: string; envId: string; region?: string }) => ManagerNode;
      manager = new CloudBase({ secretId: creds.secretId, secretKey: creds.secretKey, envId: creds.envId, region: creds.region ?? 'ap-shanghai' });
    }
    return manager;
  };
  const getCi = (): { ci: MiniprogramCi; project: CiProject } => {
    if (!ciModule) {
      ciModule = require('miniprogram-ci') as MiniprogramCi;
    }
    if (!project) {
      project = new ciModule.Project({
        appid: creds.appId,
        type: 'miniProgram',
        projectPath: creds.projectPath,
        privateKeyPath: creds.privateKeyPath,
        // Only the build output goes up; sources, tests and keys never do.
        ignores: ['node_modules/**/*', '**/*.key', '.deploy.env', 'deploy.config.json'],
      });
    }
    return { ci: ciModule, project };
  };

  const database: DatabaseAdmin = {
    async ensureCollection(name) {
      const res = await getManager().database.createCollectionIfNotExists(name);
      return res.IsCreated ? 'created' : 'exists';
    },
    async listIndexes(collection) {
      const res = await getManager().database.describeCollection(collection);
      return (res.Indexes ?? []).map((i): RemoteIndex => ({
        name: i.Name,
        unique: Boolean(i.Unique),
        keys: (i.Keys ?? []).map((k) => ({ field: k.Name ?? '', direction: String(k.Direction ?? '') })),
      }));
    },
    async createIndex(collection, index: IndexDeclaration) {
      await getManager().database.updateCollection(collection, {
        CreateIndexes: [{
          IndexName: index.name,
          MgoKeySchema: {
            MgoIsUnique: index.unique,
            MgoIndexKeys: index.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
          },
        }],
      });
    },
    async getCollectionPermission(collection) {
      try {
        const res = await getManager().permission.describeResourcePermission({ resourceType: 'collection', resources: [collection] });
        const entry = res.Data?.PermissionList?.find((p) => p.Resource === collection);
        return entry?.Permission;
      } catch {
        // Some environments no longer answer the describe call; setting the rule again is harmless.
        return undefined;
      }
    },
    async setCollectionAdminOnly(collection) {
      await getManager().permission.modifyResourcePermission({ resourceType: 'collection', resource: collection, permission: 'ADMINONLY' });
    },
    async getStorageAcl() {
      try {
        return await getManager().storage.getStorageAcl();
      } catch {
        return undefined;
      }
    },
    async setStorageAclPrivate() {
      await getManager().storage.setStorageAcl('PRIVATE');
    },
  };

  const functions: FunctionDeployer = {
    async describeFunction(name): Promise<RemoteFunction | null> {
      try {
        const info = await getManager().functions.getFunctionDetail(name);
        const vars: Record<string, string> = {};
        for (const v of info.Environment?.Variables ?? []) vars[v.Key] = v.Value;
        return {
          runtime: info.Runtime,
          timeout: info.Timeout,
          envVariables: vars,
          timerTriggers: (info.Triggers ?? []).filter((t) => t.Type === 'timer').map((t) => ({ name: t.TriggerName, cron: cronOf(t.TriggerDesc) })),
        };
      } catch (e) {
        const code = (e as { code?: string }).code ?? '';
        if (code.startsWith('ResourceNotFound')) return null;
        throw e;
      }
    },
    async createFunction(input: FunctionSettings & { runtime: string; bundleDir: string }) {
      await withTimeout(`创建云函数 ${input.name}`, TIME_LIMITS_MS.codeUpload, getManager().functions.createFunction({
        func: { name: input.name, runtime: input.runtime, timeout: input.timeout, envVariables: input.envVariables, installDependency: true, handler: 'index.main' },
        functionPath: input.bundleDir,
        force: false,
      }));
    },
    async uploadCode({ name, bundleDir }) {
      const files = fs.readdirSync(bundleDir);
      await withTimeout(`上传云函数 ${name} 的代码`, TIME_LIMITS_MS.codeUpload, getManager().functions.updateFunctionCode({
        func: { name, installDependency: true, handler: 'index.main' },
        functionPath: bundleDir,
      }));
      return { filesCount: files.length, packSize: files.reduce((sum, f) => sum + fs.statSync(path.join(bundleDir, f)).size, 0) };
    },
    async waitActive(name) {
      await withTimeout(`等待云函数 ${name} 就绪`, TIME_LIMITS_MS.active, getManager().functions.waitFunctionActive(name));
    },
    async updateSettings(input: FunctionSettings) {
      // manager-node's updateFunctionConfig leaves Environment out when the map is empty, so stale
      // variables would stay: SCF's UpdateFunctionConfiguration always gets the full list here.
      await withTimeout(`更新云函数 ${input.name} 的配置`, TIME_LIMITS_MS.call, getManager().commonService('scf', '2018-04-16').call({
        Action: 'UpdateFunctionConfiguration',
        Param: {
          Namespace: creds.envId,
          FunctionName: input.name,
          Timeout: input.timeout,
          Environment: { Variables: Object.entries(input.envVariables).map(([Key, Value]) => ({ Key, Value })) },
        },
      }));
    },
    async deleteTrigger({ name, triggerName }) {
      await withTimeout(`删除触发器 ${name}.${triggerName}`, TIME_LIMITS_MS.call, getManager().functions.deleteFunctionTrigger(name, triggerName));
    },
    async createTimerTrigger({ name, trigger }: { name: string; trigger: TimerTrigger }) {
      await withTimeout(`创建触发器 ${name}.${trigger.name}`, TIME_LIMITS_MS.call, getManager().functions.createFunctionTriggers(name, [{ name: trigger.name, type: 'timer', config: trigger.config }]));
    },
    async describeHttpAccess(path) {
      const res = await withTimeout(`查询 HTTP 访问路径 ${path}`, TIME_LIMITS_MS.call, getManager().access.getAccessList({ path }));
      // The list may hold other paths that share the prefix: only the exact path counts.
      const route = (res.APISet ?? []).find((a) => a.Path === path);
      return { serviceEnabled: res.EnableService !== false, route: route ? { functionName: route.Name, type: route.Type } : null };
    },
    async enableHttpAccess() {
      await withTimeout('开启 HTTP 访问服务', TIME_LIMITS_MS.call, getManager().access.switchAuth(true));
    },
    async createHttpRoute({ name, path }) {
      // Type 1: a cloud function; auth off: callers (the city's platform) hold no CloudBase login.
      await withTimeout(`创建 HTTP 访问路径 ${path}`, TIME_LIMITS_MS.call, getManager().access.createAccess({ name, path, type: 1, auth: false }));
    },
    async invokeHealth(name) {
      const res = await withTimeout(`冒烟检查 ${name}`, TIME_LIMITS_MS.call, getManager().functions.invokeFunction(name, { Type: 'Health' }));
      if (res.ErrMsg) return { ok: false, error: res.ErrMsg };
      try {
        return JSON.parse(res.RetMsg) as unknown;
      } catch {
        return res.RetMsg;
      }
    },
  };

  const miniprogram: MiniProgramUploader = {
    async upload({ version, description, robot }) {
      const { ci, project: p } = getCi();
      const res = await ci.upload({ project: p, version, desc: description, robot, setting: { useProjectConfig: true } });
      return { packages: (res.subPackageInfo ?? []).map((s) => ({ name: s.name, size: s.size })) };
    },
  };

  return { database: () => database, functions: () => functions, miniprogram: () => miniprogram };
}

/** SCF reports a timer's cron as the raw expression or as JSON `{"cron": "..."}`. */
export function cronOf(desc: string): string {
  try {
    const parsed: unknown = JSON.parse(desc);
    if (parsed && typeof parsed === 'object' && 'cron' in parsed && typeof (parsed as { cron: unknown }).cron === 'string') {
      return (parsed as { cron: string }).cron;
    }
  } catch {
    // Not JSON: the expression itself.
  }
  return desc;
}
