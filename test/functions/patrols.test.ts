/**
 * Patrols (issue 11) through the real `patrols` function on local cloud: a volunteer starts, passes
 * buildings, records a finding that becomes a case routed to the grid's officer and followed by the
 * volunteer, ends it exactly once under concurrent calls; every wrong role and another community
 * is refused; the station desk's monthly figures come from one aggregation.
 */
import { getUser, updateUser } from '../../backend/data/users';
import { patrolsPerCommunityMonth } from '../../backend/domain/patrolStats';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, dataOf, ids, joinResident, requestId, unwrap } from './station';

const volunteer = 'o-volunteer-wang';
const volunteer2 = 'o-volunteer-xin';
const resident = 'o-resident-zhang';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await joinResident(stack, volunteer, { communityId: ids.c1, buildingId: ids.b1 }, '王秀萍');
  await joinResident(stack, volunteer2, { communityId: ids.c2, buildingId: ids.b3 }, '李志愿');
  await joinResident(stack, resident, { communityId: ids.c1, buildingId: ids.b1 }, '张阿姨');
  for (const v of [volunteer, volunteer2]) await updateUser(v, { roles: [...(await getUser(v))!.roles, 'volunteer'] });
}, 120_000);
afterAll(() => stack?.close());

const ebikeFinding = (patrolId: string, clientRequestId = requestId()) => ({
  patrolId, clientRequestId, category: 'ebike_indoor_charging' as const, description: '3号楼1单元楼梯间有两辆电动车在充电', buildingId: ids.b1, unit: '1单元', photos: [],
});

