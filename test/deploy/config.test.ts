/** Configuration: precedence, refusal messages naming the key, and secrets never printed. */
import fs from 'node:fs';
import path from 'node:path';
import { DeployConfigError, loadDeployConfig, parseDotenv } from '../../scripts/deploy/config';
import { redact } from '../../scripts/deploy/output';
import { deploy, FakeCloud, fixtureProject, fullEnv, removeFixtureProjects, SECRET_ID, SECRET_KEY } from './helpers';

afterAll(removeFixtureProjects);

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DeployConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a DeployConfigError');
}

describe('loading the deploy configuration', () => {
  it('takes the environment over .deploy.env over deploy.config.json', () => {
    const root = fixtureProject();
    fs.writeFileSync(path.join(root, 'deploy.config.json'), JSON.stringify({ appId: 'wx1111111111111111', envId: 'from-file-env', robot: 3 }));
    fs.writeFileSync(path.join(root, '.deploy.env'), '# keys\nFQ_DEPLOY_ENV_ID=from-dotenv-env\nexport FQ_DEPLOY_ROBOT=5\n');
    const { config, sources } = loadDeployConfig({ root, env: { FQ_DEPLOY_ROBOT: '7' } });
    expect(config).toMatchObject({ appId: 'wx1111111111111111', envId: 'from-dotenv-env', robot: 7 });
    expect(sources).toEqual({ appId: 'deploy.config.json', envId: '.deploy.env 中的 FQ_DEPLOY_ENV_ID', robot: '环境变量 FQ_DEPLOY_ROBOT' });
  });

  it('parses dotenv lines with comments, export and quotes', () => {
    expect(parseDotenv('# c\nA=1\nexport B="two words"\nC=\'x=y\'\nnot a line\n')).toEqual({ A: '1', B: 'two words', C: 'x=y' });
  });

  it('names the malformed key, where to set it, and the bad value', () => {
    const root = fixtureProject();
    const message = configError(() => loadDeployConfig({ root, env: { FQ_DEPLOY_APPID: 'wxSHORT', FQ_DEPLOY_ROBOT: 'two' } }));
    expect(message).toContain('部署配置有误');
    expect(message).toContain('appId（环境变量 FQ_DEPLOY_APPID，或 deploy.config.json 中的 "appId"）：格式不对，应为 wx 开头、共 18 位的小程序 AppID（现为 "wxSHORT"）');
    expect(message).toContain('robot（环境变量 FQ_DEPLOY_ROBOT');
  });

  it('refuses the API key in deploy.config.json, without echoing it, and says where it belongs', () => {
    const root = fixtureProject();
    fs.writeFileSync(path.join(root, 'deploy.config.json'), JSON.stringify({ envId: 'fengqiao-prod-1a2b3c', secretId: SECRET_ID, secretKey: SECRET_KEY }));
    const message = configError(() => loadDeployConfig({ root, env: {} }));
    expect(message).toContain('deploy.config.json 里不能写密钥（secretId、secretKey）');
    expect(message).toContain('.deploy.env 或环境变量 FQ_DEPLOY_SECRET_ID、FQ_DEPLOY_SECRET_KEY');
    expect(message).not.toContain(SECRET_ID);
    expect(message).not.toContain(SECRET_KEY);
  });

  it('names a malformed secret without echoing it', () => {
    const root = fixtureProject();
    const message = configError(() => loadDeployConfig({ root, env: { FQ_DEPLOY_SECRET_KEY: 'short!secret' } }));
    expect(message).toContain('secretKey（环境变量 FQ_DEPLOY_SECRET_KEY');
    expect(message).not.toContain('short!secret');
  });

  it('refuses a broken JSON file, unknown keys and bad nested values', () => {
    const root = fixtureProject();
    const file = path.join(root, 'deploy.config.json');
    fs.writeFileSync(file, '{ "appId": ');
    expect(configError(() => loadDeployConfig({ root, env: {} }))).toContain('部署配置文件 deploy.config.json 不是合法的 JSON');
    fs.writeFileSync(file, JSON.stringify({ appid: 'wx1111111111111111' }));
    expect(configError(() => loadDeployConfig({ root, env: {} }))).toContain('未知的配置项：appid');
    fs.writeFileSync(file, JSON.stringify({ serviceLevels: { urgentAcceptMinutes: 0, normalAcceptHours: 24 } }));
    expect(configError(() => loadDeployConfig({ root, env: {} }))).toContain('serviceLevels.urgentAcceptMinutes（环境变量 FQ_DEPLOY_SERVICE_LEVELS，或 deploy.config.json 中的 "serviceLevels"）：应大于 0');
    expect(configError(() => loadDeployConfig({ root, env: { FQ_DEPLOY_SUBSCRIBE_TEMPLATES: '{caseNew:' } }))).toContain('环境变量 FQ_DEPLOY_SUBSCRIBE_TEMPLATES 应为 JSON 字符串');
  });

  it('accepts the committed example as is', () => {
    const root = fixtureProject();
    fs.copyFileSync(path.join(__dirname, '..', '..', 'deploy.config.example.json'), path.join(root, 'deploy.config.json'));
    const { config } = loadDeployConfig({ root, env: {} });
    expect(config.appId).toBe('wx0123456789abcdef');
    expect(config.subscribeTemplates).toEqual({});
  });
});

