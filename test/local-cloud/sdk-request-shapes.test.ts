/**
 * Replays the database requests the real SDK sent (test/fixtures/wx-server-sdk-requests-stub-answers.txt)
 * and checks each answer has the shape and content of the answer recorded beside it. Those answers
 * came from a throw-away stub the SDK accepted, so this is a request-shape snapshot (the SDK still
 * sends what local cloud understands, and local cloud answers in a shape the SDK accepts), not a
 * proof of parity with CloudBase. Ids the server generates (documents, transactions) are mapped
 * from the capture to ours as the replay goes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';
import { postAdmin, startTestCloud, type TestCloud } from './helpers';

const FIXTURE = path.resolve(__dirname, '../fixtures/wx-server-sdk-requests-stub-answers.txt');

interface Exchange {
  req: Record<string, unknown>;
  res?: Record<string, unknown>;
}

function readExchanges(): Exchange[] {
  const out: Exchange[] = [];
  for (const line of fs.readFileSync(FIXTURE, 'utf8').split('\n')) {
    const m = /^\s+(REQ|RES) (.*)$/.exec(line);
    if (!m) continue;
    const body = JSON.parse(m[2]) as Record<string, unknown>;
    if (m[1] === 'REQ') out.push({ req: body });
    else out[out.length - 1].res = body;
  }
  return out.filter((e) => String(e.req.action).startsWith('database.'));
}

/** Server clocks differ between capture and replay: compare server-set dates by type only. */
const SERVER_DATE_FIELDS = new Set(['createdAt', 'updatedAt']);

function normaliseDoc(text: string, ids: Map<string, string>): unknown {
  const doc = EJSON.parse(text, { relaxed: false }) as Record<string, unknown>;
  const norm = (v: unknown, key?: string): unknown => {
    if (key && SERVER_DATE_FIELDS.has(key) && v instanceof Date) return '<server date>';
    if (typeof v === 'string') return ids.get(v) ?? v;
    if (Array.isArray(v)) return v.map((x) => norm(x));
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm((v as Record<string, unknown>)[k], k)]));
    }
    return v;
  };
  return norm(doc);
}

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud({ envId: 'local-env' });
  await postAdmin(t.lc, { action: 'database.addCollection', collectionName: 'cases' });
});
afterAll(() => t.stop());

test('every database request the SDK sent gets an answer of the recorded shape', async () => {
  const exchanges = readExchanges();
  expect(exchanges.length).toBeGreaterThanOrEqual(20);
  /** captured id → our id */
  const ids = new Map<string, string>();
  const substitute = (body: Record<string, unknown>) => {
    let text = JSON.stringify(body);
    for (const [theirs, ours] of ids) text = text.split(theirs).join(ours);
    return JSON.parse(text) as Record<string, unknown>;
  };
  for (const { req, res: captured } of exchanges) {
    const answer = await postAdmin(t.lc, substitute(req));
    expect(answer).not.toHaveProperty('code');
    expect(typeof answer.requestId).toBe('string');
    if (!captured) continue;
    const label = String(req.action);
    expect([label, Object.keys(answer).sort()]).toEqual([label, Object.keys(captured).sort()]);
    if (typeof captured.transactionId === 'string') {
      expect(answer.transactionId).toMatch(/^txn-/);
      ids.set(captured.transactionId, String(answer.transactionId));
    }
    const data = captured.data as Record<string, unknown> | undefined;
    if (!data) continue;
    const ours = answer.data as Record<string, unknown>;
    expect([label, Object.keys(ours).sort()]).toEqual([label, Object.keys(data).sort()]);
    if (Array.isArray(data.insertedIds)) {
      (data.insertedIds as string[]).forEach((theirs, i) => ids.set(theirs, (ours.insertedIds as string[])[i]));
      continue;
    }
    if (Array.isArray(data.list)) {
      // Reverse map so captured docs read in our ids.
      const back = new Map([...ids].map(([a, b]) => [a, b]));
      const expected = (data.list as string[]).map((d) => normaliseDoc(d, back));
      const got = (ours.list as string[]).map((d) => normaliseDoc(d, new Map()));
      expect([label, got]).toEqual([label, expected]);
      continue;
    }
    expect([label, ours]).toEqual([label, data]);
  }
});
