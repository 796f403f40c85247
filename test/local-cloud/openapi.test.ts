import { decodeCommOpenApiResp, encodeCommApiData } from '../../local-cloud/src/protocol/protobuf';
import { loadSdk, startTestCloud, type TestCloud, type WxCloud } from './helpers';

/** wx.openApi through the real wx-server-sdk: subscribe messages, content checks, bad envelopes. */
let tc: TestCloud;
let cloud: WxCloud;
/** What local cloud pushed to the (stand-in) message-push receiver. */
const pushed: Array<{ name: string; event: Record<string, unknown> }> = [];
let receiverFailuresLeft = 0;

beforeAll(async () => {
  tc = await startTestCloud({
    secCheckWords: [{ word: '赌博', label: 20006 }, { word: 'Spam', label: 10001 }],
    mediaCheckPush: { functionName: 'mediaReceiver', delayMs: 10 },
    functionRunner: async (name, event) => {
      if (receiverFailuresLeft > 0) {
        receiverFailuresLeft--;
        throw new Error('receiver is down');
      }
      pushed.push({ name, event: event as Record<string, unknown> });
      return { ok: true };
    },
  });
  cloud = loadSdk(tc.lc, 'o-openapi-user');
});
afterAll(() => tc.stop());

interface OutboxItem {
  id: number;
  touser: string;
  template_id: string;
  data: Record<string, { value: string }>;
  ok: boolean;
  errcode: number;
  errmsg: string;
}

async function grant(openid: string, templateIds: string[], kind: 'one-time' | 'long-term'): Promise<Response> {
  return fetch(`${tc.lc.url}/_dev/subscriptions`, { method: 'POST', body: JSON.stringify({ openid, templateIds, kind }) });
}

async function outbox(query = ''): Promise<OutboxItem[]> {
  return (await (await fetch(`${tc.lc.url}/_dev/outbox${query}`)).json()) as OutboxItem[];
}

function send(touser: string, templateId: string, data: Record<string, { value: string }> = { thing1: { value: '您的报事已受理' } }) {
  return cloud.openapi.subscribeMessage.send({ touser, templateId, page: 'pages/cases/detail?id=1', data, miniprogramState: 'developer', lang: 'zh_CN' });
}

/** Raw `wx.openApi` request, for envelopes the SDK would never produce. */
async function rawOpenApi(form: FormData): Promise<Response> {
  form.set('action', 'wx.openApi');
  return fetch(`${tc.lc.url}/admin?env=local&seqId=t`, { method: 'POST', body: form });
}

