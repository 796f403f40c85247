/** Checks before deploy: openapi permissions, collection declarations, size budget, secrets in packages. */
import fs from 'node:fs';
import path from 'node:path';
import { checkCollectionDeclarations } from '../../scripts/deploy/checks/collections';
import { findOpenapiCalls } from '../../scripts/deploy/checks/openapi';
import { cronOf } from '../../scripts/deploy/cloudbase-clients';
import { loadCollections } from '../../scripts/deploy/declarations';
import { deploy, FakeCloud, fixtureProject, fixtureToolchain, fullEnv, removeFixtureProjects, SECRET_KEY } from './helpers';

afterAll(removeFixtureProjects);

describe('openapi permission check', () => {
  it('fails the deploy when a function calls an openapi its config.json does not declare', async () => {
    const root = fixtureProject(['undeclared-openapi/notify']);
    const cloud = new FakeCloud();
    const { result, output } = await deploy(root, ['--only', 'functions'], { env: fullEnv(), cloud });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('[未通过] openapi 权限声明');
    expect(output).toContain('云函数 notify 调用了 openapi.security.msgSecCheck（cloudfunctions/notify/index.ts），但 cloudfunctions/notify/config.json 的 permissions.openapi 没有声明 "security.msgSecCheck"');
    // The declared call of the same function is fine, and the other functions pass.
    expect(output).not.toContain('openapi.subscribeMessage.send（');
    expect(output).toContain('没有执行任何部署操作');
    expect(cloud.calls).toEqual([]);
  });

  it('fails a dry run the same way', async () => {
    const root = fixtureProject(['undeclared-openapi/notify']);
    const { result, output } = await deploy(root, ['--dry-run']);
    expect(result.exitCode).toBe(1);
    expect(output).toContain('"security.msgSecCheck"');
    expect(output).toContain('检查未通过（openapi 权限声明），演练结束');
  });

  it('reads calls through the SDK, accessors, aliases and options; ignores libraries', () => {
    const bundle = [
      '// backend/platform/openapi.ts',
      'function openapi() { return getCloud().openapi; }',
      'var a = () => openapi().subscribeMessage.send({});',
      'var b = () => cloud.openapi({ convertCase: false }).wxacode.getUnlimited({});',
      'var api = cloud.openapi;',
      'var c = () => api.security.msgSecCheck({});',
      'var d = () => cloud.openapi?.urlscheme.generate({});',
      'var e = (ns) => cloud.openapi[ns].send({});',
      '// node_modules/some-lib/index.js',
      'var f = () => x.openapi.analysis.getDailySummary();',
    ].join('\n');
    const { calls, unresolved } = findOpenapiCalls(bundle);
    expect(calls.map((c) => c.api).sort()).toEqual(['security.msgSecCheck', 'subscribeMessage.send', 'urlscheme.generate', 'wxacode.getUnlimited']);
    expect(calls.every((c) => c.file === 'backend/platform/openapi.ts')).toBe(true);
    expect(unresolved).toHaveLength(1);
  });
});

describe('collection declaration check', () => {
  it('resolves literal, constant and object-member collection names in the fixture', () => {
    const root = fixtureProject();
    const declared = loadCollections(path.join(root, 'cloudfunctions/collections.json'));
    const report = checkCollectionDeclarations(declared, root);
    expect([...new Set(report.uses.map((u) => u.collection))].sort()).toEqual(['cases', 'outbox', 'users']);
    expect(report.undeclared).toEqual([]);
    expect(report.unresolved).toEqual([]);
    expect(report.unindexedSorts).toEqual([]);
  });

  it('fails when backend code opens an undeclared collection, and warns on an unindexed sort', async () => {
    const root = fixtureProject();
    fs.writeFileSync(path.join(root, 'backend/data/visits.ts'), [
      "import { getCloud } from '../platform/cloud';",
      "export const recent = () => getCloud().database().collection('visits').orderBy('visitedAt', 'desc').limit(10).get();",
    ].join('\n'));
    fs.appendFileSync(path.join(root, 'backend/data/cases.ts'), "\nexport const byRating = () => getCloud().database().collection('cases').orderBy('rating', 'desc').limit(5).get();\n");
    const { result, output } = await deploy(root, ['--dry-run', '--only', 'database']);
    expect(result.exitCode).toBe(1);
    expect(output).toContain('[未通过] 集合与索引声明');
    expect(output).toContain('集合 visits（backend/data/visits.ts 使用）没有在 cloudfunctions/collections.json 中声明');
    expect(output).toContain('backend/data/cases.ts 按 rating 排序，但集合 cases 没有包含该字段的索引');
  });

  it('refuses a malformed declaration file, naming the entry', async () => {
    const root = fixtureProject();
    const file = path.join(root, 'cloudfunctions/collections.json');
    fs.writeFileSync(file, JSON.stringify({ collections: [
      { name: 'cases', indexes: [{ name: 'by_grid', keys: [{ field: 'grid..id', direction: 1 }] }] },
      { name: 'cases', indexes: [] },
    ] }));
    const bad = await deploy(root, ['--dry-run']);
    expect(bad.result.exitCode).toBe(1);
    expect(bad.output).toContain('collections.0.indexes.0.keys.0.field：字段路径不合法');
    fs.writeFileSync(file, JSON.stringify({ collections: [
      { name: 'cases', indexes: [{ name: 'a', keys: [{ field: 'x', direction: 1 }] }, { name: 'b', keys: [{ field: 'x', direction: 1 }] }] },
      { name: 'cases' },
    ] }));
    const dup = await deploy(root, ['--dry-run']);
    expect(dup.output).toContain('集合 cases：索引 b 与 a 完全相同');
    expect(dup.output).toContain('集合 cases 声明了两次');
  });
});

