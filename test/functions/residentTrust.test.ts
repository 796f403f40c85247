/**
 * issue 14, what residents see, through the real functions and SDK against local cloud:
 * the 受理编号 (unique under 50 concurrent creates, searchable by staff), the service level shown to
 * the resident, "我也遇到了" keeping the joiner's words and photos, and the rate page's early refusal.
 */
import * as cloud from 'wx-server-sdk';
import type { CaseDoc } from '../../backend/data/cases';
import { inChina } from '../../backend/platform/time';
import { waitFor } from '../support/wait-for';
import { dataOf, fireLaneReport, ids, joinNeighbours, joinResident, stationSuite, unwrap } from './station';

const stack = stationSuite(async (stack) => {
  await joinNeighbours(stack);
});

const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
async function upload(name: string): Promise<string> {
  const { fileID } = await cloud.uploadFile({ cloudPath: `case-photos/test/${Date.now()}-${Math.random().toString(36).slice(2, 8)}-${name}`, fileContent: JPEG });
  return fileID;
}
const caseDoc = (id: string) => dataOf<CaseDoc>(stack.database().collection('cases').doc(id).get());

describe('受理编号', () => {
  it('gives 50 concurrent creates 50 different numbers of the day, in sequence, and a retry its own number', async () => {
    // 30 cases a day is one resident's limit: ten residents file five each, all at once.
    const people = Array.from({ length: 10 }, (_, i) => `o-burst-${i}`);
    await Promise.all(people.map((p) => joinResident(stack, p, { communityId: ids.c1, buildingId: ids.b1 })));
    const inputs = people.flatMap((p) => Array.from({ length: 5 }, (_, k) => ({ p, input: fireLaneReport({ description: `楼道堆物第${k + 1}处，${p}` }) })));
    const before = new Date();
    const created = await Promise.all(inputs.map(({ p, input }) => stack.call('cases.create', input, p).then(unwrap)));
    // The China day of the burst; two when China midnight falls during it (each day counts from 1).
    const days = [...new Set([before, new Date()].map((d) => inChina(d).format('YYYYMMDD')))];
    const numbers = created.map((r) => r.case.caseNo);
    for (const n of numbers) expect(n).toMatch(new RegExp(`^FQ-(${days.join('|')})-\\d{4}$`));
    expect(new Set(numbers).size).toBe(50);
    // Nothing else was filed before the burst: each day's sequence is exactly 1..n, no gaps (1..50 on one day).
    const perDay = days.map((day) => numbers.filter((n) => n!.includes(`-${day}-`)).map((n) => Number(n!.slice(-4))).sort((a, b) => a - b));
    expect(perDay.reduce((n, seqs) => n + seqs.length, 0)).toBe(50);
    for (const seqs of perDay) expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    // A retry of the same request keeps its number.
    const again = unwrap(await stack.call('cases.create', inputs[7]!.input, inputs[7]!.p));
    expect(again).toMatchObject({ duplicate: true, case: { caseNo: numbers[7] } });
    // The number is stored on the case and on the resident's row in "my cases", with a snippet.
    expect((await caseDoc(created[0]!.case.id)).caseNo).toBe(numbers[0]);
    const mine = unwrap(await stack.call('cases.listMine', {}, inputs[0]!.p));
    const row = mine.items.find((i) => i.id === created[0]!.case.id);
    expect(row).toMatchObject({ caseNo: numbers[0], snippet: `楼道堆物第1处，${inputs[0]!.p}` });
  }, 120_000);

  it('staff find a case by its number (any case), only within their own cases', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({ description: '消防通道被三轮车堵住' }), 'o-zhang'));
    const found = unwrap(await stack.call('cases.inbox', { caseNo: c.caseNo!.toLowerCase() }, ids.officer1));
    expect(found.items).toEqual([expect.objectContaining({ id: c.id, caseNo: c.caseNo, snippet: '消防通道被三轮车堵住' })]);
    // Another grid's officer does not learn of it.
    expect(unwrap(await stack.call('cases.inbox', { caseNo: c.caseNo! }, ids.officer2)).items).toEqual([]);
    const bad = await stack.call('cases.inbox', { caseNo: '第42号' }, ids.officer1);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'caseNo' } });
  });

  it('shows the resident the service level: the promise, the deadline while waiting, when it was met', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', {
      kind: 'help', helpType: 'repair', urgency: 'urgent', callbackAllowed: false,
      description: '楼道灯坏了，老人晚上下楼看不见', clientRequestId: `req-${Date.now()}-sl`, location: { buildingId: ids.b1 },
    }, 'o-zhang'));
    expect(c.serviceLevel).toMatchObject({ promise: '紧急求助 30 分钟内受理', acceptedAt: null });
    expect((Date.parse(c.serviceLevel.dueAt!) - Date.parse(c.createdAt)) / 60_000).toBe(30);
    unwrap(await stack.call('cases.accept', { caseId: c.id }, ids.officer1));
    const after = unwrap(await stack.call('cases.get', { caseId: c.id }, 'o-zhang'));
    if (after.viewer !== 'resident') throw new Error('expected the resident view');
    expect(after.serviceLevel.dueAt).toBeNull();
    expect(after.serviceLevel.acceptedAt).not.toBeNull();
    const { case: normal } = unwrap(await stack.call('cases.create', fireLaneReport({ description: '单元门口常年堆着纸箱' }), 'o-li'));
    expect(normal.serviceLevel.promise).toBe('一般事项 24 小时内受理');
  });
});

