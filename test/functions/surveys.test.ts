/**
 * Issue 10: the monthly opinion survey through the real functions on local cloud — the timer
 * (fired twice: one survey per community), publish, the live card (updatable message calls land
 * in local cloud's record), the group arrival through a CloudID the runtime resolves (and the
 * forged shapes refused), answering once (20 concurrent submits → one answer), results against a
 * hand-computed fixture, the CSV export, membership verification gating 我也遇到了, the member
 * count each survey keeps (at publication, refreshed at close), and refusals from wrong roles and
 * another community.
 */
import { getUser } from '../../backend/data/users';
import { monthEnd, monthLabel } from '../../backend/domain/surveyCalendar';
import { answersCsv } from '../../backend/domain/surveyResults';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, dataOf, fireLaneReport, ids, joinResident, unwrap } from './station';
import { monthOf, surveyIdOf, timerSurveyOf } from './surveyStation';

let stack: TestStack;
// The China month the timer made the surveys for (set by the first test, from what it made).
let month: string;
let s1: string;
let s2: string;

const residents = ['o-sv-a', 'o-sv-b', 'o-sv-c'];

beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  for (const r of residents) await joinResident(stack, r, { communityId: ids.c1, buildingId: ids.b1 }, '居民');
  await joinResident(stack, 'o-sv-xinhe', { communityId: ids.c2, buildingId: ids.b3 }, '欣和园居民');
  await joinResident(stack, 'o-sv-self', { communityId: ids.c1, buildingId: ids.b1 }, '自称居民', false);
}, 120_000);
afterAll(() => stack?.close());

type UpdatableRecord = { activity_id: string; state: number | null; parameters: Record<string, string>; updates: number };
async function updatableMessages(): Promise<UpdatableRecord[]> {
  const res = await fetch(`${stack.cloud.url}/_dev/updatable-messages`);
  return (await res.json()) as UpdatableRecord[];
}

/** A call from a page opened in a group: `groupInfo` beside action and input, as CloudBase wants it. */
const fromGroup = (action: string, input: unknown, groupInfo: unknown, openid: string) =>
  stack.invoke('surveys', { action, input, groupInfo }, { openid }) as Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>;

