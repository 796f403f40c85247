/**
 * The demo station's content, without a database: deterministic, six months of believable history,
 * every kind and state of case, and timelines that follow the backend's case rules.
 */
import { canDo, type CaseAction } from '../../backend/domain/caseLifecycle';
import { buildSeedContent, DEMO_PEOPLE, type SeedContent, type TimelineAction } from '../../local-stack/seed/content';
import { HELP_TYPES, MEDIATION_TIERS, REPORT_CATEGORIES, DISPUTE_TYPES } from '../../local-stack/seed/content/model';
import { drawPictures } from '../../local-stack/seed/pictures';

const NOW = new Date('2026-11-29T04:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

let content: SeedContent;
beforeAll(() => {
  content = buildSeedContent(NOW);
});

/** The backend action that each timeline step corresponds to (null: not a lifecycle action). */
const ACTION_OF: Partial<Record<TimelineAction, CaseAction>> = {
  accept: 'accept',
  start: 'startProgress',
  resolve: 'resolve',
  reject: 'reject',
  transfer: 'transfer',
  withdraw: 'withdraw',
  reopen: 'reopen',
  rate: 'rate',
  add_info: 'addInfo',
};

describe('demo content', () => {
  it('is the same for the same "now", and its ids do not depend on "now"', () => {
    const again = buildSeedContent(NOW);
    expect(JSON.stringify(again)).toBe(JSON.stringify(content));
    const later = buildSeedContent(new Date(NOW.getTime() + 40 * DAY));
    expect(later.cases.map((c) => c.id)).toEqual(content.cases.map((c) => c.id));
    expect(later.people.map((p) => p.openid)).toEqual(content.people.map((p) => p.openid));
    expect(later.households.map((h) => h.id)).toEqual(content.households.map((h) => h.id));
  });

  it('describes 和苑派出所 with seven communities, grids with officers and exactly one grid without', () => {
    expect(content.station.name).toContain('和苑派出所');
    expect(content.station.name).toContain('红桥分局');
    expect(content.communities.map((c) => c.name)).toEqual(expect.arrayContaining(['梦和园']));
    expect(content.communities).toHaveLength(7);
    for (const community of content.communities) {
      const grids = content.grids.filter((g) => g.communityId === community.id);
      expect(grids.length).toBeGreaterThanOrEqual(1);
      expect(grids.length).toBeLessThanOrEqual(2);
    }
    expect(content.grids.filter((g) => g.officerOpenid === null)).toHaveLength(1);
    for (const building of content.buildings) {
      expect(content.grids.find((g) => g.id === building.gridId)?.communityId).toBe(building.communityId);
      expect(building.units.length).toBeGreaterThan(0);
    }
  });

  it('has the article’s people in their roles', () => {
    const byName = (name: string) => content.people.find((p) => p.name === name);
    expect(byName('周建军')?.roles).toContain('officer');
    expect(content.grids.filter((g) => g.officerOpenid === byName('周建军')?.openid).every((g) => g.communityId === 'community-menghe')).toBe(true);
    expect(byName('王卫东')?.roles).toContain('officer');
    expect(byName('王志华')?.mediatorKind).toBe('judicial');
    expect(byName('王秀萍')?.volunteerKind).toBe('治安志愿者');
    expect(content.people.filter((p) => p.mediatorKind === 'community')).toHaveLength(7);
    const kinds = new Set(content.people.map((p) => p.volunteerKind).filter(Boolean));
    expect([...kinds].sort()).toEqual(['治安志愿者', '楼门长', '物业保安', '网格员'].sort());
  });

  it('lists about 300 households with roster tags, including 杨大爷 and 邢奶奶', () => {
    expect(content.households.length).toBeGreaterThanOrEqual(280);
    expect(content.households.length).toBeLessThanOrEqual(320);
    for (const tag of ['独居', '困难', '残疾', '重点关注'] as const) {
      expect(content.households.filter((h) => h.tags.includes(tag)).length).toBeGreaterThan(5);
    }
    const xing = content.households.find((h) => h.callName === '邢奶奶');
    expect(xing?.tags).toContain('独居');
    expect(xing?.pairedOfficerOpenid).toBe('demo-officer-zhoujianjun');
    expect(content.households.find((h) => h.callName === '杨大爷')?.note).toContain('膝');
    // Every officer pairs with one household (结对帮扶).
    const officers = new Set(content.grids.map((g) => g.officerOpenid).filter((o): o is string => o !== null));
    for (const officer of officers) expect(content.households.filter((h) => h.pairedOfficerOpenid === officer)).toHaveLength(1);
  });

  it('uses only fictional phone numbers', () => {
    const phones = [...content.people.map((p) => p.phone), ...content.households.map((h) => h.phone)];
    for (const phone of phones) expect(phone).toMatch(/^1380000\d{4}$/);
  });

  it('spans the last six months, with nothing in the future', () => {
    const times = content.cases.flatMap((c) => [c.createdAt, ...c.timeline.map((t) => t.at)]).map((d) => d.getTime());
    expect(Math.max(...times)).toBeLessThan(NOW.getTime());
    expect(Math.min(...times)).toBeGreaterThan(NOW.getTime() - 185 * DAY);
    expect(Math.min(...times)).toBeLessThan(NOW.getTime() - 170 * DAY);
    const visitTimes = content.visits.map((v) => v.at.getTime());
    expect(Math.max(...visitTimes)).toBeLessThan(NOW.getTime());
    expect(Math.min(...visitTimes)).toBeLessThan(NOW.getTime() - 150 * DAY);
  });

  it.each([
    ['mid-morning', NOW],
    ['early morning (China time)', new Date('2026-11-28T21:30:00.000Z')],
    ['late evening (China time)', new Date('2026-11-29T14:45:00.000Z')],
  ])('has cases of every kind, category and state, urgent help and anonymous reports (%s)', (_label, now) => {
    const { cases } = now === NOW ? content : buildSeedContent(now);
    for (const category of REPORT_CATEGORIES) expect(cases.some((c) => c.kind === 'report' && c.category === category)).toBe(true);
    for (const type of HELP_TYPES) expect(cases.some((c) => c.kind === 'help' && c.category === type)).toBe(true);
    for (const type of DISPUTE_TYPES) expect(cases.some((c) => c.kind === 'mediation' && c.category === type)).toBe(true);
    for (const tier of MEDIATION_TIERS) expect(cases.some((c) => c.mediation?.tier === tier && c.mediation.outcome === 'success')).toBe(true);
    const states = new Set(cases.map((c) => c.status));
    expect([...states].sort()).toEqual(['accepted', 'closed', 'in_progress', 'rejected', 'reopened', 'resolved', 'submitted', 'withdrawn']);
    for (const kind of ['report', 'help', 'mediation'] as const) {
      const kindStates = new Set(cases.filter((c) => c.kind === kind).map((c) => c.status));
      for (const state of ['submitted', 'accepted', 'in_progress', 'resolved', 'closed'] as const) expect(kindStates).toContain(state);
    }
    expect(cases.some((c) => c.urgency === '紧急')).toBe(true);
    expect(cases.filter((c) => c.anonymous).length).toBeGreaterThan(5);
    expect(cases.some((c) => c.meTooOpenids.length > 0)).toBe(true);
    expect(cases.some((c) => c.timeline.some((t) => t.action === 'transfer'))).toBe(true);
  });

  it('follows the case rules in every timeline, in time order', () => {
    for (const c of content.cases) {
      let status = c.timeline[0]?.toStatus;
      expect(c.timeline[0]?.action).toBe('create');
      expect(status).toBe('submitted');
      let last = 0;
      for (const step of c.timeline) {
        expect(step.at.getTime()).toBeGreaterThanOrEqual(last);
        last = step.at.getTime();
        const action = ACTION_OF[step.action];
        if (action && status) expect({ id: c.id, action, status, ok: canDo(action, status) }).toEqual({ id: c.id, action, status, ok: true });
        if (step.toStatus && step.action !== 'create') {
          expect(step.fromStatus).toBe(status);
          status = step.toStatus;
        }
      }
      expect(status).toBe(c.status);
    }
  });

  it('rates mostly 4–5 with a few lower, and leaves some unrated', () => {
    const rated = content.cases.filter((c) => c.rating);
    const unrated = content.cases.filter((c) => !c.rating && (c.status === 'resolved' || c.status === 'closed'));
    expect(rated.length).toBeGreaterThan(100);
    expect(unrated.length).toBeGreaterThan(20);
    const high = rated.filter((c) => (c.rating?.satisfaction ?? 0) >= 4).length;
    expect(high / rated.length).toBeGreaterThan(0.8);
    expect(rated.some((c) => (c.rating?.satisfaction ?? 5) <= 2)).toBe(true);
  });

  it('gives a mediation success rate near the article’s 95%', () => {
    const decided = content.cases.filter((c) => c.mediation?.outcome);
    const success = decided.filter((c) => c.mediation?.outcome === 'success').length;
    expect(decided.length).toBeGreaterThan(35);
    expect(success / decided.length).toBeGreaterThanOrEqual(0.93);
    expect(success / decided.length).toBeLessThanOrEqual(0.97);
    expect(decided.some((c) => c.mediation?.outcome === 'failed')).toBe(true);
    expect(decided.some((c) => c.mediation?.outcome === 'referred')).toBe(true);
  });

  it('tells the camera dispute of 王大娘 and 赵大娘, mediated by 王卫东 and 王志华', () => {
    const camera = content.cases.find((c) => c.description.includes('摄像头') && c.mediation?.tier === '专业助调');
    expect(camera?.mediation?.outcome).toBe('success');
    expect(camera?.mediation?.mediatorOpenids).toEqual(['demo-officer-wangweidong', 'demo-mediator-wangzhihua']);
    expect(camera?.status).toBe('closed');
  });

  it('gives the demo residents cases to follow and the officers work in their inbox', () => {
    const mine = content.cases.filter((c) => c.reporterOpenid === 'demo-resident-liuyufen');
    expect(new Set(mine.map((c) => c.status))).toEqual(new Set(['closed', 'resolved', 'in_progress', 'submitted', 'rejected']));
    expect(content.cases.some((c) => c.reporterOpenid === 'demo-resident-sunlixin')).toBe(true);
    for (const officer of ['demo-officer-zhoujianjun', 'demo-officer-wangweidong', 'demo-admin-zhaomingyuan']) {
      expect(content.cases.filter((c) => c.assigneeOpenid === officer && ['submitted', 'accepted', 'in_progress', 'reopened'].includes(c.status)).length).toBeGreaterThan(0);
    }
  });

  it('offers the demo people of every role on the sign-in page', () => {
    const openids = new Set(content.people.map((p) => p.openid));
    for (const person of DEMO_PEOPLE) expect(openids).toContain(person.openid);
    expect(DEMO_PEOPLE.map((p) => p.name)).toEqual(expect.arrayContaining(['周建军', '王卫东', '王志华', '王秀萍']));
    expect(new Set(DEMO_PEOPLE.map((p) => p.openid)).size).toBe(DEMO_PEOPLE.length);
  });

  it('logs visits, patrols and notices for the other screens', () => {
    const xing = content.households.find((h) => h.callName === '邢奶奶');
    expect(content.visits.filter((v) => v.householdId === xing?.id).length).toBeGreaterThan(15);
    expect(content.households.some((h) => h.nextVisitDue && h.nextVisitDue < NOW)).toBe(true);
    expect(content.patrols.some((p) => p.caseId && content.cases.some((c) => c.id === p.caseId))).toBe(true);
    expect(new Set(content.notices.map((n) => n.category))).toEqual(new Set(['防范电信诈骗', '文明养犬', '消防安全', '社区通知']));
  });
});

describe('report pictures', () => {
  it('draws valid 480×360 PNGs, a few per report category', () => {
    const pictures = drawPictures();
    expect(new Set(pictures.map((p) => p.category))).toEqual(new Set(REPORT_CATEGORIES));
    for (const { png } of pictures) {
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([480, 360]);
    }
    // Variants differ, so two reports of one category do not show the same picture.
    const ebikes = pictures.filter((p) => p.category === '电动车入户充电').map((p) => p.png.toString('base64'));
    expect(new Set(ebikes).size).toBe(ebikes.length);
  });
});