describe('我也遇到了 keeps what the joiner wrote', () => {
  it('stores their words and photos as their own contribution, counts both people, hides the anonymous reporter', async () => {
    const { case: original } = unwrap(await stack.call('cases.create', fireLaneReport({ category: 'shaft_clutter', anonymous: true, description: '管道井里堆满了旧家具' }), 'o-zhang'));
    const offered = unwrap(await stack.call('cases.findSimilar', { category: 'shaft_clutter', buildingId: ids.b1 }, 'o-li'));
    // One person already reported it: the offer says so.
    expect(offered.items.find((s) => s.id === original.id)).toMatchObject({ supporterCount: 0, peopleCount: 1 });

    const photo = await upload('shaft.jpg');
    const joined = unwrap(await stack.call('cases.joinSimilar', { caseId: original.id, text: '五楼的管道井也一样，还有煤气罐', photos: [photo] }, 'o-li'));
    expect(joined.case).toMatchObject({ supporterCount: 1, peopleCount: 2, isReporter: false });
    // The joiner sees their own entry, under their own name, with their words, and their photo.
    const mine = joined.case.timeline.find((e) => e.type === 'joined');
    expect(mine).toMatchObject({ actor: { kind: 'resident', name: '李师傅' }, text: '五楼的管道井也一样，还有煤气罐' });
    expect(joined.case.photos).toEqual([expect.objectContaining({ fileId: photo, review: 'pending' })]);

    // The reporter reads the words but not the joiner's name, nor their photo under review.
    const reporterView = unwrap(await stack.call('cases.get', { caseId: original.id }, 'o-zhang'));
    expect(reporterView.timeline.find((e) => e.type === 'joined')).toMatchObject({ actor: { name: '居民' }, text: '五楼的管道井也一样，还有煤气罐' });
    expect(reporterView.photos).toEqual([expect.objectContaining({ fileId: null, review: 'pending' })]);

    // Staff read the contribution; the anonymous reporter stays anonymous.
    const staff = unwrap(await stack.call('cases.get', { caseId: original.id }, ids.officer1));
    if (staff.viewer !== 'staff') throw new Error('expected the staff view');
    expect(staff.reporter).toEqual({ anonymous: true });
    expect(staff.timeline.find((e) => e.type === 'joined')).toMatchObject({ actor: { name: '李师傅' }, text: '五楼的管道井也一样，还有煤气罐' });
    expect(JSON.stringify(staff)).not.toContain('张阿姨');
    expect(staff.photos).toEqual([expect.objectContaining({ fileId: photo })]);

    // The photo was sent for review under the joiner's openid, and an approval shows it to everyone.
    await waitFor(async () => (await caseDoc(original.id)).photos[0]?.review === 'approved', { what: 'the joiner photo approved' });
    const doc = await caseDoc(original.id);
    expect(doc.photos[0]).toMatchObject({ addedBy: 'o-li', review: 'approved' });
    const later = unwrap(await stack.call('cases.get', { caseId: original.id }, 'o-zhang'));
    expect(later.photos).toEqual([expect.objectContaining({ fileId: photo, review: 'approved' })]);
  });

  it('checks the joiner text like any and joins nothing when it is refused', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({ category: 'noise', description: '楼下夜里总有人喧哗' }), 'o-zhang'));
    const r = await stack.call('cases.joinSimilar', { caseId: c.id, text: '他们在楼下聚众赌博' }, 'o-li');
    expect(r).toMatchObject({ ok: false, error: { code: 'CONTENT_RISKY' } });
    expect((await caseDoc(c.id)).supporterCount).toBe(0);
    const mine = unwrap(await stack.call('cases.listMine', {}, 'o-li'));
    expect(mine.items.map((i) => i.id)).not.toContain(c.id);
  });
});

describe('the rate page knows up front', () => {
  it('says why a case cannot be rated: not resolved yet, not mine, already rated; and nothing once it can', async () => {
    const { case: c } = unwrap(await stack.call('cases.create', fireLaneReport({ category: 'ebike_indoor_charging', description: '一楼大厅有人给电动车充电' }), 'o-zhang'));
    expect(c).toMatchObject({ can: { rate: false }, rateRefusal: '民警标记“已解决”后才能评价，届时会通知您' });
    unwrap(await stack.call('cases.joinSimilar', { caseId: c.id }, 'o-li'));
    unwrap(await stack.call('cases.accept', { caseId: c.id }, ids.officer1));
    unwrap(await stack.call('cases.resolve', { caseId: c.id, whatWasDone: '已劝导住户把电动车推到充电棚' }, ids.officer1));
    const ready = unwrap(await stack.call('cases.get', { caseId: c.id }, 'o-zhang'));
    expect(ready).toMatchObject({ can: { rate: true }, rateRefusal: null });
    const joiner = unwrap(await stack.call('cases.get', { caseId: c.id }, 'o-li'));
    expect(joiner).toMatchObject({ can: { rate: false }, rateRefusal: '只有提交这件事的居民可以评价；您可以在案件页关注办理进展' });
    unwrap(await stack.call('cases.rate', { caseId: c.id, satisfaction: 5, safety: 5 }, 'o-zhang'));
    const rated = unwrap(await stack.call('cases.get', { caseId: c.id }, 'o-zhang'));
    expect(rated).toMatchObject({ can: { rate: false }, rateRefusal: '您已经评价过了，感谢您的反馈' });
    // Someone else's case is not theirs to open at all: the page shows this refusal instead of stars.
    const stranger = await stack.call('cases.get', { caseId: c.id }, 'o-xinhe');
    expect(stranger).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能查看自己提交或关注的案件' } });
  });
});
