/**
 * The station desk (issue 12) through the real `station` and `session` functions on local cloud:
 * every dashboard number against a hand-computed fixture, the scope of officers and admins, the CSV
 * exports (columns, BOM, masking, anonymity, formula injection), the invite's mini-program code, the
 * organisation actions, and an audit entry for each audited action.
 */
import { insertCases, type CaseDoc } from '../../backend/data/cases';
import { getUser } from '../../backend/data/users';
import type { MediationOutcome, MediationTier } from '../../types/enums';
import { PRIVACY_VERSION } from '../../types/privacy';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeMediation, med, parkingDispute } from './mediationStation';
import { arrangeStation, dataOf, ids, joinResident, requestId, unwrap } from './station';

let stack: TestStack;
let template: CaseDoc;
const DAY = 86_400_000;
const jan = (day: number, hour = 0) => new Date(Date.UTC(2025, 0, day, hour));
/** January 2025 in China time (the desk's months start at midnight in Asia/Shanghai). */
const period = { from: '2024-12-31T16:00:00.000Z', to: '2025-01-31T16:00:00.000Z' };

interface Row {
  id: string;
  kind: CaseDoc['kind'];
  category?: string;
  community: 'c1' | 'c2';
  grid: 'g1' | 'g2' | 'g3';
  status: CaseDoc['status'];
  urgent?: boolean;
  created: Date;
  /** Minutes / hours after creation; undefined: never. */
  acceptMin?: number;
  resolveH?: number;
  rating?: [number, number];
  anonymous?: boolean;
  title?: string;
  mediation?: { tier: MediationTier; outcome: MediationOutcome | null };
}

/**
 * Period January 2025 (d9 is in February). Hand computation, station-wide:
 * total 10 (report 6, help 2, mediation 2); c1 6, c2 4.
 * accept minutes [10, 20, 45, 60, 120, 180, 1800] → median 60, p90 180 + 0.4 × 1620 = 828.
 * resolve hours [5, 10, 20, 48, 120, 240] → median 34, p90 120 + 0.5 × 120 = 180.
 * 响应率: in time d1 d3 d4 m1 m2 (d2 30 h late, d5 urgent 45 min late) = 5 of due 8 (7 accepted + d6 overdue; d7 withdrawn, d8 rejected out).
 * 解决率: resolved/closed 6 of finished 7 (d8 rejected). Ratings: rateable 6, rated 4 (d1 5/2, d3 3/3, d4 4/5, m1 5/5).
 */
const rows: Row[] = [
  { id: 'd1', kind: 'report', category: 'fire_lane_blocked', community: 'c1', grid: 'g1', status: 'closed', created: jan(2), acceptMin: 60, resolveH: 10, rating: [5, 2], title: '=HYPERLINK("http://x")' },
  { id: 'd2', kind: 'report', category: 'fire_lane_blocked', community: 'c1', grid: 'g1', status: 'resolved', created: jan(3), acceptMin: 1800, resolveH: 48, anonymous: true },
  { id: 'd3', kind: 'report', category: 'noise', community: 'c1', grid: 'g2', status: 'closed', created: jan(4), acceptMin: 120, resolveH: 20, rating: [3, 3] },
  { id: 'd4', kind: 'help', category: 'elderly_care', community: 'c2', grid: 'g3', status: 'closed', urgent: true, created: jan(5), acceptMin: 20, resolveH: 5, rating: [4, 5] },
  { id: 'd5', kind: 'help', category: 'repair', community: 'c2', grid: 'g3', status: 'in_progress', urgent: true, created: jan(6), acceptMin: 45 },
  { id: 'd6', kind: 'report', category: 'noise', community: 'c2', grid: 'g3', status: 'submitted', created: jan(7) },
  { id: 'd7', kind: 'report', category: 'other', community: 'c1', grid: 'g1', status: 'withdrawn', created: jan(8) },
  { id: 'd8', kind: 'report', category: 'other', community: 'c1', grid: 'g1', status: 'rejected', created: jan(9) },
  { id: 'd9', kind: 'report', category: 'other', community: 'c1', grid: 'g1', status: 'closed', created: new Date(Date.UTC(2025, 1, 3)), acceptMin: 5, resolveH: 1, rating: [1, 1] },
  { id: 'm1', kind: 'mediation', category: 'parking', community: 'c1', grid: 'g1', status: 'closed', created: jan(10), acceptMin: 10, resolveH: 120, rating: [5, 5], mediation: { tier: 'police_community', outcome: 'success' } },
  { id: 'm2', kind: 'mediation', category: 'neighbor', community: 'c2', grid: 'g3', status: 'resolved', created: jan(11), acceptMin: 180, resolveH: 240, mediation: { tier: 'professional', outcome: 'failed' } },
];