describe('build output checks', () => {
  it('stops before any remote step when the weapp is over its size budget', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    const { result, output } = await deploy(root, [], { env: fullEnv(), cloud, toolchain: fixtureToolchain(root, { sizeOk: false }) });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('[未通过] 小程序体积');
    expect(output).toContain('主包 612.0 KB，超过 500 KB 预算');
    expect(cloud.calls).toEqual([]);
  });

  it('refuses to upload a package that carries a secret', async () => {
    const root = fixtureProject();
    const toolchain = fixtureToolchain(root);
    const leaky = { ...toolchain, async buildWeapp(envId: string) {
      const res = await toolchain.buildWeapp(envId);
      fs.writeFileSync(path.join(root, 'dist/weapp/config.js'), `module.exports = { key: "${SECRET_KEY}" };`);
      fs.copyFileSync(path.join(root, 'private.wx0123456789abcdef.key'), path.join(root, 'dist/weapp/private.wx0123456789abcdef.key'));
      return res;
    } };
    const cloud = new FakeCloud();
    const { result, output } = await deploy(root, ['--only', 'miniprogram'], { env: fullEnv(), cloud, toolchain: leaky });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('[未通过] 密钥不进包');
    expect(output).toContain('dist/weapp/config.js 含有腾讯云 SecretKey');
    expect(output).toContain('dist/weapp/private.wx0123456789abcdef.key 含有密钥或部署配置文件');
    expect(output).not.toContain(SECRET_KEY);
    expect(cloud.calls).toEqual([]);
  });

  it('refuses a bundle whose config.json differs from the source', async () => {
    const root = fixtureProject();
    const toolchain = fixtureToolchain(root);
    const stale = { ...toolchain, async buildFunctions(outDir: string) {
      await toolchain.buildFunctions(outDir);
      fs.writeFileSync(path.join(outDir, 'cases/config.json'), JSON.stringify({ timeout: 3 }));
    } };
    const { result, output } = await deploy(root, ['--dry-run', '--only', 'functions'], { toolchain: stale });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('dist/cloudfunctions/cases/config.json 与 cloudfunctions/cases/config.json 不一致（请重新构建）');
  });
});

describe('reading what is online', () => {
  it('takes a timer cron from either shape SCF reports', () => {
    expect(cronOf('{"cron":"0 * * * * * *"}')).toBe('0 * * * * * *');
    expect(cronOf('0 */5 * * * * *')).toBe('0 */5 * * * * *');
  });
});

describe('the weapp points at the deployed environment', () => {
  it('refuses to upload a build made for another cloud environment (e.g. reused with --skip-build)', async () => {
    const root = fixtureProject();
    const toolchain = fixtureToolchain(root);
    await toolchain.buildWeapp('fengqiao-local');
    const cloud = new FakeCloud();
    const { result, output } = await deploy(root, ['--only', 'miniprogram', '--skip-build'], { env: fullEnv(), cloud, toolchain });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('[未通过] 小程序云环境');
    expect(output).toContain('dist/weapp 不是为环境 fengqiao-prod-1a2b3c 构建的');
    expect(cloud.calls).toEqual([]);
  });
});