describe('subscribeMessage.send', () => {
  test('without a grant WeChat refuses with 43101, and the refusal is in the outbox', async () => {
    await expect(send('o-none', 'TPL_NONE')).rejects.toMatchObject({
      errCode: 43101,
      errMsg: expect.stringContaining('openapi.subscribeMessage.send:fail user refuse to accept the msg'),
    });
    const [last] = await outbox('?touser=o-none');
    expect(last).toMatchObject({ touser: 'o-none', template_id: 'TPL_NONE', ok: false, errcode: 43101 });
  });

  test('one-time grants are counted and used up, one per message', async () => {
    expect((await grant('o-once', ['TPL_A'], 'one-time')).status).toBe(200);
    await grant('o-once', ['TPL_A'], 'one-time');
    const before = await (await fetch(`${tc.lc.url}/_dev/subscriptions?openid=o-once`)).json();
    expect(before.grants).toEqual([expect.objectContaining({ templateId: 'TPL_A', oneTime: 2, longTerm: false })]);

    await expect(send('o-once', 'TPL_A')).resolves.toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    await expect(send('o-once', 'TPL_A')).resolves.toMatchObject({ errCode: 0 });
    await expect(send('o-once', 'TPL_A')).rejects.toMatchObject({ errCode: 43101 });

    const sent = await outbox('?touser=o-once');
    expect(sent.map((m) => m.errcode)).toEqual([43101, 0, 0]); // newest first
    expect(sent[1]).toMatchObject({ template_id: 'TPL_A', data: { thing1: { value: '您的报事已受理' } }, ok: true });
  });

  test('a grant is per template: another template stays refused', async () => {
    await grant('o-two', ['TPL_X'], 'one-time');
    await expect(send('o-two', 'TPL_Y')).rejects.toMatchObject({ errCode: 43101 });
    await expect(send('o-two', 'TPL_X')).resolves.toMatchObject({ errCode: 0 });
  });

  test('long-term grants are not used up', async () => {
    await grant('o-long', ['TPL_L'], 'long-term');
    for (let i = 0; i < 3; i++) await expect(send('o-long', 'TPL_L')).resolves.toMatchObject({ errCode: 0 });
    const after = await (await fetch(`${tc.lc.url}/_dev/subscriptions?openid=o-long`)).json();
    expect(after.grants[0]).toMatchObject({ templateId: 'TPL_L', longTerm: true });
  });

  test.each([
    ['thing over 20 characters', { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } }, 'data.thing1.value'],
    ['phrase over 5 characters', { phrase2: { value: '处理中处理中' } }, 'data.phrase2.value'],
    ['phrase that is not Chinese', { phrase2: { value: 'done' } }, 'data.phrase2.value'],
    ['name over 10 Chinese characters', { name3: { value: '欧阳一二三四五六七八九' } }, 'data.name3.value'],
    ['character_string over 32', { character_string4: { value: 'A'.repeat(33) } }, 'data.character_string4.value'],
    ['number that is not a number', { number5: { value: '12a' } }, 'data.number5.value'],
    ['number over 32 digits', { number5: { value: '1'.repeat(33) } }, 'data.number5.value'],
    ['an empty value', { thing1: { value: '' } }, 'data.thing1.value'],
  ])('%s fails with 47003 naming the field and uses no grant', async (_name, data, field) => {
    await grant('o-len', ['TPL_LEN'], 'one-time');
    await expect(send('o-len', 'TPL_LEN', data)).rejects.toMatchObject({
      errCode: 47003,
      errMsg: expect.stringContaining(`argument invalid! ${field}`),
    });
    const [last] = await outbox('?touser=o-len');
    expect(last).toMatchObject({ ok: false, errcode: 47003 });
    await expect(send('o-len', 'TPL_LEN')).resolves.toMatchObject({ errCode: 0 });
  });

  test('values exactly at the limits are accepted', async () => {
    await grant('o-edge', ['TPL_E'], 'one-time');
    const data = {
      thing1: { value: '一二三四五六七八九十一二三四五六七八九十' },
      phrase2: { value: '已受理完毕' },
      name3: { value: 'Alexander Hamiltonnn' },
      character_string4: { value: 'A'.repeat(32) },
      number5: { value: '3.14' },
      time6: { value: '2024年10月1日 15:01' },
    };
    await expect(send('o-edge', 'TPL_E', data)).resolves.toMatchObject({ errCode: 0 });
  });

  test('missing touser or template_id fail as WeChat does', async () => {
    await expect(cloud.openapi.subscribeMessage.send({ templateId: 'T', data: { thing1: { value: 'x' } } })).rejects.toMatchObject({ errCode: 40003 });
    await expect(cloud.openapi.subscribeMessage.send({ touser: 'o-x', data: { thing1: { value: 'x' } } })).rejects.toMatchObject({ errCode: 40037 });
  });
});