const gridOf = { g1: ids.g1, g2: ids.g2, g3: ids.g3 };
const communityOf = { c1: ids.c1, c2: ids.c2 };

function toDoc(r: Row): CaseDoc {
  const acceptedAt = r.acceptMin !== undefined ? new Date(r.created.getTime() + r.acceptMin * 60_000) : null;
  const resolvedAt = r.resolveH !== undefined ? new Date(r.created.getTime() + r.resolveH * 3_600_000) : null;
  const open = ['submitted', 'accepted', 'in_progress', 'reopened'].includes(r.status);
  return {
    ...template, _id: `desk-${r.id}`, clientRequestId: `desk-${r.id}`, kind: r.kind, status: r.status, urgent: !!r.urgent,
    communityId: communityOf[r.community], communityName: r.community === 'c1' ? '夢和园' : '欣和园', gridId: gridOf[r.grid], gridName: r.grid,
    assigneeId: r.grid === 'g3' ? ids.officer2 : r.grid === 'g1' ? ids.officer1 : ids.admin,
    title: r.title ?? `案件${r.id}`, anonymous: !!r.anonymous, reporterName: r.anonymous ? null : '刘玉芬', reporterPhone: '13812345678',
    category: r.kind === 'report' ? (r.category as CaseDoc['category']) : null,
    help: r.kind === 'help' ? { helpType: r.category as never, urgency: r.urgent ? 'urgent' : 'normal', callbackAllowed: true } : null,
    mediation: r.mediation
      ? { ...template.mediation!, mediationType: r.category as never, tier: r.mediation.tier, outcome: r.mediation.outcome, deadlineAt: new Date(r.created.getTime() + 30 * DAY) }
      : null,
    mediationClosedAt: r.mediation?.outcome ? resolvedAt : null,
    createdAt: r.created, updatedAt: r.created, acceptedAt, resolvedAt, closedAt: r.status === 'closed' ? resolvedAt : null,
    open, awaitingAccept: ['submitted', 'reopened'].includes(r.status), slaDueAt: null, sweepAt: null,
    rating: r.rating ? { satisfaction: r.rating[0], safety: r.rating[1], comment: null, at: resolvedAt ?? r.created } : null,
    timeline: [],
  };
}

/** Open mediations: one 5 days from its limit (listed), one 20 days from it (not yet). */
function openMediation(id: string, daysLeft: number): CaseDoc {
  const created = new Date(Date.now() - (30 - daysLeft) * DAY);
  return {
    ...template, _id: `desk-${id}`, clientRequestId: `desk-${id}`, title: `调解${id}`, status: 'in_progress', open: true, awaitingAccept: false,
    createdAt: created, updatedAt: created, acceptedAt: created, sweepAt: null, slaDueAt: null,
    mediation: { ...template.mediation!, tier: 'police_community', outcome: null, deadlineAt: new Date(created.getTime() + 30 * DAY) },
  };
}

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await arrangeMediation(stack);
  await joinResident(stack, 'o-liu', { communityId: ids.c1, buildingId: ids.b1 }, '刘玉芬');
  const { case: c } = unwrap(await stack.call('cases.create', parkingDispute(), 'o-liu'));
  template = await dataOf<CaseDoc>(stack.database().collection('cases').doc(c.id).get());
  await insertCases([...rows.map(toDoc), openMediation('m3', 5), openMediation('m4', 20)]);
}, 120_000);
afterAll(() => stack?.close());

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);

