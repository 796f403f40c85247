/**
 * issue 11: households added and edited in the app through the real `roster` function on local cloud
 * (strict indexes): by the grid's officer, its grid workers and the admin; never from another
 * community or by another role. Tags (incl. free ones) reach the search, pairing is with the grid's
 * officer, the contact stays masked (its full view still audited), each change is in the audit log.
 */
import type { AuditLogDoc } from '../../backend/data/auditLog';
import type { HouseholdDoc } from '../../backend/data/households';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeRosterStation, hh, rosterPeople as staff } from './rosterStation';
import { dataOf, ids, requestId, unwrap } from './station';

jest.setTimeout(180_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeRosterStation(stack);
}, 120_000);
afterAll(() => stack?.close());

const household = (id: string) => dataOf<HouseholdDoc>(stack.database().collection('households').doc(id).get());
const auditOf = async (householdId: string) =>
  (await dataOf<AuditLogDoc[]>(stack.database().collection('auditLog').where({ stationId: ids.station }).limit(100).get())).filter((a) => a.target?.id === householdId);

const liu = () => ({
  clientRequestId: requestId(), buildingId: ids.b1, unit: '2单元', room: '501', headName: '刘德福', callName: '刘大爷', members: 2,
  phone: '13912345678', tags: ['困难', '低保户'], note: '老伴腿脚不便', paired: true,
});