describe('refusals before anything is built or changed', () => {
  it('a real deploy without configuration lists every missing key for the chosen steps', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    const { result, output } = await deploy(root, [], { cloud });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('执行构建、数据库、云函数、小程序需要以下配置，目前缺少：');
    for (const key of ['envId（环境变量 FQ_DEPLOY_ENV_ID', 'secretId（环境变量 FQ_DEPLOY_SECRET_ID', 'secretKey（环境变量 FQ_DEPLOY_SECRET_KEY', 'appId（环境变量 FQ_DEPLOY_APPID', 'privateKeyPath（环境变量 FQ_DEPLOY_PRIVATE_KEY_PATH']) {
      expect(output).toContain(key);
    }
    expect(cloud.calls).toEqual([]);
    expect(fs.existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('a dry run needs no configuration, but still refuses a malformed value', async () => {
    const root = fixtureProject();
    const { result, output } = await deploy(root, ['--dry-run'], { env: { FQ_DEPLOY_ENV_ID: 'Prod Env!' } });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('envId（环境变量 FQ_DEPLOY_ENV_ID，或 deploy.config.json 中的 "envId"）：格式不对');
    expect(output).toContain('（现为 "Prod Env!"）');
  });

  it('--only database needs only the environment id and the API keys', async () => {
    const root = fixtureProject();
    const { result, output } = await deploy(root, ['--only', 'database'], { env: { FQ_DEPLOY_ENV_ID: 'fengqiao-prod-1a2b3c' }, cloud: new FakeCloud() });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('执行数据库需要以下配置');
    expect(output).toContain('secretId');
    expect(output).not.toContain('appId');
    expect(output).not.toContain('privateKeyPath');
  });

  it('a missing or non-PEM upload key is refused with its path', async () => {
    const root = fixtureProject();
    const missing = await deploy(root, ['--only', 'miniprogram'], { env: fullEnv({ FQ_DEPLOY_PRIVATE_KEY_PATH: './nope.key' }), cloud: new FakeCloud() });
    expect(missing.result.exitCode).toBe(1);
    expect(missing.output).toContain(`找不到小程序代码上传密钥`);
    expect(missing.output).toContain(path.join(root, 'nope.key'));
    fs.writeFileSync(path.join(root, 'bad.key'), 'not a key');
    const bad = await deploy(root, ['--only', 'miniprogram'], { env: fullEnv({ FQ_DEPLOY_PRIVATE_KEY_PATH: './bad.key' }), cloud: new FakeCloud() });
    expect(bad.output).toContain('不是 PEM 格式的私钥');
  });

  it('real deploy refuses template names the code does not define and missing production ids', async () => {
    const root = fixtureProject();
    const { result, output } = await deploy(root, ['--only', 'functions'], {
      env: fullEnv({ FQ_DEPLOY_SUBSCRIBE_TEMPLATES: JSON.stringify({ caseNeu: 'TPLcaseNew0123456789' }) }),
      cloud: new FakeCloud(),
    });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('[未通过] 订阅消息模板');
    expect(output).toContain('配置里的模板名 caseNeu 在 backend/platform/templates.ts 中不存在');
    expect(output).toContain('缺少 subscribeTemplates.caseNew（环境变量 FQ_DEPLOY_SUBSCRIBE_TEMPLATES');
    expect(output).toContain('没有执行任何部署操作');
  });
});

describe('secrets never reach the output', () => {
  it('redacts configured secrets even inside remote error messages', async () => {
    const root = fixtureProject();
    const cloud = new FakeCloud();
    cloud.failOn = { call: 'ensureCollection cases', error: new Error(`AuthFailure: SecretId ${SECRET_ID} signature with ${SECRET_KEY} mismatch`) };
    const { result, output } = await deploy(root, ['--only', 'database'], { env: fullEnv(), cloud });
    expect(result.exitCode).toBe(1);
    expect(output).toContain('AuthFailure: SecretId *** signature with *** mismatch');
    expect(output).not.toContain(SECRET_ID);
    expect(output).not.toContain(SECRET_KEY);
  });

  it('redact leaves short values alone (they would scrub ordinary words)', () => {
    expect(redact('abc abcdefgh', ['abc', 'abcdefgh'])).toBe('abc ***');
  });
});
