/**
 * Test support for the deploy: fixture projects in temporary folders, a toolchain that bundles
 * fixture functions the way the real builder lays them out, and an in-memory cloud implementing
 * OUR client interfaces (never the vendor SDKs) that records every call.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { DatabaseAdmin, DeployClients, FunctionDeployer, MiniProgramUploader, RemoteFunction, RemoteIndex } from '../../scripts/deploy/clients';
import type { CloudCredentials } from '../../scripts/deploy/cloudbase-clients';
import type { DeployEnv } from '../../scripts/deploy/config';
import { runDeploy, type DeployResult } from '../../scripts/deploy/deploy';
import { memoryOutput } from '../../scripts/deploy/output';
import type { Toolchain } from '../../scripts/deploy/toolchain';
import { writeFunctionLockfile } from '../../scripts/function-lockfile';

export const FIXTURES = path.join(__dirname, 'fixtures');

export const SECRET_ID = 'AKIDfixture0123456789abcdef';
export const SECRET_KEY = 'fixtureSecretKey0123456789abcdef';
export const FAKE_PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAfixturefixturefixturefixturefixturefixturefixture0123',
  '-----END RSA PRIVATE KEY-----',
  '',
].join('\n');

const tmpRoots: string[] = [];

/** A copy of fixtures/project (plus optional extra function folders) in a temporary folder. */
export function fixtureProject(extraFunctions: string[] = []): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-deploy-'));
  tmpRoots.push(root);
  fs.cpSync(path.join(FIXTURES, 'project'), root, { recursive: true });
  for (const dir of extraFunctions) {
    fs.cpSync(path.join(FIXTURES, dir), path.join(root, 'cloudfunctions', path.basename(dir)), { recursive: true });
  }
  fs.writeFileSync(path.join(root, 'private.wx0123456789abcdef.key'), FAKE_PEM);
  return root;
}

export function removeFixtureProjects(): void {
  for (const root of tmpRoots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}

/** Environment of a fully configured deploy (what .deploy.env would hold). */
export function fullEnv(extra: Record<string, string> = {}): DeployEnv {
  return {
    FQ_DEPLOY_APPID: 'wx0123456789abcdef',
    FQ_DEPLOY_ENV_ID: 'fengqiao-prod-1a2b3c',
    FQ_DEPLOY_PRIVATE_KEY_PATH: './private.wx0123456789abcdef.key',
    FQ_DEPLOY_SECRET_ID: SECRET_ID,
    FQ_DEPLOY_SECRET_KEY: SECRET_KEY,
    FQ_DEPLOY_SUBSCRIBE_TEMPLATES: JSON.stringify({ caseNew: 'TPLcaseNew0123456789', caseUpdate: 'TPLcaseUpdate0123456' }),
    FQ_DEPLOY_SERVICE_LEVELS: JSON.stringify({ urgentAcceptMinutes: 20 }),
    ...extra,
  };
}

/** Bundles `cloudfunctions/<name>/index.ts` as the real builder does: index.js + config.json + package.json. */
export async function buildFixtureFunctions(root: string, outDir: string): Promise<void> {
  const src = path.join(root, 'cloudfunctions');
  for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(src, entry.name);
    await build({
      entryPoints: [path.join(dir, 'index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node16',
      external: ['wx-server-sdk'], outfile: path.join(outDir, entry.name, 'index.js'), logLevel: 'silent',
    });
    for (const f of ['config.json', 'package.json']) fs.copyFileSync(path.join(dir, f), path.join(outDir, entry.name, f));
    writeFunctionLockfile(path.join(outDir, entry.name), path.join(__dirname, '../../package-lock.json'));
  }
}

export interface FixtureToolchain extends Toolchain {
  calls: string[];
}

export function fixtureToolchain(root: string, options: { sizeOk?: boolean } = {}): FixtureToolchain {
  const calls: string[] = [];
  return {
    calls,
    async buildFunctions(outDir) {
      calls.push(`buildFunctions ${path.relative(root, outDir)}`);
      await buildFixtureFunctions(root, outDir);
    },
    async buildWeapp(envId) {
      calls.push(`buildWeapp ${envId}`);
      const dir = path.join(root, 'dist', 'weapp');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: ['pages/home/index'] }));
      fs.writeFileSync(path.join(dir, 'project.config.json'), JSON.stringify({ miniprogramRoot: './', compileType: 'miniprogram' }));
      fs.writeFileSync(path.join(dir, 'app.js'), `wx.cloud.init({ env: ${JSON.stringify(envId)} });\n`);
      return { ok: true, output: '' };
    },
    async checkSize() {
      calls.push('checkSize');
      return options.sizeOk === false
        ? { ok: false, output: '主包 612.0 KB，超过 500 KB 预算' }
        : { ok: true, output: '主包 1.0 KB / 500 KB' };
    },
  };
}

/** An in-memory CloudBase environment behind our client interfaces; state survives between runs. */
export class FakeCloud implements DeployClients {
  calls: string[] = [];
  collections = new Map<string, { indexes: RemoteIndex[]; permission?: string }>();
  functionsOnline = new Map<string, RemoteFunction & { uploadedFrom?: string }>();
  uploads: { version: string; description: string; robot: number; projectPath: string }[] = [];
  credentials: CloudCredentials[] = [];
  /** Makes the named call throw (e.g. "uploadCode cases"). */
  failOn?: { call: string; error: Error };
  /** Cloud storage's rule; CloudBase's default lets any signed-in user read. */
  storageAcl = 'READONLY';
  /** "function api" pairs whose openapi permission WeChat has not registered (the health check answers -604101). */
  missingOpenapi = new Set<string>();
  /** HTTP access routes by path, and whether the environment's HTTP access service is on. */
  httpRoutes = new Map<string, { functionName: string; type: number }>();
  httpServiceEnabled = true;

