/**
 * Durability: SIGKILL local cloud in the middle of a write stream, restart it on the same data
 * folder, and check that every write it answered is there and SQLite's integrity check passes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sdkEnvironment } from '../../local-cloud/src';
import { startCli } from './cli-process';

async function admin(url: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/admin?env=local&seqId=d`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

test('SIGKILL during a write load loses no answered write; restart is clean', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-durable-'));
  try {
    const first = await startCli(['--port', '0', '--data', dataDir, '--strict']);
    // The CLI announces exactly the environment a function process needs.
    expect(first.env).toEqual(sdkEnvironment(first.url, 'local'));
    expect(await admin(first.url, { action: 'database.addCollection', collectionName: 'events' })).not.toHaveProperty('code');

    const answeredIds: string[] = [];
    const answeredSeq = new Map<string, number>();
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const id = `w${w}-${i}`;
          const ins = await admin(first.url, { action: 'database.insertDocument', collectionName: 'events', data: [JSON.stringify({ _id: id, w, i })] });
          if (ins.code) throw new Error(String(ins.message));
          answeredIds.push(id);
          const up = await admin(first.url, {
            action: 'database.modifyDocument',
            collectionName: 'events',
            queryType: 'DOC',
            query: JSON.stringify({ _id: `counter-${w}` }),
            data: JSON.stringify({ seq: i }),
            merge: false,
            upsert: true,
            multi: false,
          });
          if (up.code) throw new Error(String(up.message));
          answeredSeq.set(`counter-${w}`, i);
        } catch {
          return; // the server died under us: whatever was not answered may or may not be there
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    while (answeredIds.length < 400) await new Promise((r) => setTimeout(r, 10));
    first.child.kill('SIGKILL');
    killed = true;
    expect(await first.exited).toBe('SIGKILL');
    await Promise.all(workers);

    const second = await startCli(['--port', '0', '--data', dataDir, '--strict']);
    for (let i = 0; i < answeredIds.length; i += 500) {
      const batch = answeredIds.slice(i, i + 500);
      const res = await admin(second.url, { action: 'database.getDocument', collectionName: 'events', queryType: 'WHERE', query: JSON.stringify({ _id: { $in: batch } }), limit: 1000 });
      expect((res.data as { list: string[] }).list).toHaveLength(batch.length);
    }
    for (const [id, seq] of answeredSeq) {
      const res = await admin(second.url, { action: 'database.getDocument', collectionName: 'events', queryType: 'DOC', query: JSON.stringify({ _id: id }) });
      const doc = JSON.parse((res.data as { list: string[] }).list[0]) as { seq: { $numberInt: string } };
      // The answered write or a later one (committed but killed before answering).
      expect(Number(doc.seq.$numberInt)).toBeGreaterThanOrEqual(seq);
    }
    // And it keeps working after the crash.
    expect(await admin(second.url, { action: 'database.insertDocument', collectionName: 'events', data: ['{"after":"restart"}'] })).toHaveProperty('data.insertedIds');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const db = new Database(path.join(dataDir, 'local-cloud.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
