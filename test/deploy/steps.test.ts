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
      // Every permission read back after setting it; storage made 仅创建者及管理员可读写 and read back.
      'getCollectionPermission cases', 'getCollectionPermission users', 'getCollectionPermission outbox',
      'getStorageAcl', 'setStorageAclPrivate', 'getStorageAcl',
      // A new function's code goes up with its creation (one upload); triggers only once it is Active.
      'describeFunction cases', 'createFunction cases', 'waitActive cases',
      'describeFunction outbox', 'createFunction outbox', 'waitActive outbox', 'createTimerTrigger outbox.retryOutbox',
      // The smoke check: each function with declared openapi calls tries them.
      'invokeHealth cases', 'invokeHealth outbox',
      'upload 1.2.3',
    ]);
    expect(cloud.credentials[0]).toMatchObject({ appId: 'wx0123456789abcdef', envId: 'fengqiao-prod-1a2b3c', privateKeyPath: path.join(root, 'private.wx0123456789abcdef.key'), projectPath: path.join(root, 'dist/weapp') });
    const outbox = cloud.functionsOnline.get('outbox')!;
    expect(outbox).toMatchObject({ runtime: 'Nodejs18.15', timeout: 20, timerTriggers: [{ name: 'retryOutbox', cron: '0 */5 * * * * *' }] });
    expect(outbox.envVariables).toEqual({
      TZ: 'Asia/Shanghai',
      FQ_SERVICE_LEVELS: JSON.stringify({ urgentAcceptMinutes: 20 }),
      FQ_SUBSCRIBE_TEMPLATES: JSON.stringify({ caseNew: 'TPLcaseNew0123456789', caseUpdate: 'TPLcaseUpdate0123456' }),
    });
    expect(first.output).toContain('部署完成。');
    expect(first.output).toContain('数据库：已创建 7，已更新 4，已核对 1');
    expect(cloud.storageAcl).toBe('PRIVATE');

    cloud.calls = [];
    const second = await deploy(root, [], { env: fullEnv(), cloud, toolchain });
    expect(second.result.exitCode).toBe(0);
    const writes = cloud.calls.filter((c) => !/^(ensureCollection|listIndexes|getCollectionPermission|getStorageAcl|describeFunction|waitActive|invokeHealth)\b/.test(c));
    // Only the code (identical bytes) and the mini-program version go up again.
    expect(writes).toEqual(['uploadCode cases', 'uploadCode outbox', 'upload 1.2.3']);
    expect(second.output).toContain('数据库：无变化 11，已核对 1');
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
      'describeFunction outbox', 'waitActive outbox', 'uploadCode outbox', 'waitActive outbox', 'updateSettings outbox', 'waitActive outbox',
      'deleteTrigger outbox.retryOutbox', 'deleteTrigger outbox.legacy', 'createTimerTrigger outbox.retryOutbox',
      'invokeHealth outbox',
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
    cloud.failOn = { call: 'createFunction outbox', error: Object.assign(new Error('env not found'), { code: 'ResourceNotFound' }) };
    const failed = await deploy(root, ['--only', 'functions', '--only', 'miniprogram'], { env: fullEnv(), cloud });
    expect(failed.result.exitCode).toBe(1);
    expect(failed.output).toContain('步骤「云函数」失败：env not found（ResourceNotFound）');
    expect(failed.output).toContain('npm run deploy -- --only functions --only miniprogram');
    expect(cloud.uploads).toEqual([]);

    cloud.failOn = undefined;
    cloud.calls = [];
    const again = await deploy(root, ['--only', 'functions', '--only', 'miniprogram'], { env: fullEnv(), cloud });
    expect(again.result.exitCode).toBe(0);
    // cases already exists: only outbox, whose creation failed, is created now.
    expect(cloud.calls.filter((c) => c.startsWith('createFunction'))).toEqual(['createFunction outbox']);
    expect(cloud.uploads).toHaveLength(1);
  });

  it('ends with the openapi smoke check: a permission WeChat never registered fails the run with the exact manual step', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    cloud.missingOpenapi.add('cases security.msgSecCheck');
    const { result, output, } = await deploy(root, ['--only', 'functions', '--only', 'miniprogram'], { env: fullEnv(), cloud });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('openapi cases security.msgSecCheck：没有调用权限（-604101）');
    expect(output).toContain('右键 dist/cloudfunctions/cases →“上传并部署：云端安装依赖（不上传 node_modules）”');
    expect(output).toContain('部署后冒烟检查未通过：cases');
    // The mini-program is not uploaded on top of a backend that cannot send messages.
    expect(cloud.uploads).toEqual([]);

    cloud.missingOpenapi.clear();
    const again = await deploy(root, ['--only', 'functions'], { env: fullEnv(), cloud });
    expect(again.result.exitCode).toBe(0);
    expect(again.output).toContain('openapi 冒烟检查：cases、outbox 全部可用');
  });

  it('sets the exact variable map: a variable no longer configured is removed online', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    await deploy(root, ['--only', 'functions'], { env: fullEnv(), cloud });
    cloud.functionsOnline.get('cases')!.envVariables.FQ_OLD_FLAG = '1';
    const env = { ...fullEnv(), FQ_DEPLOY_SERVICE_LEVELS: undefined };
    const { result, output } = await deploy(root, ['--only', 'functions'], { env, cloud });
    expect(result.exitCode).toBe(0);
    expect(cloud.functionsOnline.get('cases')!.envVariables).toEqual({ FQ_SUBSCRIBE_TEMPLATES: JSON.stringify({ caseNew: 'TPLcaseNew0123456789', caseUpdate: 'TPLcaseUpdate0123456' }) });
    expect(output).toContain('配置 cases：已更新（超时 10 秒；删除环境变量 FQ_SERVICE_LEVELS, FQ_OLD_FLAG）');
  });

  it('passes the configured region to the clients (default ap-shanghai)', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    await deploy(root, ['--only', 'database'], { env: fullEnv(), cloud });
    await deploy(root, ['--only', 'database'], { env: fullEnv({ FQ_DEPLOY_REGION: 'ap-guangzhou' }), cloud });
    expect(cloud.credentials.map((c) => c.region)).toEqual(['ap-shanghai', 'ap-guangzhou']);
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

describe('the HTTP access route (config.json httpAccess.path)', () => {
  it('is created after the function is Active, then only checked: a re-run creates nothing', async () => {
    const root = fixtureProject(['http-access/open311']);
    const cloud = new FakeCloud();
    const first = await deploy(root, ['--only', 'functions'], { env: fullEnv(), cloud });
    expect(first.result.exitCode).toBe(0);
    expect(cloud.calls.filter((c) => c.includes('open311'))).toEqual([
      'describeFunction open311', 'createFunction open311', 'waitActive open311', 'describeHttpAccess /open311', 'createHttpRoute /open311 open311',
    ]);
    expect(cloud.httpRoutes.get('/open311')).toEqual({ functionName: 'open311', type: 1 });
    expect(first.output).toContain('HTTP 访问 /open311 → open311：已创建');

    cloud.calls = [];
    const again = await deploy(root, ['--only', 'functions'], { env: fullEnv(), cloud });
    expect(again.result.exitCode).toBe(0);
    expect(cloud.calls.filter((c) => /HttpRoute|HttpAccess/.test(c))).toEqual(['describeHttpAccess /open311']);
  });

  it('turns the HTTP access service on when the environment has it off', async () => {
    const root = fixtureProject(['http-access/open311']);
    const cloud = new FakeCloud();
    cloud.httpServiceEnabled = false;
    expect((await deploy(root, ['--only', 'functions'], { env: fullEnv(), cloud })).result.exitCode).toBe(0);
    expect(cloud.calls.filter((c) => /HttpRoute|HttpAccess/.test(c))).toEqual(['describeHttpAccess /open311', 'enableHttpAccess', 'createHttpRoute /open311 open311']);
  });

  it('stops, naming the step to take, when the path already leads elsewhere', async () => {
    const root = fixtureProject(['http-access/open311']);
    const cloud = new FakeCloud();
    cloud.httpRoutes.set('/open311', { functionName: 'legacy311', type: 1 });
    const { result, output } = await deploy(root, ['--only', 'functions'], { env: fullEnv(), cloud });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('HTTP 访问路径 /open311 已存在，但指向云函数 legacy311，不是 open311');
    expect(cloud.calls.some((c) => c.startsWith('createHttpRoute'))).toBe(false);
    expect(cloud.httpRoutes.get('/open311')).toEqual({ functionName: 'legacy311', type: 1 });
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