describe('dashboard', () => {
  it('gives the station admin every number as computed by hand', async () => {
    const d = unwrap(await stack.call('station.dashboard', period, ids.admin));
    expect(d.scope).toEqual({ communityId: null, gridId: null, officerId: null, ownGridsOnly: false });
    const c = d.sections.cases;
    expect(c.total).toBe(10);
    expect(c.byKind).toEqual([{ kind: 'report', count: 6 }, { kind: 'help', count: 2 }, { kind: 'mediation', count: 2 }]);
    expect(Object.fromEntries(c.byCategory.map((x) => [`${x.kind}:${x.category}`, x.count]))).toEqual({
      'report:fire_lane_blocked': 2, 'report:noise': 2, 'report:other': 2, 'help:elderly_care': 1, 'help:repair': 1, 'mediation:parking': 1, 'mediation:neighbor': 1,
    });
    expect(c.byCommunity).toEqual([{ communityId: ids.c1, communityName: '夢和园', count: 6 }, { communityId: ids.c2, communityName: '欣和园', count: 4 }]);
    expect(c.acceptMinutes).toEqual({ n: 7, median: 60, p90: 828 });
    expect(c.resolveHours).toEqual({ n: 6, median: 34, p90: 180 });
    expect(c.responseRate).toEqual({ numerator: 5, denominator: 8, rate: 0.625 });
    expect(c.resolutionRate).toEqual({ numerator: 6, denominator: 7, rate: 0.857 });
    expect(c.satisfactionRate).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });

    const r = d.sections.ratings;
    expect(r).toEqual({
      rateable: 6, rated: 4, unratedShare: 0.333,
      // satisfaction 5, 3, 4, 5 → 4.25; safety 2, 3, 5, 5 → 3.75 (one decimal, half up)
      satisfaction: { average: 4.3, distribution: [0, 0, 1, 1, 2] },
      safety: { average: 3.8, distribution: [0, 1, 1, 0, 2] },
    });

    const m = d.sections.mediations;
    // m1 success in 5 days, m2 failed in 10: rate 0.5, median 7.5.
    expect(m.overall).toEqual({ closed: 2, success: 1, failed: 1, referred: 0, successRate: 0.5, medianDaysToClose: 7.5 });
    expect(m.byTier).toEqual([
      { tier: 'police_community', closed: 1, success: 1, failed: 0, referred: 0, successRate: 1, medianDaysToClose: 5 },
      { tier: 'professional', closed: 1, success: 0, failed: 1, referred: 0, successRate: 0, medianDaysToClose: 10 },
    ]);
    expect(m.nearLimit.map((x) => [x.caseId, x.daysLeft])).toEqual([['desk-m3', 5]]);
  });

  it('narrows to a community, a grid or an officer', async () => {
    const c2 = unwrap(await stack.call('station.dashboard', { ...period, communityId: ids.c2 }, ids.admin));
    expect(c2.sections.cases.total).toBe(4);
    expect(c2.sections.mediations.overall.closed).toBe(1);
    const g2 = unwrap(await stack.call('station.dashboard', { ...period, gridId: ids.g2 }, ids.admin));
    expect(g2.sections.cases.total).toBe(1);
    expect(g2.sections.ratings.satisfaction.distribution).toEqual([0, 0, 1, 0, 0]);
    const wang = unwrap(await stack.call('station.dashboard', { ...period, officerId: ids.officer2 }, ids.admin));
    expect(wang.sections.cases.total).toBe(4);
  });

  it('limits an officer to their own grids, and refuses another grid, officer or station', async () => {
    const zhou = unwrap(await stack.call('station.dashboard', period, ids.officer1));
    expect(zhou.scope.ownGridsOnly).toBe(true);
    // g1: d1 d2 d7 d8 m1
    expect(zhou.sections.cases.total).toBe(5);
    expect(zhou.sections.mediations.overall.closed).toBe(1);
    expect(zhou.sections.mediations.nearLimit.map((x) => x.caseId)).toEqual(['desk-m3']);
    expect(code(await stack.call('station.dashboard', { ...period, gridId: ids.g3 }, ids.officer1))).toBe('FORBIDDEN');
    expect(code(await stack.call('station.dashboard', { ...period, officerId: ids.officer2 }, ids.officer1))).toBe('FORBIDDEN');
    expect(code(await stack.call('station.dashboard', { ...period, communityId: 'c-elsewhere' }, ids.admin))).toBe('FORBIDDEN');
    for (const who of ['o-liu', med.chen, med.judicial]) expect(code(await stack.call('station.dashboard', period, who))).toBe('FORBIDDEN');
    const tooLong = await stack.call('station.dashboard', { from: '2024-01-01T00:00:00.000Z', to: '2025-06-01T00:00:00.000Z' }, ids.admin);
    expect(tooLong.ok ? '' : tooLong.error.message).toMatch(/一年/);
  });
});

async function download(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer()).toString('utf8');
}

async function auditItems(filter: Record<string, unknown> = {}) {
  return unwrap(await stack.call('station.auditLog', { pageSize: 20, ...filter }, ids.admin)).items;
}