describe('developer endpoints', () => {
  test('the outbox page is a readable, escaped HTML table', async () => {
    await grant('o-html', ['TPL_H'], 'one-time');
    await send('o-html', 'TPL_H', { thing1: { value: '<script>x' } });
    const res = await fetch(`${tc.lc.url}/_dev/outbox.html?touser=o-html`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('订阅消息发件箱');
    expect(html).toContain('已发送');
    expect(html).toContain('&#60;script&#62;');
    expect(html).not.toContain('<script>');
  });

  test('grants and the outbox can be reset', async () => {
    await grant('o-reset', ['TPL_R'], 'long-term');
    const del = await (await fetch(`${tc.lc.url}/_dev/subscriptions?openid=o-reset`, { method: 'DELETE' })).json();
    expect(del).toEqual({ deleted: 1 });
    await expect(send('o-reset', 'TPL_R')).rejects.toMatchObject({ errCode: 43101 });
    expect((await outbox('?touser=o-reset&limit=1')).length).toBe(1);
    const cleared = await (await fetch(`${tc.lc.url}/_dev/outbox`, { method: 'DELETE' })).json();
    expect(cleared.deleted).toBeGreaterThan(0);
    expect(await outbox()).toEqual([]);
  });

  test('bad grant requests are refused with a reason', async () => {
    const res = await fetch(`${tc.lc.url}/_dev/subscriptions`, { method: 'POST', body: JSON.stringify({ openid: 'o', templateIds: ['T'], kind: 'forever' }) });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain('kind');
    expect((await fetch(`${tc.lc.url}/_dev/subscriptions`, { method: 'POST', body: '{oops' })).status).toBe(400);
    expect((await fetch(`${tc.lc.url}/_dev/subscriptions`)).status).toBe(400);
  });
});

describe('security', () => {
  const check = (content: string, extra: Record<string, unknown> = {}) =>
    cloud.openapi.security.msgSecCheck({ content, version: 2, scene: 2, openid: 'o-openapi-user', ...extra });

  test('clean text passes', async () => {
    const res = await check('楼道灯坏了，请物业维修');
    expect(res).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } });
    expect(typeof res.traceId).toBe('string');
  });

  test('a configured word makes it risky with its label, in WeChat v2 shape', async () => {
    const res = await check('有人在楼下赌博');
    expect(res.result).toEqual({ suggest: 'risky', label: 20006 });
    expect(res.detail).toEqual(expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '赌博', label: 20006 })]));
    expect((await check('buy SPAM now')).result).toEqual({ suggest: 'risky', label: 10001 });
  });

  test('missing openid or version is WeChat invalid args (40097)', async () => {
    await expect(check('你好', { openid: undefined })).rejects.toMatchObject({ errCode: 40097 });
    await expect(check('你好', { version: undefined })).rejects.toMatchObject({ errCode: 40097 });
  });

  test('mediaCheckAsync answers a trace id and records the request', async () => {
    const res = await cloud.openapi.security.mediaCheckAsync({ mediaUrl: 'https://example.invalid/a.jpg', mediaType: 2, version: 2, scene: 1, openid: 'o-openapi-user' });
    expect(res).toMatchObject({ errCode: 0, traceId: expect.any(String) });
    const recorded = await (await fetch(`${tc.lc.url}/_dev/media-checks`)).json();
    expect(recorded[0]).toMatchObject({ trace_id: res.traceId, media_type: 2 });
  });
});

