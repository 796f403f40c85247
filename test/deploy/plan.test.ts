/** Dry run: the full plan from fixture declarations, with no credentials and no remote client. */
import fs from 'node:fs';
import path from 'node:path';
import { deploy, fixtureProject, fixtureToolchain, removeFixtureProjects } from './helpers';

afterAll(removeFixtureProjects);

describe('npm run deploy -- --dry-run (fixture project)', () => {
  it('prints the full plan without configuration or network and succeeds', async () => {
    const root = fixtureProject();
    const toolchain = fixtureToolchain(root);
    const { result, output } = await deploy(root, ['--dry-run'], { toolchain });

    expect(result.exitCode).toBe(0);
    expect(output).toContain('演练');
    expect(output).toContain('小程序 AppID：（未配置）');
    // Database: every collection with its indexes and the permission it gets.
    expect(output).toContain('3 个集合');
    expect(output).toContain('ADMINONLY');
    expect(output).toContain('cases：grid_status_created(gridId 升, status 升, createdAt 降)；reporter_request(reporter.openid 升, requestId 升) 唯一');
    expect(output).toContain('users：openid(openid 升) 唯一');
    // Functions: bundle dir, size, timeout, openapi permissions, trigger, environment.
    // Built in a scratch folder: a rehearsal never replaces the working tree's dist/.
    expect(output).toMatch(/cases：上传 dist\/cloudfunctions\/cases（演练构建在临时目录）\/（[\d.]+ (KB|B)，4 个文件），超时 10 秒/);
    expect(fs.existsSync(path.join(root, 'dist/cloudfunctions'))).toBe(false);
    expect(output).toContain('openapi 权限：security.msgSecCheck, subscribeMessage.send（部署不会登记，见“不会自动完成”）');
    // What the run will not apply, each as the step a person takes.
    expect(output).toContain('不会自动完成（需人工，详见 docs/deploy.md 的发布清单）：');
    expect(output).toContain('openapi 权限 cases（security.msgSecCheck, subscribeMessage.send）：manager-node 和 miniprogram-ci 都不会登记');
    expect(output).toContain('右键 dist/cloudfunctions/outbox →“上传并部署：云端安装依赖”一次');
    expect(output).toContain('开发管理 → 接口设置 中开通 wx.chooseLocation');
    expect(output).toContain('定时触发器：retryOutbox "0 */5 * * * * *"');
    expect(output).toContain('定时触发器：retryOutbox "0 */5 * * * * *"；环境变量：TZ');
    expect(output).toContain('定时触发器：无；环境变量：无（线上多余的变量会被删除）\n');
    // Mini-program version from package.json, description from git (none in a temp folder).
    expect(output).toContain('上传版本 1.2.3');
    // Checks ran and passed; the size check is skipped because a dry run does not build the weapp.
    expect(output).toMatch(/\[通过\] 集合与索引声明/);
    expect(output).toMatch(/\[通过\] openapi 权限声明/);
    expect(output).toMatch(/\[跳过\] 小程序体积/);
    expect(toolchain.calls).toEqual([expect.stringMatching(/^buildFunctions .*fq-deploy-dry-.*dist\/cloudfunctions$/)]);

    const plan = result.plan!;
    expect(plan.steps).toEqual(['build', 'database', 'functions', 'miniprogram']);
    expect(plan.collections.map((c) => c.name)).toEqual(['cases', 'users', 'outbox']);
    expect(plan.functions.map((f) => [f.name, f.bundleDir, f.openapi, f.triggers.map((t) => t.config)])).toEqual([
      ['cases', expect.stringMatching(/fq-deploy-dry-.*cases$/), ['security.msgSecCheck', 'subscribeMessage.send'], []],
      ['outbox', expect.stringMatching(/fq-deploy-dry-.*outbox$/), ['subscribeMessage.send'], ['0 */5 * * * * *']],
    ]);
    expect(plan.functions.every((f) => (f.bytes ?? 0) > 0)).toBe(true);
  });

  it('shows the HTTP access route a function declares', async () => {
    const root = fixtureProject(['http-access/open311']);
    const { result, output } = await deploy(root, ['--dry-run', '--only', 'functions']);
    expect(result.exitCode).toBe(0);
    expect(output).toContain('HTTP 访问服务：路径 /open311 → 云函数 open311（不存在则创建');
    expect(result.plan!.functions.find((f) => f.name === 'open311')).toMatchObject({ httpPath: '/open311' });
    expect(result.plan!.functions.find((f) => f.name === 'cases')!.httpPath).toBeUndefined();
  });

  it('shows configured targets and template ids, never secret values', async () => {
    const root = fixtureProject();
    fs.copyFileSync(path.join(__dirname, '..', '..', 'deploy.config.example.json'), path.join(root, 'deploy.config.json'));
    fs.writeFileSync(path.join(root, '.deploy.env'), 'FQ_DEPLOY_SECRET_ID=AKIDdotenv0123456789abcd\nFQ_DEPLOY_SECRET_KEY="dotenvSecretKey0123456789abcdef"\n');
    const { result, output } = await deploy(root, ['--dry-run', '--only', 'functions']);
    expect(result.exitCode).toBe(0);
    expect(output).toContain('小程序 AppID：wx0123456789abcdef，来自 deploy.config.json');
    expect(output).toContain('云开发环境：fengqiao-prod-1a2b3c，来自 deploy.config.json');
    expect(output).toContain('腾讯云 API 密钥：已配置，来自 .deploy.env 中的 FQ_DEPLOY_SECRET_ID');
    expect(output).not.toContain('AKIDdotenv0123456789abcd');
    expect(output).not.toContain('dotenvSecretKey0123456789abcdef');
    expect(output).toContain('步骤：云函数');
    expect(output).toContain('环境变量：TZ, FQ_SERVICE_LEVELS, FQ_MINIPROGRAM_STATE');
    expect(output).not.toContain('[1] 构建');
    // The example ships blank template ids: a dry run warns, it does not fail.
    expect(output).toMatch(/\[注意\] 订阅消息模板/);
    expect(output).toContain('caseNew「新案件提醒」（一次性）关键词 thing1 time2：未配置');
  });

  it('--only database plans the database alone and builds nothing', async () => {
    const root = fixtureProject();
    const toolchain = fixtureToolchain(root);
    const { result, output } = await deploy(root, ['--dry-run', '--only=database'], { toolchain });
    expect(result.exitCode).toBe(0);
    expect(result.plan!.steps).toEqual(['database']);
    expect(output).toContain('[1] 数据库');
    expect(output).not.toContain('云函数：');
    expect(toolchain.calls).toEqual([]);
  });

  it('rejects unknown steps and arguments with the usage', async () => {
    const root = fixtureProject();
    const bad = await deploy(root, ['--dry-run', '--only', 'everything']);
    expect(bad.result.exitCode).toBe(1);
    expect(bad.output).toContain('未知的步骤 "everything"，可选：build | database | functions | miniprogram');
    const unknown = await deploy(root, ['--force']);
    expect(unknown.result.exitCode).toBe(1);
    expect(unknown.output).toContain('未知的参数 "--force"');
    expect(unknown.output).toContain('--only <步骤>');
  });
});