describe('a volunteer\'s patrol', () => {
  let patrolId: string;
  let caseId: string;

  it('starts in their community, with the planned buildings; a retried start resumes it, another is refused while it runs', async () => {
    const start = { clientRequestId: requestId(), buildingIds: [ids.b1, ids.b2] };
    const first = unwrap(await stack.call('patrols.start', start, volunteer));
    expect(first).toMatchObject({ resumed: false, patrol: { status: 'active', communityId: ids.c1, communityName: '夢和园', volunteerName: '王秀萍', mine: true, findingCount: 0 } });
    expect(first.patrol.plannedBuildings.map((b) => b.name)).toEqual(['3号楼', '9号楼']);
    patrolId = first.patrol.id;
    expect(unwrap(await stack.call('patrols.start', start, volunteer))).toMatchObject({ resumed: true, patrol: { id: patrolId } });
    const other = await stack.call('patrols.start', { clientRequestId: requestId() }, volunteer);
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '您还有一次巡逻没有结束，请先结束它' } });
    expect(unwrap(await stack.call('patrols.listMine', {}, volunteer)).active).toMatchObject({ id: patrolId, status: 'active' });
  });

  it('records the buildings passed once each, with location points, and only of its community', async () => {
    const point = { latitude: 39.16, longitude: 117.15 };
    unwrap(await stack.call('patrols.pass', { patrolId, buildingId: ids.b2, point }, volunteer));
    const again = unwrap(await stack.call('patrols.pass', { patrolId, buildingId: ids.b2, point }, volunteer));
    expect(again.patrol.route.map((r) => r.buildingName)).toEqual(['9号楼']);
    expect(again.patrol.pointCount).toBe(2);
    const far = await stack.call('patrols.pass', { patrolId, buildingId: ids.b3 }, volunteer);
    expect(far).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'buildingId', message: '只能选择本社区的楼栋' } });
  });

  it('turns a finding into a report case routed to the grid\'s officer, followed by the volunteer; a retry makes no second case', async () => {
    const input = ebikeFinding(patrolId);
    const found = unwrap(await stack.call('patrols.addFinding', input, volunteer));
    caseId = found.caseId;
    expect(found).toMatchObject({ duplicate: false, patrol: { findingCount: 1, findings: [{ caseId, category: 'ebike_indoor_charging', buildingName: '3号楼' }] } });
    expect(found.patrol.route.map((r) => r.buildingName)).toEqual(['9号楼', '3号楼']);

    const stored = await dataOf<{ source: unknown; assigneeId: string; kind: string; reporterId: string }>(stack.database().collection('cases').doc(caseId).get());
    expect(stored).toMatchObject({ source: { kind: 'patrol', patrolId }, assigneeId: ids.officer1, kind: 'report', reporterId: volunteer });
    const inbox = unwrap(await stack.call('cases.inbox', { pageSize: 20, filter: 'all' }, ids.officer1));
    expect([...inbox.overdue, ...inbox.items].map((c) => c.id)).toContain(caseId);
    const mine = unwrap(await stack.call('cases.listMine', {}, volunteer));
    expect(mine.items.map((c) => c.id)).toContain(caseId);

    const retry = unwrap(await stack.call('patrols.addFinding', input, volunteer));
    expect(retry).toMatchObject({ caseId, duplicate: true, patrol: { findingCount: 1 } });
    const cases = await dataOf<unknown[]>(stack.database().collection('cases').where({ reporterId: volunteer }).get());
    expect(cases).toHaveLength(1);
  });

  it('shows the officer where the case came from: the volunteer, the patrol\'s start and the route (巡逻发现)', async () => {
    const staff = unwrap(await stack.call('cases.get', { caseId }, ids.officer1));
    expect(staff).toMatchObject({ viewer: 'staff', source: { kind: 'patrol', patrolId, volunteerName: '王秀萍', route: '9号楼 → 3号楼' } });
    expect(staff.viewer === 'staff' && staff.source?.startedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // The same view answers a staff action (the page keeps what the action answers).
    const noted = unwrap(await stack.call('cases.note', { caseId, text: '已联系物业清理' }, ids.officer1)).case;
    expect(noted).toMatchObject({ source: { volunteerName: '王秀萍' } });
    // The volunteer's own (resident) view carries no staff field; a resident's own form has no source.
    expect(unwrap(await stack.call('cases.get', { caseId }, volunteer))).not.toHaveProperty('source');
    const own = unwrap(await stack.call('cases.create', { clientRequestId: requestId(), kind: 'report', category: 'other', description: '小区门口路灯不亮了好几天', location: { buildingId: ids.b1 } }, resident));
    expect(unwrap(await stack.call('cases.get', { caseId: own.case.id }, ids.officer1))).toMatchObject({ viewer: 'staff', source: null });
  });

  it('is read by the grid\'s officer and the station admin, not by another community\'s officer or volunteer', async () => {
    expect(unwrap(await stack.call('patrols.get', { patrolId }, ids.officer1)).patrol).toMatchObject({ id: patrolId, mine: false, findingCount: 1 });
    expect(unwrap(await stack.call('patrols.get', { patrolId }, ids.admin)).patrol.id).toBe(patrolId);
    for (const who of [ids.officer2, volunteer2]) {
      expect(await stack.call('patrols.get', { patrolId }, who)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    const c1 = unwrap(await stack.call('patrols.listCommunity', { communityId: ids.c1 }, ids.officer1));
    expect(c1.items.map((p) => p.id)).toEqual([patrolId]);
    expect(await stack.call('patrols.listCommunity', { communityId: ids.c1 }, ids.officer2)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(unwrap(await stack.call('patrols.listCommunity', { communityId: ids.c2 }, ids.admin)).items).toEqual([]);
  });

  it('cannot be recorded on, passed or ended by another volunteer', async () => {
    for (const call of [
      stack.call('patrols.addFinding', ebikeFinding(patrolId), volunteer2),
      stack.call('patrols.pass', { patrolId, buildingId: ids.b1 }, volunteer2),
      stack.call('patrols.end', { patrolId }, volunteer2),
    ]) expect(await call).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能记录自己发起的巡逻' } });
  });

  it('ends exactly once when the end is sent several times at once', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => stack.call('patrols.end', { patrolId, endNote: '巡逻结束，发现一处隐患已上报' }, volunteer)));
    const data = answers.map(unwrap);
    expect(data.filter((d) => !d.alreadyEnded)).toHaveLength(1);
    expect(data.every((d) => d.patrol.status === 'ended' && d.patrol.endNote === '巡逻结束，发现一处隐患已上报')).toBe(true);
    const stored = await dataOf<{ version: number; status: string }>(stack.database().collection('patrols').doc(patrolId).get());
    // start 0 → pass 1 → pass again (a new point) 2 → finding 3 → end 4: one end applied.
    expect(stored).toMatchObject({ status: 'ended', version: 4 });
    expect(await stack.call('patrols.addFinding', ebikeFinding(patrolId), volunteer)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '这次巡逻已经结束' } });
    const mine = unwrap(await stack.call('patrols.listMine', {}, volunteer));
    expect(mine).toMatchObject({ active: null, items: [{ id: patrolId, status: 'ended', findingCount: 1, routeText: '9号楼—3号楼' }] });
  });

  it('gives the station desk patrols and findings per community per month', async () => {
    unwrap(await stack.call('patrols.start', { clientRequestId: requestId() }, volunteer2));
    const now = new Date();
    const rows = await patrolsPerCommunityMonth(ids.station, new Date(now.getTime() - 86_400_000), new Date(now.getTime() + 60_000), now);
    // Each patrol counts in the China month it started (the earlier one may be in the month before now's).
    const startedIn = async (communityId: string) => {
      const [p] = await dataOf<Array<{ startedAt: Date }>>(stack.database().collection('patrols').where({ communityId }).get());
      return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(p!.startedAt));
    };
    expect(rows).toEqual([
      { communityId: ids.c1, communityName: '夢和园', month: await startedIn(ids.c1), patrols: 1, findings: 1 },
      { communityId: ids.c2, communityName: '欣和园', month: await startedIn(ids.c2), patrols: 1, findings: 0 },
    ]);
  });
});

describe('who may patrol', () => {
  it('refuses every role but volunteers, by the rule', async () => {
    for (const who of [resident, ids.officer1, ids.admin, 'o-nobody-patrol']) {
      const r = await stack.call('patrols.start', { clientRequestId: requestId() }, who);
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await stack.call('patrols.listMine', {}, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await stack.call('patrols.listCommunity', {}, volunteer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await stack.call('patrols.listCommunity', {}, resident)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses planned buildings of another community and bad input in Chinese', async () => {
    const r = await stack.call('patrols.start', { clientRequestId: requestId(), buildingIds: [ids.b3] }, volunteer);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'buildingIds', message: '只能选择本社区的楼栋' } });
    const bad = await stack.call('patrols.addFinding', { ...ebikeFinding('patrol-x'), description: '短' }, volunteer);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'description' } });
  });
});
