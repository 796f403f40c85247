/**
 * The real deploy adapter (scripts/deploy/cloudbase-clients.ts) over the real @cloudbase/manager-node,
 * with the network stubbed at the HTTP client: every request Tencent Cloud would receive is recorded
 * (host, action, region, body) and answered the way the API answers. This exercises the adapter's
 * calls themselves, which the recording fakes of our interfaces cannot.
 */
interface Sent {
  host: string;
  action: string;
  region: string | undefined;
  body: Record<string, unknown>;
}
const sent: Sent[] = [];
let answer: (req: Sent) => unknown = () => ({});

jest.mock('node-fetch', () => {
  const fetchStub = async (url: string, init: { body?: string; headers?: Record<string, string> }) => {
    const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const req: Sent = { host: new URL(url).host, action: headers['x-tc-action'] ?? '', region: headers['x-tc-region'], body: JSON.parse(init.body ?? '{}') as Record<string, unknown> };
    sent.push(req);
    const payload = JSON.stringify({ Response: { RequestId: `req-${sent.length}`, ...(answer(req) as object) } });
    return { ok: true, status: 200, text: async () => payload, json: async () => JSON.parse(payload) as unknown };
  };
  return Object.assign(fetchStub, { default: fetchStub, __esModule: true });
});

import { createCloudbaseClients } from '../../scripts/deploy/cloudbase-clients';

const creds = {
  appId: 'wx0123456789abcdef', envId: 'fengqiao-prod-1a2b3c', privateKeyPath: '/nonexistent.key',
  secretId: 'AKIDfixture0123456789abcdef', secretKey: 'fixtureSecretKey0123456789abcdef', projectPath: '/nonexistent', region: 'ap-guangzhou',
};

/** DescribeEnvs as CloudBase answers it: manager-node looks up the function namespace and bucket first. */
const envInfo = {
  EnvList: [{
    EnvId: creds.envId, Alias: 'prod', Status: 'NORMAL', Source: 'miniapp',
    Storages: [{ Region: 'ap-guangzhou', Bucket: '6665-fengqiao-prod-1a2b3c-1300000000', CdnDomain: 'x.tcb.qcloud.la', AppId: '1300000000' }],
    Functions: [{ Namespace: creds.envId, Region: 'ap-guangzhou' }],
    Databases: [{ InstanceId: 'tnt-1', Region: 'ap-guangzhou', Status: 'RUNNING' }],
    LogServices: [{ LogsetId: 'ls', TopicId: 'tp', Region: 'ap-guangzhou', LogsetName: 'l', TopicName: 't' }],
  }],
};
const withEnv = (more: (req: Sent) => unknown) => (req: Sent) =>
  req.action === 'DescribeEnvs' ? envInfo : req.action === 'DescribeEnvInfo' ? { EnvInfo: { EnvBaseInfo: envInfo.EnvList[0] } } : more(req);

beforeEach(() => {
  sent.length = 0;
  answer = withEnv(() => ({}));
});