describe('exports', () => {
  it('writes the cases as CSV with a BOM, masked phones, anonymous reporters unnamed, formulas defused; and logs it', async () => {
    const out = unwrap(await stack.call('station.export', { kind: 'cases', ...period }, ids.admin));
    expect(out).toMatchObject({ rows: 10, part: 1, nextCursor: null, fileName: '案件明细_2025-01-01至2025-01-31.csv' });
    expect(out.fileId).toMatch(/^cloud:\/\/.+\/exports\//);
    const csv = await download(out.url);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('案件编号,类型,类别,状态,紧急,社区,网格,楼栋,单元,标题,提交时间,受理时间,办结时间,处理人,报告人,联系电话,满意度,安全感');
    expect(lines).toHaveLength(12); // header, 10 rows, the final CRLF
    const byId = Object.fromEntries(lines.slice(1, 11).map((l) => [l.split(',')[0], l]));
    expect(byId['desk-d1']).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(byId['desk-d1']).toContain('刘玉芬,138****5678,5,2');
    expect(byId['desk-d2']).toContain(',匿名,,');
    expect(csv).not.toContain('13812345678');
    const [entry] = await auditItems({ action: 'export' });
    expect(entry).toMatchObject({ action: 'export', actorName: '李明（派出所管理员）', target: { kind: 'export:cases', id: out.fileId, label: out.fileName } });
    expect(entry!.detail).toContain('共 10 行');
    expect(entry!.detail).toContain('已隐藏');
  });

  it('gives full phones to the admin only (logged), never an anonymous reporter\'s', async () => {
    const full = unwrap(await stack.call('station.export', { kind: 'cases', ...period, fullPhones: true }, ids.admin));
    const csv = await download(full.url);
    expect(csv).toContain('刘玉芬,13812345678');
    expect(csv.split('\r\n').find((l) => l.startsWith('desk-d2'))).not.toContain('13812345678');
    expect((await auditItems({ action: 'export' }))[0]!.detail).toContain('电话完整');
    expect(code(await stack.call('station.export', { kind: 'cases', ...period, fullPhones: true }, ids.officer1))).toBe('FORBIDDEN');
  });

  it('writes the mediation register; an officer gets their own grids only', async () => {
    const reg = unwrap(await stack.call('station.export', { kind: 'mediations', ...period }, ids.admin));
    const lines = (await download(reg.url)).slice(1).split('\r\n');
    expect(lines[0]).toBe('案件编号,受理日期,社区,网格,纠纷类型,纠纷简要情况,当事人,当事人电话,调解层级,调解员,调解次数,调解结果,协议内容,移交单位,办结日期,用时（天）,期限,回访');
    expect(lines.slice(1, -1).map((l) => l.split(',')[0]).sort()).toEqual(['desk-m1', 'desk-m2']);
    expect(lines.find((l) => l.startsWith('desk-m1'))).toContain('警民联调');
    const mine = unwrap(await stack.call('station.export', { kind: 'mediations', ...period }, ids.officer1));
    expect(mine.rows).toBe(1);
    for (const who of ['o-liu', med.chen, med.judicial]) expect(code(await stack.call('station.export', { kind: 'cases', ...period }, who))).toBe('FORBIDDEN');
  });
});

describe('organisation and audit log', () => {
  it('records a staff read of a reporter\'s full phone (a help request allowing a call back), and no other case view', async () => {
    const help = (callbackAllowed: boolean) => ({
      kind: 'help' as const, helpType: 'elderly_care' as const, urgency: 'normal' as const, callbackAllowed,
      description: '楼上独居的王奶奶几天没出门了', clientRequestId: requestId(), location: { buildingId: ids.b1 },
    });
    const callback = unwrap(await stack.call('cases.create', help(true), 'o-liu')).case.id;
    const noCallback = unwrap(await stack.call('cases.create', help(false), 'o-liu')).case.id;
    const readsOf = async (caseId: string) => (await auditItems({ action: 'personal_data_read' })).filter((i) => i.target?.id === caseId);

    const seen = unwrap(await stack.call('cases.get', { caseId: callback }, ids.officer1));
    expect(seen.viewer === 'staff' && seen.reporter).toMatchObject({ anonymous: false, phone: '13812345678' });
    const reads = await readsOf(callback);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorName: '周建军（社区民警）', target: { kind: 'case', id: callback } });
    expect(reads[0]!.detail).not.toContain('13812345678');

    // No full phone answered, nothing recorded: the other help request, the reporter's own view, a refused caller.
    const other = unwrap(await stack.call('cases.get', { caseId: noCallback }, ids.officer1));
    expect(other.viewer === 'staff' && other.reporter).toMatchObject({ phone: null });
    unwrap(await stack.call('cases.get', { caseId: callback }, 'o-liu'));
    expect(code(await stack.call('cases.get', { caseId: callback }, ids.officer2))).not.toBe('OK');
    expect(await readsOf(noCallback)).toHaveLength(0);
    expect(await readsOf(callback)).toHaveLength(1);
  });

  it('issues an officer invite with its mini-program code, which a new person redeems; both are in the audit log', async () => {
    const invite = unwrap(await stack.call('session.issueInvite', { role: 'officer', gridId: ids.g2, name: '赵刚', phone: '022-66668888' }, ids.admin));
    expect(invite.qr?.fileId).toMatch(/invites\//);
    const png = Buffer.from(await (await fetch(invite.qr!.url)).arrayBuffer());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    await stack.call('session.consentPrivacy', { version: PRIVACY_VERSION }, 'o-new-zhao');
    const redeemed = unwrap(await stack.call('session.redeemInvite', { code: invite.code }, 'o-new-zhao'));
    expect(redeemed.granted).toBe('officer');
    const org = unwrap(await stack.call('station.organisation', {}, ids.admin));
    expect(org.communities.flatMap((c) => c.grids).find((g) => g.id === ids.g2)).toMatchObject({ officerId: 'o-new-zhao', officerName: '赵刚' });
    expect(org.invites.find((i) => i.code === invite.code)?.status).toBe('used');
    expect(org.staff.find((s) => s.id === 'o-new-zhao')).toMatchObject({ roles: ['officer'], gridNames: ['夢和园第二网格'] });
    const issued = await auditItems({ action: 'invite_issued' });
    expect(issued[0]).toMatchObject({ actorName: '李明（派出所管理员）', target: { kind: 'invite', id: invite.code } });
    const granted = await auditItems({ action: 'role_granted' });
    expect(granted[0]).toMatchObject({ actorName: '赵刚（社区民警）', target: { id: invite.code } });
  });

  it('revokes an unused invite (not a used one), takes a role away and moves a grid, each logged', async () => {
    const invite = unwrap(await stack.call('session.issueInvite', { role: 'volunteer', name: '韩志刚' }, ids.admin));
    expect(unwrap(await stack.call('station.revokeInvite', { code: invite.code }, ids.admin)).status).toBe('revoked');
    expect(code(await stack.call('session.redeemInvite', { code: invite.code }, 'o-liu'))).toBe('INVALID_INPUT');
    expect((await auditItems({ action: 'invite_revoked' }))[0]).toMatchObject({ target: { id: invite.code } });

    // g3 (王卫东) with its open cases d5, d6 moves to 周建军.
    const moved = unwrap(await stack.call('station.moveGrid', { gridId: ids.g3, officerId: ids.officer1 }, ids.admin));
    expect(moved).toMatchObject({ officerName: '周建军' });
    expect(moved.movedCases).toBeGreaterThanOrEqual(2);
    expect((await dataOf<CaseDoc>(stack.database().collection('cases').doc('desk-d6').get())).assigneeId).toBe(ids.officer1);
    expect((await auditItems({ action: 'grid_moved' }))[0]!.detail).toContain('欣和园第一网格由王卫东移交给周建军');

    // 王卫东 has no grid now: his officer role can go; 周建军 still owns grids: refused.
    expect(code(await stack.call('station.removeRole', { userId: ids.officer1, role: 'officer' }, ids.admin))).toBe('CONFLICT');
    expect(unwrap(await stack.call('station.removeRole', { userId: ids.officer2, role: 'officer' }, ids.admin)).roles).toEqual([]);
    expect((await getUser(ids.officer2))?.roles).toEqual([]);
    expect((await auditItems({ action: 'role_removed' }))[0]).toMatchObject({ target: { kind: 'user', id: ids.officer2 } });
    expect(code(await stack.call('station.removeRole', { userId: ids.admin, role: 'admin' }, ids.admin))).toBe('INVALID_INPUT');
  });

  it('records a staff read of mediation party contacts; filters by person; only the admin reads the log', async () => {
    unwrap(await stack.call('mediations.partyContacts', { caseId: template._id }, ids.officer1));
    const reads = await auditItems({ action: 'personal_data_read' });
    expect(reads[0]).toMatchObject({ actorName: '周建军（社区民警）', target: { kind: 'mediation', id: template._id } });
    const byZhou = await auditItems({ actorId: ids.officer1 });
    expect(byZhou.length).toBeGreaterThan(0);
    expect(byZhou.every((i) => i.actorName.startsWith('周建军'))).toBe(true);
    for (const who of [ids.officer1, 'o-liu', med.judicial]) expect(code(await stack.call('station.auditLog', {}, who))).toBe('FORBIDDEN');
  });
});
