/**
 * Real deploy clients: @cloudbase/manager-node (Tencent Cloud API keys) for the database, function
 * settings and trigger listing; miniprogram-ci (the mini-program upload key) for function code,
 * timer triggers and the mini-program upload. Both SDKs are loaded only when a real deploy needs
 * them, so a dry run never touches them.
 */
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
      const CloudBase = require('@cloudbase/manager-node') as new (config: { secretId: string; secretKey: string; envId: string }) => ManagerNode;
      manager = new CloudBase({ secretId: creds.secretId, secretKey: creds.secretKey, envId: creds.envId });
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
      await getManager().functions.createFunction({
        func: { name: input.name, runtime: input.runtime, timeout: input.timeout, envVariables: input.envVariables, installDependency: true, handler: 'index.main' },
        functionPath: input.bundleDir,
        force: false,
      });
    },
    async uploadCode({ name, bundleDir }) {
      const { ci, project: p } = getCi();
      return ci.cloud.uploadFunction({ project: p, env: creds.envId, name, path: bundleDir, remoteNpmInstall: true });
    },
    async updateSettings(input: FunctionSettings) {
      await getManager().functions.updateFunctionConfig({ name: input.name, timeout: input.timeout, envVariables: input.envVariables });
    },
    async deleteTrigger({ name, triggerName }) {
      await getManager().functions.deleteFunctionTrigger(name, triggerName);
    },
    async createTimerTrigger({ name, trigger }: { name: string; trigger: TimerTrigger }) {
      const { ci, project: p } = getCi();
      const result = await ci.cloud.createTimeTrigger({ project: p, envId: creds.envId, functionName: name, triggersConfig: [{ name: trigger.name, type: 'timer', config: trigger.config }] });
      // miniprogram-ci swallows the API error and answers with this sentence instead.
      if (result !== '创建定时触发器成功') throw new Error(`创建定时触发器 ${trigger.name} 失败：${result}`);
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
