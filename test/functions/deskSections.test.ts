/**
 * The station desk's survey, visit and patrol sections (issue 12) through the real `station`
 * function on local cloud (strict indexes): every number against a hand-computed fixture, narrowed to
 * a community, a grid or an officer, an officer limited to their own grids, and another station's
 * documents never counted.
 */
import { insertHouseholds, type HouseholdDoc } from '../../backend/data/households';
import { insertPatrol, type PatrolDoc } from '../../backend/data/patrols';
import { insertAnswers, type SurveyAnswerDoc } from '../../backend/data/surveyAnswers';
import { insertSurveys, type SurveyDoc } from '../../backend/data/surveys';
import { newUser, putUser, updateUser } from '../../backend/data/users';
import { insertVisits, type VisitDoc } from '../../backend/data/visits';
import { inChina } from '../../backend/platform/time';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, ids, unwrap } from './station';

let stack: TestStack;
/** January 2025 in China time. */
const period = { from: '2024-12-31T16:00:00.000Z', to: '2025-01-31T16:00:00.000Z' };
/** A China-time instant: 2025-01-d 10:00 (+08:00). */
const cn = (month: number, day: number, year = 2025) => new Date(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00+08:00`);
const OTHER = { station: 'st-elsewhere', community: 'c-elsewhere', grid: 'g-elsewhere' };
const communityOfGrid: Record<string, string> = { [ids.g1]: ids.c1, [ids.g2]: ids.c1, [ids.g3]: ids.c2, [OTHER.grid]: OTHER.community };
const stationOfGrid = (g: string) => (g === OTHER.grid ? OTHER.station : ids.station);

async function members(): Promise<void> {
  const now = new Date();
  // c1: 4 verified + 1 not yet; c2: 2 verified; elsewhere: 3 verified.
  const people: Array<[string, string, boolean]> = [
    ['m-c1-1', ids.c1, true], ['m-c1-2', ids.c1, true], ['m-c1-3', ids.c1, true], ['m-c1-4', ids.c1, true], ['m-c1-5', ids.c1, false],
    ['m-c2-1', ids.c2, true], ['m-c2-2', ids.c2, true],
    ['m-x-1', OTHER.community, true], ['m-x-2', OTHER.community, true], ['m-x-3', OTHER.community, true],
  ];
  for (const [openid, communityId, verified] of people) {
    await putUser({ ...newUser(openid, now), roles: ['resident'], communityId, memberVerified: verified, verifiedCommunityIds: verified ? [communityId] : [] });
  }
}

/** `memberCount`: what the survey kept (at publication, refreshed at close); absent = written before it kept one. */
function survey(communityId: string, month: string, status: SurveyDoc['status'], answerCount: number, memberCount?: number): SurveyDoc {
  const at = cn(Number(month.slice(5)), 2, Number(month.slice(0, 4)));
  return {
    _id: `${communityId}:${month}`, stationId: communityId === OTHER.community ? OTHER.station : ids.station, communityId, month, templateId: 't', title: `${month} 问卷`, intro: '',
    status, localQuestionIds: [],
    questions: [
      { id: 'q-sat', type: 'rating', title: '您对社区民警的工作满意吗', required: true, topic: 'satisfaction' },
      { id: 'q-safe', type: 'rating', title: '您在小区里感到安全吗', required: true, topic: 'safety' },
      { id: 'q-text', type: 'text', title: '您还有什么建议', required: false },
    ], answerCount, createdAt: at, publishedAt: status === 'draft' ? null : at, publishedBy: null, closesAt: at, closedAt: null,
    shares: [], cardDirty: false, cardUpdatedAt: null, cardCount: 0, cardEnded: false, version: 0,
    ...(memberCount === undefined ? {} : { memberCount }),
  };
}

let answerSeq = 0;
function answer(communityId: string, month: string, satisfaction: number | null, safety: number | null): SurveyAnswerDoc {
  answerSeq++;
  const item = (questionId: string, topic: 'satisfaction' | 'safety', rating: number | null) => ({ questionId, choices: null, rating, text: null, topic });
  return {
    _id: `ans-${answerSeq}`, surveyId: `${communityId}:${month}`, communityId, month, openid: `o-answer-${answerSeq}`,
    items: [item('q-sat', 'satisfaction', satisfaction), item('q-safe', 'safety', safety), { questionId: 'q-text', choices: null, rating: null, text: '挺好', topic: null }],
    createdAt: cn(Number(month.slice(5)), 5, Number(month.slice(0, 4))),
  };
}

/**
 * Surveys. Period January 2025; trend months 2024-08 … 2025-01 (6), from the first with a survey.
 * Each survey's denominator is the member count it kept; today c1 has 4 verified members, c2 2.
 * - 2024-12: c1 closed with 3 members (the 4th was verified later: no change to December) 2 answers
 *   (sat 5, 5; safety 3, none) → rate 2/3 = 0.667, sat 5, safety 3.
 * - 2025-01: c1 3 answers (sat 5, 4, 3; safety 4, 4, 5), written before surveys kept a count → today's 4;
 *   c2 still open, published with 1 member, 2 today → 2 (the more); 1 answer (sat 2; safety 3)
 *   → invited 6, rate 4/6 = 0.667, sat 14/4 = 3.5, safety 16/4 = 4.
 * - c1 2024-07 is before the trend window; c2 2025-02 is a draft; elsewhere's survey is another station's.
 * January: c1 3/4 = 0.75, c2 1/2 = 0.5, station 4/6 = 0.667; members 6 (today's; the unverified one not counted).
 */
async function surveys(): Promise<void> {
  await insertSurveys([
    survey(ids.c1, '2024-07', 'closed', 1, 2), survey(ids.c1, '2024-12', 'closed', 2, 3), survey(ids.c1, '2025-01', 'closed', 3),
    survey(ids.c2, '2025-01', 'published', 1, 1), survey(ids.c2, '2025-02', 'draft', 0), survey(OTHER.community, '2025-01', 'closed', 3),
  ]);
  await insertAnswers([
    answer(ids.c1, '2024-07', 1, 1),
    answer(ids.c1, '2024-12', 5, 3), answer(ids.c1, '2024-12', 5, null),
    answer(ids.c1, '2025-01', 5, 4), answer(ids.c1, '2025-01', 4, 4), answer(ids.c1, '2025-01', 3, 5),
    answer(ids.c2, '2025-01', 2, 3),
    answer(OTHER.community, '2025-01', 1, 1), answer(OTHER.community, '2025-01', 1, 1), answer(OTHER.community, '2025-01', 1, 1),
  ]);
}

function visit(id: string, gridId: string, at: Date, dueAt: Date | null): VisitDoc {
  return {
    _id: id, stationId: stationOfGrid(gridId), communityId: communityOfGrid[gridId]!, gridId, householdId: `h-${id}`, at, method: 'home', visitors: '周建军', found: '一切正常',
    helpNeeded: null, caseId: null, loggedById: ids.officer1, loggedByName: '周建军', dueAt, clientRequestId: id, createdAt: at,
  };
}

function household(id: string, gridId: string, nextVisitDue: Date | null): HouseholdDoc {
  return {
    _id: id, stationId: stationOfGrid(gridId), communityId: communityOfGrid[gridId]!, gridId, buildingId: ids.b1, buildingName: '3号楼', unit: '1单元', room: '101',
    headName: '王奶奶', callName: null, members: 1, phone: null, tags: ['独居'], note: '', pairedOfficerId: null, pairedOfficerName: null, residentOpenid: null,
    visitIntervalDays: 7, lastVisitAt: null, nextVisitDue, remindAt: null, version: 0, createdAt: cn(1, 1, 2024), updatedAt: cn(1, 1, 2024),
  };
}

/**
 * Visits in January: g1 made 3 (Jan 5 answering a Jan 4 due date, Jan 10, Jan 20), and a Dec 30 visit
 * answered a Jan 2 due date (due met in January, made in December); g3 made 1 (Jan 15, no due date);
 * a February visit and elsewhere's visit do not count. Open due dates in January: g1 one (Jan 25),
 * g2 one (Jan 28); g3's Feb 3 and elsewhere's are outside.
 * → g1 done 3, dueMet 2, due 3; g2 done 0, dueMet 0, due 1; g3 done 1, dueMet 0, due 0; station 4 / 2 / 4.
 */
async function visits(): Promise<void> {
  await insertVisits([
    visit('v1', ids.g1, cn(1, 5), cn(1, 4)), visit('v2', ids.g1, cn(1, 10), null), visit('v3', ids.g1, cn(1, 20), null),
    visit('v4', ids.g1, cn(12, 30, 2024), cn(1, 2)), visit('v5', ids.g3, cn(1, 15), null), visit('v6', ids.g1, cn(2, 3), cn(2, 1)),
    visit('v7', OTHER.grid, cn(1, 6), cn(1, 6)),
  ]);
  await insertHouseholds([
    household('h1', ids.g1, cn(1, 25)), household('h2', ids.g2, cn(1, 28)), household('h3', ids.g3, cn(2, 3)), household('h4', OTHER.grid, cn(1, 9)),
    // v1's household (no due date: not an open due).
    household('h-v1', ids.g1, null),
  ]);
}

function patrol(id: string, communityId: string, startedAt: Date, findingCount: number): PatrolDoc {
  return {
    _id: id, stationId: communityId === OTHER.community ? OTHER.station : ids.station, communityId, communityName: '', volunteerId: 'o-volunteer', volunteerName: '韩志刚',
    memberIds: ['o-volunteer'], status: 'ended', startedAt, endedAt: startedAt, month: inChina(startedAt).format('YYYY-MM'),
    plannedBuildings: [], route: [], points: [], findings: [], findingCount, endNote: null, routeNote: '沿街巡逻', version: 0, createdAt: startedAt,
  };
}

/** Patrols in January: c1 two (1 and 2 findings), c2 one (none); c2's February patrol and elsewhere's do not count. */
async function patrols(): Promise<void> {
  for (const p of [
    patrol('p1', ids.c1, cn(1, 3), 1), patrol('p2', ids.c1, cn(1, 17), 2), patrol('p3', ids.c2, cn(1, 9), 0),
    patrol('p4', ids.c2, cn(2, 2), 4), patrol('p5', OTHER.community, cn(1, 9), 5),
  ]) await insertPatrol(p);
}

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await Promise.all([members(), surveys(), visits(), patrols()]);
}, 120_000);
afterAll(() => stack?.close());

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);

it('gives the station admin the survey, visit and patrol numbers computed by hand', async () => {
  const { surveys: s, visits: v, patrols: p } = unwrap(await stack.call('station.dashboard', period, ids.admin)).sections;
  expect(s).toEqual({
    months: ['2025-01'], members: 6, answers: 4, answerRate: { numerator: 4, denominator: 6, rate: 0.667 },
    byCommunity: [
      { communityId: ids.c1, communityName: '夢和园', members: 4, surveys: 1, answers: 3, answerRate: { numerator: 3, denominator: 4, rate: 0.75 } },
      { communityId: ids.c2, communityName: '欣和园', members: 2, surveys: 1, answers: 1, answerRate: { numerator: 1, denominator: 2, rate: 0.5 } },
    ],
    trend: [
      { month: '2024-12', answers: 2, answerRate: 0.667, satisfaction: 5, safety: 3 },
      { month: '2025-01', answers: 4, answerRate: 0.667, satisfaction: 3.5, safety: 4 },
    ],
  });
  expect(v).toEqual({
    done: 4, dueMet: 2, due: 4,
    byGrid: [
      { gridId: ids.g1, gridName: '夢和园第一网格', communityName: '夢和园', done: 3, dueMet: 2, due: 3 },
      { gridId: ids.g2, gridName: '夢和园第二网格', communityName: '夢和园', done: 0, dueMet: 0, due: 1 },
      { gridId: ids.g3, gridName: '欣和园第一网格', communityName: '欣和园', done: 1, dueMet: 0, due: 0 },
    ],
  });
  expect(p).toEqual({
    patrols: 3, findings: 3,
    byCommunity: [
      { communityId: ids.c1, communityName: '夢和园', patrols: 2, findings: 3 },
      { communityId: ids.c2, communityName: '欣和园', patrols: 1, findings: 0 },
    ],
    byMonth: [{ month: '2025-01', patrols: 3, findings: 3 }],
  });
});

it('spans several months: the survey trend and patrols per month follow the period', async () => {
  const d = unwrap(await stack.call('station.dashboard', { from: '2024-11-30T16:00:00.000Z', to: '2025-02-28T16:00:00.000Z' }, ids.admin)).sections;
  expect(d.surveys.months).toEqual(['2024-12', '2025-01', '2025-02']);
  // December c1 2 of 3 (its own count), January 4 of 6; February's draft is no survey.
  expect(d.surveys.answerRate).toEqual({ numerator: 6, denominator: 9, rate: 0.667 });
  expect(d.surveys.trend.map((t) => [t.month, t.answers, t.answerRate])).toEqual([['2024-12', 2, 0.667], ['2025-01', 4, 0.667], ['2025-02', 0, null]]);
  expect(d.patrols.byMonth).toEqual([
    { month: '2024-12', patrols: 0, findings: 0 }, { month: '2025-01', patrols: 3, findings: 3 }, { month: '2025-02', patrols: 1, findings: 4 },
  ]);
  expect(d.visits.done).toBe(6); // v4 in December, v6 in February
});

it('a member verified after a month closed leaves that month\'s rate alone; a survey without its own count follows today\'s', async () => {
  await updateUser('m-c1-5', { memberVerified: true, verifiedCommunityIds: [ids.c1] });
  try {
    const d = unwrap(await stack.call('station.dashboard', { from: '2024-11-30T16:00:00.000Z', to: '2025-01-31T16:00:00.000Z', communityId: ids.c1 }, ids.admin)).sections.surveys;
    expect(d.members).toBe(5);
    // December kept 3; January's c1 survey predates the kept count: today's 5.
    expect(d.trend.map((t) => [t.month, t.answerRate])).toEqual([['2024-12', 0.667], ['2025-01', 0.6]]);
    expect(d.answerRate).toEqual({ numerator: 5, denominator: 8, rate: 0.625 });
  } finally {
    await updateUser('m-c1-5', { memberVerified: false, verifiedCommunityIds: [] });
  }
});

it('narrows to a community, a grid or an officer', async () => {
  const c2 = unwrap(await stack.call('station.dashboard', { ...period, communityId: ids.c2 }, ids.admin)).sections;
  expect(c2.surveys).toMatchObject({ members: 2, answers: 1, answerRate: { rate: 0.5 } });
  expect(c2.surveys.trend).toEqual([{ month: '2025-01', answers: 1, answerRate: 0.5, satisfaction: 2, safety: 3 }]);
  expect(c2.visits.byGrid.map((g) => g.gridId)).toEqual([ids.g3]);
  expect(c2.patrols).toMatchObject({ patrols: 1, findings: 0 });

  const g2 = unwrap(await stack.call('station.dashboard', { ...period, gridId: ids.g2 }, ids.admin)).sections;
  expect(g2.visits).toEqual({ done: 0, dueMet: 0, due: 1, byGrid: [expect.objectContaining({ gridId: ids.g2, due: 1 })] });
  // Surveys and patrols belong to the grid's community.
  expect(g2.surveys.byCommunity.map((c) => c.communityId)).toEqual([ids.c1]);
  expect(g2.patrols).toMatchObject({ patrols: 2, findings: 3 });

  const wang = unwrap(await stack.call('station.dashboard', { ...period, officerId: ids.officer2 }, ids.admin)).sections;
  expect(wang.visits.byGrid.map((g) => [g.gridId, g.done])).toEqual([[ids.g3, 1]]);
  expect(wang.patrols.byCommunity.map((c) => c.communityId)).toEqual([ids.c2]);
});

it('limits an officer to their own grids and refuses other roles', async () => {
  const zhou = unwrap(await stack.call('station.dashboard', period, ids.officer1)).sections;
  expect(zhou.visits).toEqual({ done: 3, dueMet: 2, due: 3, byGrid: [expect.objectContaining({ gridId: ids.g1 })] });
  expect(zhou.surveys).toMatchObject({ members: 4, answers: 3, byCommunity: [expect.objectContaining({ communityId: ids.c1 })] });
  expect(zhou.surveys.trend.map((t) => [t.month, t.satisfaction, t.safety])).toEqual([['2024-12', 5, 3], ['2025-01', 4, 4.3]]);
  expect(zhou.patrols.byCommunity).toEqual([{ communityId: ids.c1, communityName: '夢和园', patrols: 2, findings: 3 }]);
  expect(code(await stack.call('station.dashboard', { ...period, gridId: ids.g3 }, ids.officer1))).toBe('FORBIDDEN');
  expect(code(await stack.call('station.dashboard', { ...period, communityId: OTHER.community }, ids.admin))).toBe('FORBIDDEN');
  for (const who of ['m-c1-1', 'o-volunteer']) expect(code(await stack.call('station.dashboard', period, who))).toBe('FORBIDDEN');
});

async function download(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer()).toString('utf8');
}

const lastExport = async () => unwrap(await stack.call('station.auditLog', { action: 'export', pageSize: 1 }, ids.admin)).items[0]!;

describe('exports', () => {
  it('writes the period\'s visits as CSV with a BOM, places but no people; an officer gets their own grids; logged', async () => {
    const out = unwrap(await stack.call('station.export', { kind: 'visits', ...period }, ids.admin));
    expect(out).toMatchObject({ rows: 4, part: 1, nextCursor: null, fileName: '走访记录_2025-01-01至2025-01-31.csv' });
    const csv = await download(out.url);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('走访时间,社区,网格,楼栋,单元,房号,方式,走访人,发现情况,需要帮助,转求助案件,应访日期,记录人');
    // Newest first: v3 (Jan 20), v5 (Jan 15), v2 (Jan 10), v1 (Jan 5, its household's place, answering Jan 4).
    expect(lines.slice(1, -1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      '2025-01-20 10:00,夢和园,夢和园第一网格', '2025-01-15 10:00,欣和园,欣和园第一网格', '2025-01-10 10:00,夢和园,夢和园第一网格', '2025-01-05 10:00,夢和园,夢和园第一网格',
    ]);
    expect(lines[4]).toBe('2025-01-05 10:00,夢和园,夢和园第一网格,3号楼,1单元,101,上门走访,周建军,一切正常,,,2025-01-04,周建军');
    expect(csv).not.toContain('王奶奶');
    expect(await lastExport()).toMatchObject({ actorName: '李明（派出所管理员）', target: { kind: 'export:visits', id: out.fileId, label: out.fileName } });
    expect((await lastExport()).detail).toContain('共 4 行');

    const mine = unwrap(await stack.call('station.export', { kind: 'visits', ...period }, ids.officer1));
    expect(mine.rows).toBe(3);
    expect(await download(mine.url)).not.toContain('欣和园');
    expect((await lastExport()).actorName).toBe('周建军（社区民警）');
  });

  it('writes survey answers one row per question, without OPENID or names; narrowed and logged', async () => {
    const out = unwrap(await stack.call('station.export', { kind: 'survey_answers', ...period }, ids.admin));
    // January: c1 3 answers, c2 1 answer, 3 questions each; elsewhere's survey is another station's.
    expect(out).toMatchObject({ rows: 12, nextCursor: null, fileName: '问卷答卷_2025-01-01至2025-01-31.csv' });
    const csv = await download(out.url);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n').slice(0, -1);
    expect(lines[0]).toBe('月份,小区,问卷,答卷序号,提交时间,题号,题目,回答');
    expect(lines.slice(1).filter((l) => l.startsWith('2025-01,夢和园')).length).toBe(9);
    expect(lines.slice(1).filter((l) => l.startsWith('2025-01,欣和园'))).toEqual([
      '2025-01,欣和园,2025-01 问卷,1,2025-01-05 10:00,1,您对社区民警的工作满意吗,2',
      '2025-01,欣和园,2025-01 问卷,1,2025-01-05 10:00,2,您在小区里感到安全吗,3',
      '2025-01,欣和园,2025-01 问卷,1,2025-01-05 10:00,3,您还有什么建议,挺好',
    ]);
    expect(csv).not.toMatch(/o-answer|openid/i);
    const entry = await lastExport();
    expect(entry).toMatchObject({ target: { kind: 'export:survey_answers', id: out.fileId } });
    expect(entry.detail).toContain('4 份答卷');

    const c2 = unwrap(await stack.call('station.export', { kind: 'survey_answers', ...period, communityId: ids.c2 }, ids.admin));
    expect(c2.rows).toBe(3);
    const zhou = unwrap(await stack.call('station.export', { kind: 'survey_answers', ...period }, ids.officer1));
    expect(zhou.rows).toBe(9);
    const bad = await stack.call('station.export', { kind: 'survey_answers', ...period, cursor: 'nonsense' }, ids.admin);
    expect(code(bad)).toBe('INVALID_INPUT');
  });

  it('splits a long answer export into parts that continue the numbering', async () => {
    await insertSurveys([survey(ids.c2, '2025-03', 'closed', 501)]);
    await insertAnswers(Array.from({ length: 501 }, () => answer(ids.c2, '2025-03', 4, 4)));
    const march = { from: '2025-02-28T16:00:00.000Z', to: '2025-03-31T16:00:00.000Z' };
    const r0 = await stack.call('station.export', { kind: 'survey_answers', ...march }, ids.admin);
    const first = unwrap(r0);
    expect(first).toMatchObject({ rows: 1500, part: 1, fileName: '问卷答卷_2025-03-01至2025-03-31_第1部分.csv' });
    expect(first.nextCursor).not.toBeNull();
    const second = unwrap(await stack.call('station.export', { kind: 'survey_answers', ...march, cursor: first.nextCursor!, part: 2 }, ids.admin));
    expect(second).toMatchObject({ rows: 3, part: 2, nextCursor: null, fileName: '问卷答卷_2025-03-01至2025-03-31_第2部分.csv' });
    const lines = (await download(second.url)).slice(1).split('\r\n');
    expect(lines[1]).toMatch(/^2025-03,欣和园,2025-03 问卷,501,/);
  });

  it('refuses wrong roles and other grids before writing anything', async () => {
    const before = (await lastExport()).id;
    for (const kind of ['visits', 'survey_answers'] as const) {
      for (const who of ['m-c1-1', 'o-volunteer', 'o-nobody']) expect(code(await stack.call('station.export', { kind, ...period }, who))).toBe('FORBIDDEN');
      expect(code(await stack.call('station.export', { kind, ...period, gridId: ids.g3 }, ids.officer1))).toBe('FORBIDDEN');
    }
    expect((await lastExport()).id).toBe(before);
  });
});