describe('adding a household', () => {
  it('adds it to the building\'s grid, paired with its officer, first visit due today; a retry adds nothing', async () => {
    const input = liu();
    const added = unwrap(await stack.call('roster.addHousehold', input, staff.gridWorker));
    expect(added).toMatchObject({
      duplicate: false,
      household: { gridId: ids.g1, buildingName: '3号楼', unit: '2单元', room: '501', headName: '刘德福', tags: ['困难', '低保户'], phoneMasked: '139****5678', pairedOfficerName: '周建军', overdueDays: 0 },
    });
    const id = added.household.id;
    // The answer never holds the full number.
    expect(JSON.stringify(added)).not.toContain('13912345678');
    expect(unwrap(await stack.call('roster.addHousehold', input, staff.gridWorker))).toMatchObject({ duplicate: true, household: { id } });

    // Found by the free tag and the call name, paired on the officer's first page, due today.
    const byTag = unwrap(await stack.call('roster.list', { tag: '低保户' }, ids.officer1));
    expect(byTag.items.map((h) => h.id)).toEqual([id]);
    expect(unwrap(await stack.call('roster.list', { name: '刘大' }, ids.officer1)).items.map((h) => h.id)).toEqual([id]);
    expect(unwrap(await stack.call('roster.list', {}, ids.officer1)).paired.map((h) => h.id)).toContain(id);
    expect(unwrap(await stack.call('roster.due', {}, ids.officer1)).items.map((h) => h.id)).toContain(id);

    // Logged as added by the grid worker; the full number is still an audited read.
    expect(await auditOf(id)).toEqual([expect.objectContaining({ action: 'household_added', actorId: staff.gridWorker, detail: '新增住户：3号楼 2单元 501 刘大爷' })]);
    expect(unwrap(await stack.call('roster.revealContact', { householdId: id }, ids.officer1)).phone).toBe('13912345678');
    expect((await auditOf(id)).map((a) => a.action).sort()).toEqual(['household_added', 'personal_data_read']);
  });

  it('refuses a building of another community or grid the caller does not work, and bad input in Chinese', async () => {
    const far = await stack.call('roster.addHousehold', { ...liu(), buildingId: ids.b3 }, ids.officer1);
    expect(far).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能查看本人负责网格的住户' } });
    expect(await stack.call('roster.addHousehold', { ...liu(), buildingId: ids.b1 }, staff.gridWorkerElsewhere)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A grid without an officer: no pairing.
    const g2 = await stack.call('roster.addHousehold', { ...liu(), buildingId: ids.b2 }, ids.admin);
    expect(g2).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'paired', message: '该网格暂无社区民警，无法结对帮扶' } });
    expect(await stack.call('roster.addHousehold', { ...liu(), headName: '' }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请填写户主姓名' } });
    expect(await stack.call('roster.addHousehold', { ...liu(), tags: ['独居', '独居'] }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '标签不能重复' } });
    expect(await stack.call('roster.addHousehold', { ...liu(), phone: '12345' }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'phone' } });
    for (const who of [staff.volunteer, staff.mediator, staff.resident, ids.officer2]) {
      const r = await stack.call('roster.addHousehold', liu(), who);
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('editing a household', () => {
  it('changes tags, members, note and pairing; the search and the audit follow; the phone is kept unless changed', async () => {
    const before = await household(hh.yang);
    const edited = unwrap(await stack.call('roster.editHousehold', { householdId: hh.yang, tags: ['残疾', '重点关注', '空巢'], members: 1, note: '儿子搬走了', paired: true }, staff.gridWorker));
    expect(edited).toMatchObject({ duplicate: false, household: { tags: ['残疾', '重点关注', '空巢'], members: 1, pairedOfficerName: '周建军', phoneMasked: '138****5678' } });
    const stored = await household(hh.yang);
    expect(stored).toMatchObject({ note: '儿子搬走了', phone: before.phone, version: before.version + 1, pairedOfficerId: ids.officer1 });
    expect(unwrap(await stack.call('roster.list', { tag: '空巢' }, ids.officer1)).items.map((h) => h.id)).toEqual([hh.yang]);
    const [entry] = await auditOf(hh.yang);
    expect(entry).toMatchObject({ action: 'household_edited', actorId: staff.gridWorker, detail: '修改住户：3号楼 1单元 101 杨大爷（家庭人数、标签、备注、结对民警）' });

    // A tag removed leaves the search; the same values again change nothing and log nothing.
    unwrap(await stack.call('roster.editHousehold', { householdId: hh.yang, tags: ['残疾'] }, ids.officer1));
    expect(unwrap(await stack.call('roster.list', { tag: '空巢' }, ids.officer1)).items).toEqual([]);
    const same = unwrap(await stack.call('roster.editHousehold', { householdId: hh.yang, tags: ['残疾'] }, ids.officer1));
    expect(same.duplicate).toBe(true);
    expect(await auditOf(hh.yang)).toHaveLength(2);

    // A new phone is written, answered masked; reading it in full is audited as before.
    const phone = unwrap(await stack.call('roster.editHousehold', { householdId: hh.yang, phone: '13700001111' }, ids.admin));
    expect(phone.household.phoneMasked).toBe('137****1111');
    expect(JSON.stringify(phone)).not.toContain('13700001111');
    expect((await auditOf(hh.yang)).find((a) => a.detail?.includes('联系电话'))).toMatchObject({ action: 'household_edited', actorId: ids.admin });
  });

  it('refuses another community\'s household and every other role', async () => {
    for (const who of [ids.officer2, staff.gridWorkerElsewhere]) {
      expect(await stack.call('roster.editHousehold', { householdId: hh.xing, note: '改' }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await stack.call('roster.editHousehold', { householdId: hh.xinhe, note: '改' }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const who of [staff.volunteer, staff.mediator, staff.resident]) {
      expect(await stack.call('roster.editHousehold', { householdId: hh.xing, note: '改' }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '您没有进行此操作的权限' } });
    }
    expect((await household(hh.xing)).note).toBe('独居老人，女儿在外地');
    expect(await stack.call('roster.editHousehold', { householdId: hh.xing, members: 0 }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '家庭人数至少 1 人' } });
  });

  it('applies exactly one of two edits made from the same version at once', async () => {
    const results = await Promise.all([
      stack.call('roster.editHousehold', { householdId: hh.xing, note: '甲' }, ids.officer1),
      stack.call('roster.editHousehold', { householdId: hh.xing, note: '乙' }, staff.gridWorker),
    ]);
    const ok = results.filter((r) => r.ok);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ error: { code: 'CONFLICT', message: '住户信息刚刚有更新，请刷新后再修改' } });
    expect(['甲', '乙']).toContain((await household(hh.xing)).note);
  });
});