describe('mediaCheckAsync verdict push (mediaCheckPush)', () => {
  async function until<T>(read: () => Promise<T | undefined> | T | undefined, ms = 8000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const checks = async (lc = tc.lc) => (await (await fetch(`${lc.url}/_dev/media-checks`)).json()) as Array<Record<string, unknown>>;
  const check = (mediaUrl: string) => cloud.openapi.security.mediaCheckAsync({ mediaUrl, mediaType: 2, version: 2, scene: 1, openid: 'o-media-user' });

  test('pushes a wxa_media_check event to the receiving function: pass for a clean image', async () => {
    const res = await check('https://example.invalid/photos/door.jpg');
    const got = await until(() => pushed.find((p) => p.event.trace_id === res.traceId));
    expect(got.name).toBe('mediaReceiver');
    expect(got.event).toMatchObject({
      MsgType: 'event', Event: 'wxa_media_check', version: 2, errcode: 0, trace_id: res.traceId,
      result: { suggest: 'pass', label: 100 }, detail: [expect.objectContaining({ suggest: 'pass' })],
    });
    expect(typeof got.event.appid).toBe('string');
    const row = await until(async () => (await checks()).find((c) => c.trace_id === res.traceId && c.push_status === 'delivered'));
    expect(row).toMatchObject({ suggest: 'pass', push_function: 'mediaReceiver', push_attempts: 1 });
  });

  test('risky when the URL or file name holds a configured word (URL-encoded too)', async () => {
    const res = await check(`https://example.invalid/photos/${encodeURIComponent('赌博')}.png?sign=x`);
    const got = await until(() => pushed.find((p) => p.event.trace_id === res.traceId));
    expect(got.event).toMatchObject({ result: { suggest: 'risky', label: 20006 } });
  });

  test('a failing receiver is retried and the attempts are recorded', async () => {
    receiverFailuresLeft = 1;
    const res = await check('https://example.invalid/photos/retry.jpg');
    const row = await until(async () => (await checks()).find((c) => c.trace_id === res.traceId && c.push_status === 'delivered'));
    expect(row).toMatchObject({ push_attempts: 2, push_error: null });
    expect(pushed.filter((p) => p.event.trace_id === res.traceId)).toHaveLength(1);
  });

  test('off by default: the request is recorded without a verdict and nothing is pushed', async () => {
    const plain = await startTestCloud({ functionRunner: async () => { throw new Error('must not be called'); } });
    try {
      const json = (v: unknown) => Buffer.from(JSON.stringify(v));
      const form = new FormData();
      form.set('apiName', 'security.mediaCheckAsync');
      form.set('requestData', new Blob([encodeCommApiData({ apiType: 0, pairs: [
        { key: 'media_url', value: json('https://example.invalid/c.jpg') }, { key: 'media_type', value: json(2) },
        { key: 'version', value: json(2) }, { key: 'scene', value: json(1) }, { key: 'openid', value: json('o-x') },
      ] })]));
      form.set('action', 'wx.openApi');
      const res = await fetch(`${plain.lc.url}/admin?env=local&seqId=t`, { method: 'POST', body: form });
      const answer = JSON.parse(decodeCommOpenApiResp(Buffer.from(await res.arrayBuffer())).respData.toString()) as { trace_id: string };
      await new Promise((r) => setTimeout(r, 100));
      expect((await checks(plain.lc)).find((r) => r.trace_id === answer.trace_id)).toMatchObject({ push_status: 'none', suggest: null, push_attempts: 0 });
    } finally {
      await plain.stop();
    }
  });
});

describe('cloud.getOpenData (ApiGetOpenDataByCloudId)', () => {
  const getOpenData = (list: string[]) => (cloud as unknown as { getOpenData(p: { list: string[] }): Promise<{ list: unknown[]; errCode: number }> }).getOpenData({ list });
  afterEach(() => {
    delete process.env.WX_API_TOKEN;
  });

  test('resolves each CloudID for the user behind the invocation token, in order', async () => {
    const open = tc.lc.issueOpenData({ opengid: 'G-any' }).cloudID;
    const mine = tc.lc.issueOpenData({ opengid: 'G-mine' }, { openid: 'o-open-data' }).cloudID;
    process.env.WX_API_TOKEN = tc.lc.issueApiToken('o-open-data');
    const res = await getOpenData([open, mine, 'made-up']);
    expect(res.errCode).toBe(0);
    expect(res.list).toEqual([
      { cloudID: open, data: { opengid: 'G-any' } },
      { cloudID: mine, data: { opengid: 'G-mine' } },
      { cloudID: 'made-up', errCode: -601005, errMsg: 'invalid cloudID' },
    ]);
  });

  test("another user's id, or no invocation token, answers -601007", async () => {
    const theirs = tc.lc.issueOpenData({ opengid: 'G-theirs' }, { openid: 'o-someone' }).cloudID;
    expect((await getOpenData([theirs])).list).toEqual([expect.objectContaining({ cloudID: theirs, errCode: -601007 })]);
    process.env.WX_API_TOKEN = tc.lc.issueApiToken('o-someone-else');
    expect((await getOpenData([theirs])).list).toEqual([expect.objectContaining({ errCode: -601007 })]);
    process.env.WX_API_TOKEN = 'forged-token';
    expect((await getOpenData([theirs])).list).toEqual([expect.objectContaining({ errCode: -601007 })]);
  });
});

describe('bad envelopes', () => {
  test('an unknown API fails with an error naming it', async () => {
    await expect(cloud.openapi.wxacode.createQRCode({ path: 'pages/home/index' })).rejects.toMatchObject({
      errCode: -604100,
      errMsg: expect.stringContaining('openapi.wxacode.createQRCode'),
    });
  });

  test('malformed multipart, broken protobuf and missing fields get CloudBase error answers, and nothing is written', async () => {
    const before = (await outbox()).length;
    const garbled = await fetch(`${tc.lc.url}/admin?env=local&seqId=t`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      body: '--XYZ\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.openApi\r\n--XY',
    });
    expect(await garbled.json()).toMatchObject({ code: 'INVALID_PARAM' });
    const noBoundary = await fetch(`${tc.lc.url}/admin`, { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'x' });
    expect(await noBoundary.json()).toMatchObject({ code: 'INVALID_PARAM' });

    const broken = new FormData();
    broken.set('apiName', 'subscribeMessage.send');
    broken.set('requestData', new Blob([Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])]));
    expect(await (await rawOpenApi(broken)).json()).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('protobuf') });

    // Fields carried with another wire type than declared (apiType as bytes, a pair's key as a varint, tokenData as a varint): refused, not "decoded".
    for (const bytes of [[0x0a, 1, 0], [0x12, 4, 0x0a, 2, 0x08, 1], [0x28, 1]]) {
      const wrongWire = new FormData();
      wrongWire.set('apiName', 'subscribeMessage.send');
      wrongWire.set('requestData', new Blob([Buffer.from(bytes)]));
      expect(await (await rawOpenApi(wrongWire)).json()).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('wire type') });
    }

    const noData = new FormData();
    noData.set('apiName', 'subscribeMessage.send');
    expect(await (await rawOpenApi(noData)).json()).toMatchObject({ code: 'INVALID_PARAM' });

    const noApi = new FormData();
    noApi.set('requestData', new Blob([encodeCommApiData({ apiType: 0, pairs: [] })]));
    expect(await (await rawOpenApi(noApi)).json()).toMatchObject({ code: 'INVALID_PARAM' });

    expect((await outbox()).length).toBe(before);
  });

  test('a pair that is not JSON is WeChat data format error (47001) inside the envelope', async () => {
    const form = new FormData();
    form.set('apiName', 'security.msgSecCheck');
    form.set('requestData', new Blob([encodeCommApiData({ apiType: 0, pairs: [{ key: 'content', value: Buffer.from('{not json') }] })]));
    const res = await rawOpenApi(form);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const resp = decodeCommOpenApiResp(Buffer.from(await res.arrayBuffer()));
    expect(resp.contentType).toContain('application/json');
    expect(JSON.parse(resp.respData.toString())).toMatchObject({ errcode: 47001 });
  });

  test('after all of that the SDK still works', async () => {
    await expect(cloud.openapi.security.msgSecCheck({ content: 'ok', version: 2, scene: 1, openid: 'o' })).resolves.toMatchObject({ errCode: 0 });
  });
});

test('none of the above made the server log an internal failure', () => {
  expect(tc.logs.filter((l) => /internal error|failed:/.test(l))).toEqual([]);
  expect(tc.logs.some((l) => l.includes('subscribeMessage.send → o-once TPL_A: sent'))).toBe(true);
});