describe('the monthly timer', () => {
  it('creates exactly one draft survey per community, however often it fires, and tells the officer', async () => {
    const before = new Date();
    await stack.fireTrigger('scheduler');
    await stack.fireTrigger('scheduler');
    // The month of China time the timer ran in: the test's own clock reading may be on the other side of a month's end.
    ({ month } = await timerSurveyOf(stack, ids.c1));
    expect([monthOf(before), monthOf(new Date())]).toContain(month);
    [s1, s2] = [surveyIdOf(ids.c1, month), surveyIdOf(ids.c2, month)];
    const surveys = await dataOf<Array<{ _id: string; status: string; communityId: string; closesAt: Date }>>(stack.database().collection('surveys').where({ month }).get());
    expect(surveys.map((s) => s._id).sort()).toEqual([s1, s2].sort());
    expect(surveys.every((s) => s.status === 'draft')).toBe(true);
    // Each closes as its month ends, China midnight of the 1st.
    for (const s of surveys) expect(new Date(s.closesAt).toISOString()).toBe(monthEnd(month).toISOString());
    const told = await dataOf<Array<{ kind: string; title: string }>>(stack.database().collection('notifications').where({ openid: ids.officer1 }).get());
    // One per survey (a run on each side of a month end made two months' surveys, each told once).
    expect(told.filter((n) => n.kind === 'survey_ready' && n.title.includes(monthLabel(month)))).toHaveLength(1);
    expect((await stack.outbox({ touser: ids.officer1 })).some((m) => m.template_id === 'local-tpl-survey-ready')).toBe(true);
    // The tests below are about an open survey: if the real month ends while this file runs, the timer
    // (fired again below) would close it under them. Its close moves a day ahead; the month-end close has
    // its own test at the end of the file.
    for (const id of [s1, s2]) await stack.database().collection('surveys').doc(id).update({ data: { closesAt: new Date(Date.now() + 86_400_000) } });
  });

  it('cannot be triggered by a client: a timer-shaped call from a signed-in user is an ordinary call', async () => {
    const r = (await stack.invoke('scheduler', { Type: 'Timer', TriggerName: 'everyMinute' }, { openid: residents[0] })) as { ok: boolean; error?: { code: string } };
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

const verifiedNow = async (communityId: string) =>
  (await dataOf<unknown[]>(stack.database().collection('users').where({ communityId, memberVerified: true }).get())).length;
const storedMemberCount = async (surveyId: string) =>
  (await dataOf<{ memberCount?: number }>(stack.database().collection('surveys').doc(surveyId).get())).memberCount;

describe('the officer publishes and shares', () => {
  it('only the community officer or the station admin manages it', async () => {
    expect(await stack.call('surveys.get', { surveyId: s1 }, ids.officer2)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能管理本社区的问卷' } });
    expect(await stack.call('surveys.publish', { surveyId: s1 }, residents[0])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(unwrap(await stack.call('surveys.get', { surveyId: s1 }, ids.admin)).status).toBe('draft');
  });

  it('adds a local question in draft, publishes, and refuses a second local question after', async () => {
    const added = unwrap(await stack.call('surveys.addLocalQuestion', { surveyId: s1, question: { type: 'single', title: '是否支持小区加装电动车充电桩', options: ['支持', '不支持'] } }, ids.officer1));
    expect(added.localQuestionIds).toEqual(['local1']);
    expect(added.questions.at(-1)).toMatchObject({ id: 'local1', type: 'single', required: false });
    const published = unwrap(await stack.call('surveys.publish', { surveyId: s1 }, ids.officer1));
    expect(published).toMatchObject({ status: 'published', can: { share: true, addLocalQuestion: false } });
    // The survey keeps the verified members it went to (its answer rate's denominator on the desk).
    expect(await storedMemberCount(s1)).toBe(await verifiedNow(ids.c1));
    expect(await verifiedNow(ids.c1)).toBe(3);
    expect(await stack.call('surveys.addLocalQuestion', { surveyId: s1, question: { type: 'text', title: '其他建议' } }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    unwrap(await stack.call('surveys.publish', { surveyId: s2 }, ids.officer2));
  });

  it('shares a live card: an activity id from WeChat, the template info for updateShareMenu', async () => {
    const card = unwrap(await stack.call('surveys.shareCard', { surveyId: s1 }, ids.officer1));
    expect(card.activityId).toEqual(expect.any(String));
    expect(card.toDoActivityId).toBe(card.activityId);
    expect(card.templateInfo.parameterList.map((p) => p.name)).toEqual(['member_count', 'room_limit']);
    expect(card.path).toContain(encodeURIComponent(s1));
    expect((await updatableMessages()).some((m) => m.activity_id === card.activityId)).toBe(true);
  });
});

describe('group membership from the card (CloudID resolved by the runtime)', () => {
  it('refuses forged group info: no CloudID, an unknown CloudID, or data sent beside a CloudID', async () => {
    const forged = await fromGroup('bindGroup', { surveyId: s1 }, { data: { opengid: 'G-menghe' } }, ids.officer1);
    expect(forged).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请从社区微信群里的问卷卡片打开' } });
    const fakeId = await fromGroup('bindGroup', { surveyId: s1 }, { cloudID: 'made-up', data: { opengid: 'G-menghe' } }, ids.officer1);
    expect(fakeId).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // A real id issued for another group: the client's `data` is dropped, the id's own data is what arrives.
    const other = stack.cloud.issueOpenData({ opengid: 'G-elsewhere' }).cloudID;
    const swapped = await fromGroup('bindGroup', { surveyId: s2 }, { cloudID: other, data: { opengid: 'G-xinhe' } }, ids.officer2);
    expect(swapped.ok).toBe(true);
    expect(await dataOf<unknown[]>(stack.database().collection('groupBindings').where({ _id: 'G-xinhe' }).get())).toEqual([]);
    // An id issued to someone else is refused (-601007), as in CloudBase.
    const notMine = stack.cloud.issueOpenData({ opengid: 'G-menghe' }, { openid: ids.officer2 }).cloudID;
    expect(await fromGroup('bindGroup', { surveyId: s1 }, { cloudID: notMine }, ids.officer1)).toMatchObject({ ok: false });
  });

  it('the officer binds the group from the first card; a resident arriving from it becomes a verified member', async () => {
    const cloudID = stack.cloud.issueOpenData({ opengid: 'G-menghe' }).cloudID;
    const bound = await fromGroup('bindGroup', { surveyId: s1 }, { cloudID }, ids.officer1);
    expect(bound).toMatchObject({ ok: true, data: { communityId: ids.c1, alreadyBound: false } });
    // The group cannot be moved to another community by another officer.
    const again = stack.cloud.issueOpenData({ opengid: 'G-menghe' }).cloudID;
    expect(await fromGroup('bindGroup', { surveyId: s2 }, { cloudID: again }, ids.officer2)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Self-declared: cannot read the community's open reports.
    unwrap(await stack.call('cases.create', fireLaneReport(), residents[0]));
    const before = await stack.call('cases.findSimilar', { category: 'fire_lane_blocked', buildingId: ids.b1 }, 'o-sv-self');
    expect(before).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await getUser('o-sv-self'))?.memberVerified).toBe(false);

    const arrival = stack.cloud.issueOpenData({ opengid: 'G-menghe' }, { openid: 'o-sv-self' }).cloudID;
    const arrived = await fromGroup('arrive', { surveyId: s1 }, { cloudID: arrival }, 'o-sv-self');
    expect(arrived).toMatchObject({ ok: true, data: { fromCommunityGroup: true, verified: true, communityId: ids.c1 } });
    expect(unwrap(await stack.call('cases.findSimilar', { category: 'fire_lane_blocked', buildingId: ids.b1 }, 'o-sv-self')).items.length).toBeGreaterThan(0);
  });

  it('an arrival from a group not bound to the community verifies nothing', async () => {
    const cloudID = stack.cloud.issueOpenData({ opengid: 'G-unknown' }).cloudID;
    const r = await fromGroup('arrive', { surveyId: s1 }, { cloudID }, 'o-sv-self');
    expect(r).toMatchObject({ ok: true, data: { fromCommunityGroup: false } });
  });

  it('the officer may approve a resident who never came from the group', async () => {
    await joinResident(stack, 'o-sv-door', { communityId: ids.c1, buildingId: ids.b1 }, '上门核实', false);
    const pending = unwrap(await stack.call('surveys.listPendingMembers', { communityId: ids.c1 }, ids.officer1));
    expect(pending.items.map((i) => i.memberId)).toContain('o-sv-door');
    expect(await stack.call('surveys.approveMember', { communityId: ids.c1, memberId: 'o-sv-door' }, ids.officer2)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(unwrap(await stack.call('surveys.approveMember', { communityId: ids.c1, memberId: 'o-sv-door' }, ids.officer1))).toEqual({ approved: true });
    expect((await getUser('o-sv-door'))?.memberVerified).toBe(true);
  });
});

const answers = {
  a: [{ questionId: 'satisfaction', rating: 5 }, { questionId: 'safety', rating: 4 }, { questionId: 'concerns', choices: [0, 1] }, { questionId: 'patrol', choices: [0] }, { questionId: 'suggestion', text: '希望晚上多巡逻' }, { questionId: 'local1', choices: [0] }],
  b: [{ questionId: 'satisfaction', rating: 3 }, { questionId: 'safety', rating: 4 }, { questionId: 'concerns', choices: [1] }, { questionId: 'patrol', choices: [1] }],
  c: [{ questionId: 'satisfaction', rating: 4 }, { questionId: 'safety', rating: 2 }, { questionId: 'concerns', choices: [1, 4] }, { questionId: 'patrol', choices: [0] }, { questionId: 'suggestion', text: '停车太乱' }, { questionId: 'local1', choices: [1] }],
};

describe('answering once', () => {
  it('20 concurrent submits from one resident give one answer', async () => {
    const all = await Promise.all(Array.from({ length: 20 }, () => stack.call('surveys.answer', { surveyId: s1, items: answers.a }, residents[0])));
    expect(all.every((r) => r.ok)).toBe(true);
    expect(all.filter((r) => r.ok && !r.data.alreadyAnswered)).toHaveLength(1);
    const stored = await dataOf<unknown[]>(stack.database().collection('surveyAnswers').where({ surveyId: s1 }).get());
    expect(stored).toHaveLength(1);
    expect(unwrap(await stack.call('surveys.get', { surveyId: s1 }, ids.officer1)).answerCount).toBe(1);
  }, 60_000);

  it('checks answers against the questions, and risky text through msgSecCheck', async () => {
    expect(await stack.call('surveys.answer', { surveyId: s1, items: [{ questionId: 'safety', rating: 4 }] }, residents[1])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请回答第 1 题' } });
    expect(await stack.call('surveys.answer', { surveyId: s1, items: [...answers.b, { questionId: 'nope', rating: 1 }] }, residents[1])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await stack.call('surveys.answer', { surveyId: s1, items: [...answers.b.slice(0, 3), { questionId: 'patrol', choices: [0, 1] }] }, residents[1])).toMatchObject({ ok: false, error: { message: '第 4 题只能选一项' } });
    const risky = await stack.call('surveys.answer', { surveyId: s1, items: [...answers.b, { questionId: 'suggestion', text: '我要买卖枪支' }] }, residents[1]);
    expect(risky).toMatchObject({ ok: false, error: { code: 'CONTENT_RISKY' } });
  });

  it('a resident of another community cannot answer or read it', async () => {
    expect(await stack.call('surveys.answer', { surveyId: s1, items: answers.b }, 'o-sv-xinhe')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await stack.call('surveys.getForMe', { surveyId: s1 }, 'o-sv-xinhe')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the resident sees their own answer and the summary afterwards', async () => {
    const r = unwrap(await stack.call('surveys.answer', { surveyId: s1, items: answers.b }, residents[1]));
    expect(r.alreadyAnswered).toBe(false);
    expect(r.survey.myAnswer?.items).toEqual(answers.b);
    expect(r.survey.summary?.answerCount).toBe(2);
    expect(r.survey.canAnswer).toBe(false);
    unwrap(await stack.call('surveys.answer', { surveyId: s1, items: answers.c }, residents[2]));
    const current = unwrap(await stack.call('surveys.current', {}, residents[2]));
    expect(current.survey).toMatchObject({ id: s1, canAnswer: false });
  });
});

describe('results and export', () => {
  it('match the hand-computed fixture', async () => {
    const r = unwrap(await stack.call('surveys.results', { surveyId: s1 }, ids.officer1));
    expect(r.answerCount).toBe(3);
    const q = (id: string) => r.questions.find((x) => x.questionId === id)!;
    // satisfaction 5, 3, 4 → average 4.0; safety 4, 4, 2 → 3.3
    expect(q('satisfaction')).toMatchObject({ answered: 3, average: 4 });
    expect(q('satisfaction').distribution.map((d) => d.count)).toEqual([0, 0, 1, 1, 1]);
    expect(q('safety')).toMatchObject({ answered: 3, average: 3.3 });
    expect(q('safety').distribution.map((d) => [d.count, d.percent])).toEqual([[0, 0], [1, 33.3], [0, 0], [2, 66.7], [0, 0]]);
    // concerns: a [0,1], b [1], c [1,4] → 0:1, 1:3, 4:1 of 3 answered
    expect(q('concerns').options.map((o) => [o.count, o.percent])).toEqual([[1, 33.3], [3, 100], [0, 0], [0, 0], [1, 33.3], [0, 0]]);
    expect(q('patrol').options.map((o) => o.count)).toEqual([2, 1, 0]);
    expect(q('suggestion')).toMatchObject({ answered: 2 });
    expect([...q('suggestion').texts].sort()).toEqual(['停车太乱', '希望晚上多巡逻']);
    expect(q('local1').options.map((o) => o.count)).toEqual([1, 1]);
    // Verified members of c1: the three residents, o-sv-self (arrived from the group), o-sv-door (approved).
    expect(r.memberCount).toBe(5);
    expect(r.answerRate).toBe(60);
    expect(r.trend.at(-1)).toMatchObject({ month, satisfaction: 4, safety: 3.3, answers: 3 });
    // Anonymous: nothing in the answer names or identifies a resident.
    expect(JSON.stringify(r)).not.toMatch(/o-sv-/);
  });

  it('exports a CSV (BOM, one row per answer, no OPENID or names) to storage, logged in the audit', async () => {
    const file = unwrap(await stack.call('surveys.exportCsv', { surveyId: s1 }, ids.officer1));
    expect(file.rows).toBe(3);
    const res = await fetch(file.url);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['序号', '提交时间', '您对本月社区民警和派出所工作的满意程度']);
    expect(text).not.toMatch(/o-sv-|居民/);
    expect(text).toContain('希望晚上多巡逻');
    const audit = await dataOf<Array<{ action: string; actorId?: string; detail?: string; target?: { kind: string } }>>(stack.database().collection('auditLog').where({ stationId: ids.station }).get());
    const entry = audit.find((a) => a.action === 'export' && a.target?.kind === 'export:survey_answers');
    expect(entry).toMatchObject({ actorId: ids.officer1, by: 'staff' });
    expect(entry!.detail).toContain('共 3 行');
  });

  it('quotes cells and defuses formulas', () => {
    const csv = answersCsv({ questions: [{ id: 't', type: 'text', title: '建议', required: false }] }, [
      { _id: 'x', surveyId: 's', communityId: 'c', month, openid: 'o', createdAt: new Date(), items: [{ questionId: 't', choices: null, rating: null, text: '=HYPERLINK("x"), 好', topic: null }] },
    ]);
    expect(csv.split('\r\n')[1]).toMatch(/,"'=HYPERLINK\(""x""\), 好"$/);
  });
});

describe('the live card follows the answers', () => {
  it('the scheduler sets the answered count on every shared card, throttled to once a minute', async () => {
    await stack.fireTrigger('scheduler');
    const card = (await updatableMessages()).find((m) => m.parameters.member_count !== undefined);
    expect(card).toMatchObject({ state: 0, parameters: { member_count: '3', room_limit: '5' } });
    const updates = card!.updates;
    // Another tick at once: nothing new to show, no call.
    await stack.fireTrigger('scheduler');
    expect((await updatableMessages()).find((m) => m.activity_id === card!.activity_id)!.updates).toBe(updates);
  });

  it('closes the survey at the month end and the card shows it has ended', async () => {
    await stack.database().collection('surveys').doc(s1).update({ data: { closesAt: new Date(Date.now() - 1000) } });
    await stack.fireTrigger('scheduler');
    const doc = await dataOf<{ status: string; cardEnded: boolean }>(stack.database().collection('surveys').doc(s1).get());
    expect(doc).toMatchObject({ status: 'closed', cardEnded: true });
    // The member count is refreshed as it closes: residents verified during the month were invited too.
    expect(await verifiedNow(ids.c1)).toBeGreaterThan(3);
    expect(await storedMemberCount(s1)).toBe(await verifiedNow(ids.c1));
    // The closed month keeps the members it was put to: one verified later changes neither the results
    // page's answer rate nor the desk's.
    const closedWith = unwrap(await stack.call('surveys.results', { surveyId: s1 }, ids.officer1));
    expect(closedWith.memberCount).toBe(await storedMemberCount(s1));
    await stack.database().collection('users').add({ data: { _id: 'o-sv-later', communityId: ids.c1, memberVerified: true, roles: ['resident'], name: '后来的居民' } });
    expect(await verifiedNow(ids.c1)).toBe(closedWith.memberCount + 1);
    expect(unwrap(await stack.call('surveys.results', { surveyId: s1 }, ids.officer1))).toMatchObject({ memberCount: closedWith.memberCount, answerRate: closedWith.answerRate });
    await stack.database().collection('users').doc('o-sv-later').remove();
    const card = (await updatableMessages()).find((m) => m.state === 1);
    expect(card?.parameters).toMatchObject({ version_type: 'release' });
    expect(card?.parameters.path).toContain('pkg-resident/survey/index');
    expect(await stack.call('surveys.answer', { surveyId: s1, items: answers.b }, 'o-sv-door')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '本期问卷已结束' } });
  });
});