describe('the deploy adapter as Tencent Cloud receives it', () => {
  it('sets the exact variable map, an empty one included, so stale variables are removed', async () => {
    const fns = createCloudbaseClients(creds).functions();
    await fns.updateSettings({ name: 'cases', timeout: 15, envVariables: {} });
    const update = sent.find((r) => r.action === 'UpdateFunctionConfiguration');
    expect(update).toMatchObject({ host: 'scf.tencentcloudapi.com', region: 'ap-guangzhou' });
    expect(update!.body).toMatchObject({ Namespace: 'fengqiao-prod-1a2b3c', FunctionName: 'cases', Timeout: 15, Environment: { Variables: [] } });
  });

  it('creates a timer trigger through the API key, signed for the configured region', async () => {
    const fns = createCloudbaseClients(creds).functions();
    await fns.createTimerTrigger({ name: 'scheduler', trigger: { name: 'everyMinute', type: 'timer', config: '0 * * * * * *' } });
    const create = sent.find((r) => r.action === 'CreateTrigger' || r.action === 'BatchCreateTrigger' || r.action === 'CreateTriggers');
    expect(create).toBeDefined();
    expect(create!.region).toBe('ap-guangzhou');
    expect(JSON.stringify(create!.body)).toContain('0 * * * * * *');
    expect(JSON.stringify(create!.body)).toContain('everyMinute');
  });

  it('invokes the smoke check caller-less with {Type:"Health"} and reads the function\'s answer', async () => {
    const reply = { ok: true, data: { apis: [{ api: 'subscribeMessage.send', status: 'ok', errCode: 43101, message: '' }] } };
    answer = withEnv((req) => (req.action === 'Invoke' ? { Result: { RetMsg: JSON.stringify(reply), ErrMsg: '', Log: '', MemUsage: 1, Duration: 1, BillDuration: 1, FunctionRequestId: 'f' } } : {}));
    const fns = createCloudbaseClients(creds).functions();
    expect(await fns.invokeHealth('scheduler')).toEqual(reply);
    const invoke = sent.find((r) => r.action === 'Invoke')!;
    expect(invoke.body).toMatchObject({ FunctionName: 'scheduler', Namespace: 'fengqiao-prod-1a2b3c' });
    expect(JSON.parse(String(invoke.body.ClientContext))).toEqual({ Type: 'Health' });
  });

  it('creates the HTTP access route to a function, without CloudBase login, after looking it up by its exact path', async () => {
    answer = withEnv((req) => (req.action === 'DescribeCloudBaseGWAPI'
      ? { APISet: [{ ServiceId: creds.envId, APIId: 'a1', Path: '/open311-old', Type: 1, Name: 'legacy', CreateTime: 1, EnvId: creds.envId, EnableAuth: false }], Total: 1, Limit: 20, Offset: 0, EnableService: true }
      : req.action === 'CreateCloudBaseGWAPI' ? { APIId: 'a2' } : {}));
    const fns = createCloudbaseClients(creds).functions();
    // Another path in the list is not ours: the route at /open311 does not exist yet.
    expect(await fns.describeHttpAccess('/open311')).toEqual({ serviceEnabled: true, route: null });
    await fns.createHttpRoute({ name: 'open311', path: '/open311' });
    const describe = sent.find((r) => r.action === 'DescribeCloudBaseGWAPI')!;
    expect(describe).toMatchObject({ host: 'tcb.tencentcloudapi.com', region: 'ap-guangzhou' });
    expect(describe.body).toMatchObject({ ServiceId: 'fengqiao-prod-1a2b3c', Path: '/open311' });
    const create = sent.find((r) => r.action === 'CreateCloudBaseGWAPI')!;
    expect(create).toMatchObject({ host: 'tcb.tencentcloudapi.com', region: 'ap-guangzhou' });
    expect(create.body).toEqual({ ServiceId: 'fengqiao-prod-1a2b3c', Path: '/open311', Type: 1, Name: 'open311', AuthSwitch: 2 });
  });

  it('reads an existing route and a switched-off service as CloudBase answers them', async () => {
    answer = withEnv((req) => (req.action === 'DescribeCloudBaseGWAPI'
      ? { APISet: [{ ServiceId: creds.envId, APIId: 'a1', Path: '/open311', Type: 1, Name: 'open311', CreateTime: 1, EnvId: creds.envId, EnableAuth: false }], Total: 1, Limit: 20, Offset: 0, EnableService: false }
      : {}));
    const fns = createCloudbaseClients(creds).functions();
    expect(await fns.describeHttpAccess('/open311')).toEqual({ serviceEnabled: false, route: { functionName: 'open311', type: 1 } });
    await fns.enableHttpAccess();
    const enable = sent.find((r) => r.action === 'ModifyCloudBaseGWPrivilege')!;
    expect(enable.body).toMatchObject({ ServiceId: 'fengqiao-prod-1a2b3c', EnableService: true, Options: [{ Key: 'serviceswitch', Value: 'true' }] });
  });

  it('sets cloud storage to 仅创建者及管理员可读写 (PRIVATE)', async () => {
    await createCloudbaseClients(creds).database().setStorageAclPrivate();
    const modify = sent.find((r) => r.action === 'ModifyStorageSafeRule');
    expect(modify).toBeDefined();
    expect(modify).toMatchObject({ host: 'tcb.tencentcloudapi.com', region: 'ap-guangzhou' });
    expect(modify!.body).toMatchObject({ AclTag: 'PRIVATE' });
  });
});
