/** Real runs against an in-memory cloud behind our client interfaces: order, idempotence, failures. */
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { deploy, FakeCloud, fixtureProject, fixtureToolchain, fullEnv, removeFixtureProjects } from './helpers';

afterAll(removeFixtureProjects);

describe('npm run deploy (recorded against our client interfaces)', () => {
  it('runs database, functions and mini-program in order, then a re-run changes nothing', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    const toolchain = fixtureToolchain(root);
    const first = await deploy(root, [], { env: fullEnv(), cloud, toolchain });
    expect(first.result.exitCode).toBe(0);
    expect(toolchain.calls).toEqual(['buildFunctions dist/cloudfunctions', 'buildWeapp fengqiao-prod-1a2b3c', 'checkSize']);
    // The plan is printed before the first remote call.
    expect(first.output.indexOf('枫桥家园 部署计划')).toBeLessThan(first.output.indexOf('== 数据库 =='));
    expect(cloud.calls).toEqual([
      'ensureCollection cases', 'listIndexes cases', 'createIndex cases.grid_status_created', 'createIndex cases.reporter_request',
      'getCollectionPermission cases', 'setCollectionAdminOnly cases',
      'ensureCollection users', 'listIndexes users', 'createIndex users.openid', 'getCollectionPermission users', 'setCollectionAdminOnly users',
      'ensureCollection outbox', 'listIndexes outbox', 'createIndex outbox.state_due', 'getCollectionPermission outbox', 'setCollectionAdminOnly outbox',
      'describeFunction cases', 'createFunction cases', 'uploadCode cases',
      'describeFunction outbox', 'createFunction outbox', 'uploadCode outbox', 'createTimerTrigger outbox.retryOutbox',
      'upload 1.2.3',
    ]);
    expect(cloud.credentials[0]).toMatchObject({ appId: 'wx0123456789abcdef', envId: 'fengqiao-prod-1a2b3c', privateKeyPath: path.join(root, 'private.wx0123456789abcdef.key'), projectPath: path.join(root, 'dist/weapp') });
    const outbox = cloud.functionsOnline.get('outbox')!;
    expect(outbox).toMatchObject({ runtime: 'Nodejs16.13', timeout: 20, timerTriggers: [{ name: 'retryOutbox', cron: '0 */5 * * * * *' }] });
    expect(outbox.envVariables).toEqual({
      TZ: 'Asia/Shanghai',
      FQ_SERVICE_LEVELS: JSON.stringify({ urgentAcceptMinutes: 20 }),
      FQ_SUBSCRIBE_TEMPLATES: JSON.stringify({ caseNew: 'TPLcaseNew0123456789', caseUpdate: 'TPLcaseUpdate0123456' }),
    });
    expect(first.output).toContain('部署完成。');
    expect(first.output).toContain('数据库：已创建 7，已更新 3');

    cloud.calls = [];
    const second = await deploy(root, [], { env: fullEnv(), cloud, toolchain });
    expect(second.result.exitCode).toBe(0);
    const writes = cloud.calls.filter((c) => !/^(ensureCollection|listIndexes|getCollectionPermission|describeFunction) /.test(c));
    // Only the code (identical bytes) and the mini-program version go up again.
    expect(writes).toEqual(['uploadCode cases', 'uploadCode outbox', 'upload 1.2.3']);
    expect(second.output).toContain('数据库：无变化 10');
  });

  it('brings changed settings and triggers in line with config.json', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    await deploy(root, ['--only', 'functions'], { env: fullEnv(), cloud });
    const outbox = cloud.functionsOnline.get('outbox')!;
    outbox.timeout = 3;
    outbox.timerTriggers = [{ name: 'retryOutbox', cron: '0 0 * * * * *' }, { name: 'legacy', cron: '0 0 1 * * * *' }];
    cloud.calls = [];
    const { result, output } = await deploy(root, ['--only', 'functions'], { env: fullEnv(), cloud });
    expect(result.exitCode).toBe(0);
    expect(cloud.calls.filter((c) => c.includes('outbox'))).toEqual([
      'describeFunction outbox', 'uploadCode outbox', 'updateSettings outbox',
      'deleteTrigger outbox.retryOutbox', 'deleteTrigger outbox.legacy', 'createTimerTrigger outbox.retryOutbox',
    ]);
    expect(cloud.functionsOnline.get('outbox')).toMatchObject({ timeout: 20, timerTriggers: [{ name: 'retryOutbox', cron: '0 */5 * * * * *' }] });
    expect(output).toContain('触发器 outbox.legacy：已删除（0 0 1 * * * *）');
  });

  it('stops at an index that exists online with a different definition, and says how to resume', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    cloud.collections.set('users', { indexes: [{ name: 'openid', unique: false, keys: [{ field: 'openid', direction: '1' }] }], permission: 'ADMINONLY' });
    const { result, output } = await deploy(root, [], { env: fullEnv(), cloud });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('步骤「数据库」失败：集合 users 的索引 openid 在线上已存在，但定义不同（线上：openid:1；声明：openid:1 唯一）');
    expect(output).toContain('修正后重新运行：npm run deploy -- --only database --only functions --only miniprogram');
    expect(output).toContain('重复运行是安全的');
    // What was done before the failure is summarised; nothing after it ran.
    expect(output).toContain('汇总：');
    expect(cloud.calls).not.toContain('describeFunction cases');
    expect(cloud.uploads).toEqual([]);
  });

  it('a failing upload stops the run with the function named; fixing it and re-running finishes', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    cloud.failOn = { call: 'uploadCode outbox', error: Object.assign(new Error('env not found'), { code: 'ResourceNotFound' }) };
    const failed = await deploy(root, ['--only', 'functions', '--only', 'miniprogram'], { env: fullEnv(), cloud });
    expect(failed.result.exitCode).toBe(1);
    expect(failed.output).toContain('步骤「云函数」失败：env not found（ResourceNotFound）');
    expect(failed.output).toContain('npm run deploy -- --only functions --only miniprogram');
    expect(cloud.uploads).toEqual([]);

    cloud.failOn = undefined;
    cloud.calls = [];
    const again = await deploy(root, ['--only', 'functions', '--only', 'miniprogram'], { env: fullEnv(), cloud });
    expect(again.result.exitCode).toBe(0);
    // cases and outbox already exist: no second create.
    expect(cloud.calls.filter((c) => c.startsWith('createFunction'))).toEqual([]);
    expect(cloud.uploads).toHaveLength(1);
  });

  it('refuses to upload into a function created with a runtime too old for the bundles', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    cloud.functionsOnline.set('cases', { runtime: 'Nodejs8.9', timeout: 3, envVariables: {}, timerTriggers: [] });
    const { result, output } = await deploy(root, ['--only', 'functions'], { env: fullEnv(), cloud });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('云函数 cases 线上的运行时是 Nodejs8.9，跑不了本项目的 Node 16 代码包');
    expect(cloud.calls).not.toContain('uploadCode cases');
  });

  it('uploads the mini-program with a version description from git', async () => {
    const root = fixtureProject();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '--allow-empty', '-m', 'Release: 上报与求助');
    git('tag', 'v1.2.3');
    const cloud = new FakeCloud();
    const { result } = await deploy(root, ['--only', 'miniprogram'], { env: fullEnv({ FQ_DEPLOY_ROBOT: '2' }), cloud });
    expect(result.exitCode).toBe(0);
    // The fixture files are untracked, so git describe says -dirty: the description tells the truth.
    expect(cloud.uploads).toEqual([{ projectPath: path.join(root, 'dist/weapp'), version: '1.2.3', description: expect.stringMatching(/^v1\.2\.3(-dirty)? Release: 上报与求助$/), robot: 2 }]);
  });

  it('says how to set a collection permission by hand when the API refuses', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    cloud.failOn = { call: 'setCollectionAdminOnly users', error: new Error('UnauthorizedOperation') };
    const { result, output } = await deploy(root, ['--only', 'database'], { env: fullEnv(), cloud });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('无法把集合 users 的权限设为 ADMINONLY：UnauthorizedOperation');
    expect(output).toContain('所有用户不可读写（仅管理端可读写）');
    expect(output).toContain('权限 cases：已更新（未设置 → ADMINONLY）');
  });
});

describe('--only build', () => {
  it('builds and checks with only the environment id, and touches nothing remote', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    const toolchain = fixtureToolchain(root);
    const { result, output } = await deploy(root, ['--only', 'build'], { env: { FQ_DEPLOY_ENV_ID: 'fengqiao-prod-1a2b3c' }, cloud, toolchain });
    expect(result.exitCode).toBe(0);
    expect(toolchain.calls).toEqual(['buildFunctions dist/cloudfunctions', 'buildWeapp fengqiao-prod-1a2b3c', 'checkSize']);
    expect(output).toContain('构建和检查完成；所选步骤不需要连接云端。');
    expect(cloud.calls).toEqual([]);
  });
});
