/**
 * The audit log is append-only from the app's side: no module but data/auditLog.ts touches the
 * collection, it offers no update, and its one removal (the retention sweep) is called only by the
 * scheduler's daily sweep. Then every action of the contract, from the station admin and an officer,
 * leaves every earlier entry exactly as it was; and the sweep removes only entries past the
 * station's retention setting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { appendAudit, type AuditLogDoc } from '../../backend/data/auditLog';
import { auditSweepDue, sweepAuditRetention } from '../../backend/domain/audit';
import { organisation } from '../../backend/domain/organisation';
import { contract, type FnName } from '../../types/registry';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeMatrix, EXPECTED, type Targets } from '../security/matrix';
import { ids } from './station';

const BACKEND = path.join(__dirname, '../../backend');
function sources(dir: string): Array<{ file: string; text: string }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [{ file: path.relative(BACKEND, p), text: fs.readFileSync(p, 'utf8') }] : [];
  });
}

describe('in the code', () => {
  const all = sources(BACKEND);
  it('only data/auditLog.ts touches the collection, and it never updates', () => {
    expect(all.filter((s) => /collections\.auditLog|['"]auditLog['"]/.test(s.text)).map((s) => s.file).sort()).toEqual(['data/auditLog.ts', 'data/db.ts']);
    const module = all.find((s) => s.file === 'data/auditLog.ts')!.text;
    expect(module).not.toMatch(/\.update\(|\.set\(|updateCase|putById/);
    expect(module.match(/\.remove\(/g)).toHaveLength(1);
  });

  it('removes entries only in the retention sweep, run only by the scheduler once a day', () => {
    const users = (name: string) => all.filter((s) => new RegExp(`\\b${name}\\b`).test(s.text)).map((s) => s.file).sort();
    expect(users('removeAuditBefore')).toEqual(['data/auditLog.ts', 'domain/audit.ts']);
    expect(users('sweepAuditRetention')).toEqual(['domain/audit.ts', 'domain/scheduler.ts']);
    expect(auditSweepDue(new Date('2026-03-01T19:30:00Z'))).toBe(true); // 03:30 in China
    expect(auditSweepDue(new Date('2026-03-01T19:31:00Z'))).toBe(false);
  });
});

describe('through the functions', () => {
  let stack: TestStack;
  let targets: Targets;
  const old = (id: string, daysAgo: number): AuditLogDoc => ({
    _id: id, action: 'export', stationId: ids.station, subject: null, by: 'staff', counts: {}, at: new Date(Date.now() - daysAgo * 86_400_000),
    actorId: ids.admin, actorName: '李明（派出所管理员）', target: { kind: 'export:cases', id: null, label: `${id}.csv` }, detail: `旧的导出 ${id}`,
  });
  beforeAll(async () => {
    stack = await startTestStack();
    targets = await arrangeMatrix(stack);
    await appendAudit(old('audit-400-days', 400));
    await appendAudit(old('audit-100-days', 100));
  }, 120_000);
  afterAll(() => stack?.close());

  const everything = async () =>
    ((await stack.database().collection("auditLog").where({ stationId: ids.station }).limit(1000).get()) as unknown as { data: AuditLogDoc[] }).data;

  it('leaves every earlier entry unchanged whatever action the admin or an officer calls', async () => {
    unwrap(await stack.call('session.issueInvite', { role: 'volunteer', name: '韩志刚' }, ids.admin));
    const before = await everything();
    expect(before.length).toBeGreaterThanOrEqual(3);
    for (const name of Object.keys(contract) as FnName[]) {
      if (EXPECTED[name].freshActor) continue;
      for (const who of [ids.admin, ids.officer1]) await stack.call(name, EXPECTED[name].input('own', targets) as never, who);
    }
    const after = new Map((await everything()).map((d) => [d._id, d]));
    for (const d of before) expect(after.get(d._id)).toEqual(d);
    expect(after.size).toBeGreaterThan(before.length);
  }, 300_000);

  it('sweeps entries past the station’s retention setting, and only those', async () => {
    unwrap(await stack.call('station.setAuditRetention', { days: 365 }, ids.admin));
    const removed = await sweepAuditRetention(await organisation(new Date()), new Date());
    expect(removed).toBe(1);
    const left = (await everything()).map((d) => d._id);
    expect(left).toContain('audit-100-days');
    expect(left).not.toContain('audit-400-days');
    const [entry] = unwrap(await stack.call('station.auditLog', { action: 'settings_changed' }, ids.admin)).items;
    expect(entry!.detail).toContain('改为 365 天');
  });
});

function unwrap<T>(r: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}