  factory = (creds: CloudCredentials): DeployClients => {
    this.credentials.push(creds);
    return this;
  };

  private record(call: string): void {
    this.calls.push(call);
    if (this.failOn && this.failOn.call === call) throw this.failOn.error;
  }

  database(): DatabaseAdmin {
    return {
      ensureCollection: async (name) => {
        this.record(`ensureCollection ${name}`);
        if (this.collections.has(name)) return 'exists';
        this.collections.set(name, { indexes: [{ name: '_id_', unique: true, keys: [{ field: '_id', direction: '1' }] }] });
        return 'created';
      },
      listIndexes: async (name) => {
        this.record(`listIndexes ${name}`);
        return this.collections.get(name)?.indexes ?? [];
      },
      createIndex: async (name, index) => {
        this.record(`createIndex ${name}.${index.name}`);
        this.collections.get(name)?.indexes.push({ name: index.name, unique: index.unique, keys: index.keys.map((k) => ({ field: k.field, direction: String(k.direction) })) });
      },
      getCollectionPermission: async (name) => {
        this.record(`getCollectionPermission ${name}`);
        return this.collections.get(name)?.permission;
      },
      setCollectionAdminOnly: async (name) => {
        this.record(`setCollectionAdminOnly ${name}`);
        const c = this.collections.get(name);
        if (c) c.permission = 'ADMINONLY';
      },
      getStorageAcl: async () => {
        this.record('getStorageAcl');
        return this.storageAcl;
      },
      setStorageAclPrivate: async () => {
        this.record('setStorageAclPrivate');
        this.storageAcl = 'PRIVATE';
      },
    };
  }

  functions(): FunctionDeployer {
    return {
      describeFunction: async (name) => {
        this.record(`describeFunction ${name}`);
        const f = this.functionsOnline.get(name);
        return f ? { runtime: f.runtime, timeout: f.timeout, envVariables: { ...f.envVariables }, timerTriggers: f.timerTriggers.map((t) => ({ ...t })) } : null;
      },
      createFunction: async (input) => {
        this.record(`createFunction ${input.name}`);
        this.functionsOnline.set(input.name, { runtime: input.runtime, timeout: input.timeout, envVariables: { ...input.envVariables }, timerTriggers: [], uploadedFrom: input.bundleDir });
      },
      waitActive: async (name) => {
        this.record(`waitActive ${name}`);
      },
      invokeHealth: async (name) => {
        this.record(`invokeHealth ${name}`);
        // Answers for the openapi calls the uploaded bundle's config.json declares, as the health action does.
        const dir = this.functionsOnline.get(name)?.uploadedFrom;
        const config = dir ? (JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { permissions?: { openapi?: string[] } }) : {};
        const apis = (config.permissions?.openapi ?? []).map((api) => (this.missingOpenapi.has(`${name} ${api}`)
          ? { api, status: 'missingPermission', errCode: -604101, message: 'function has no permission to call this API' }
          : { api, status: 'ok', errCode: null, message: '' }));
        return { ok: true, data: { apis } };
      },
      uploadCode: async ({ name, bundleDir }) => {
        this.record(`uploadCode ${name}`);
        const f = this.functionsOnline.get(name);
        if (f) f.uploadedFrom = bundleDir;
        return { filesCount: fs.readdirSync(bundleDir).length, packSize: 1234 };
      },
      updateSettings: async (input) => {
        this.record(`updateSettings ${input.name}`);
        const f = this.functionsOnline.get(input.name);
        if (f) Object.assign(f, { timeout: input.timeout, envVariables: { ...input.envVariables } });
      },
      deleteTrigger: async ({ name, triggerName }) => {
        this.record(`deleteTrigger ${name}.${triggerName}`);
        const f = this.functionsOnline.get(name);
        if (f) f.timerTriggers = f.timerTriggers.filter((t) => t.name !== triggerName);
      },
      describeHttpAccess: async (path) => {
        this.record(`describeHttpAccess ${path}`);
        return { serviceEnabled: this.httpServiceEnabled, route: this.httpRoutes.get(path) ?? null };
      },
      enableHttpAccess: async () => {
        this.record('enableHttpAccess');
        this.httpServiceEnabled = true;
      },
      createHttpRoute: async ({ name, path }) => {
        this.record(`createHttpRoute ${path} ${name}`);
        this.httpRoutes.set(path, { functionName: name, type: 1 });
      },
      createTimerTrigger: async ({ name, trigger }) => {
        this.record(`createTimerTrigger ${name}.${trigger.name}`);
        this.functionsOnline.get(name)?.timerTriggers.push({ name: trigger.name, cron: trigger.config });
      },
    };
  }

  miniprogram(): MiniProgramUploader {
    return {
      upload: async (input) => {
        this.record(`upload ${input.version}`);
        this.uploads.push(input);
        return { packages: [{ name: '__FULL__', size: 1024 }] };
      },
    };
  }
}

export interface Run {
  result: DeployResult;
  output: string;
}

export async function deploy(root: string, argv: string[], options: { env?: DeployEnv; cloud?: FakeCloud; toolchain?: Toolchain } = {}): Promise<Run> {
  const out = memoryOutput();
  const cloud = options.cloud;
  const result = await runDeploy({
    root,
    argv,
    env: options.env ?? {},
    out,
    toolchain: options.toolchain ?? fixtureToolchain(root),
    clients: cloud ? cloud.factory : () => { throw new Error('a remote client was created'); },
  });
  return { result, output: out.text() };
}
