import { communityScope, putNotice, stationScope, type NoticeDoc } from '../../backend/data/notices';
import { startTestStack, type TestStack } from '../support/stack';
import { arrangeStation, ids, joinResident, unwrap } from './station';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1 });
  await joinResident(stack, 'o-chen', { communityId: ids.c2, buildingId: ids.b3 });
  const day = 24 * 3600_000;
  const now = Date.now();
  const notice = (id: string, communityId: string | null, title: string, daysAgo: number): NoticeDoc => ({
    _id: id, stationId: ids.station, communityId, scope: communityId ? communityScope(communityId) : stationScope(ids.station),
    category: 'anti_fraud', title, summary: `${title}摘要`, body: `${title}正文`, publishedAt: new Date(now - daysAgo * day), readCount: 0, createdAt: new Date(now),
  });
  await putNotice(notice('n-station', null, '警惕冒充客服退款诈骗', 1));
  await putNotice(notice('n-menghe', ids.c1, '夢和园文明养犬倡议', 0.5));
  await putNotice(notice('n-xinhe', ids.c2, '欣和园消防演练通知', 0.2));
  await putNotice(notice('n-future', ids.c1, '尚未发布', -2));
}, 120_000);
afterAll(() => stack?.close());

it('shows my community\'s and the station\'s notices, newest first, and nothing of other communities', async () => {
  const { items } = unwrap(await stack.call('notices.latest', {}, 'o-zhang'));
  expect(items.map((n) => n.id)).toEqual(['n-menghe', 'n-station']);
  const other = unwrap(await stack.call('notices.latest', { limit: 1 }, 'o-chen'));
  expect(other.items.map((n) => n.id)).toEqual(['n-xinhe']);
});

it('counts a reader once', async () => {
  const first = unwrap(await stack.call('notices.get', { noticeId: 'n-menghe' }, 'o-zhang'));
  expect(first).toMatchObject({ title: '夢和园文明养犬倡议', body: '夢和园文明养犬倡议正文', communityName: '夢和园', readCount: 1 });
  const again = unwrap(await stack.call('notices.get', { noticeId: 'n-menghe' }, 'o-zhang'));
  expect(again.readCount).toBe(1);
});

it('does not open another community\'s notice', async () => {
  const r = await stack.call('notices.get', { noticeId: 'n-menghe' }, 'o-chen');
  expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

it('shows staff without a community the station\'s notices', async () => {
  const { items } = unwrap(await stack.call('notices.latest', {}, ids.officer1));
  expect(items.map((n) => n.id)).toEqual(['n-station']);
});

it('refuses bad input in Chinese, naming the field', async () => {
  const r = await stack.call('notices.latest', { limit: 50 }, 'o-zhang');
  expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '条数不能大于 20', field: 'limit' } });
  const g = await stack.call('notices.get', { noticeId: '' }, 'o-zhang');
  expect(g).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'noticeId', message: '请填写公告编号' } });
});

// issue 11: publishing, the full list and read counts for the publisher.
describe('publishing', () => {
  let noticeId: string;
  const antiFraud = (clientRequestId: string, communityId?: string) => ({
    clientRequestId, ...(communityId ? { communityId } : {}), category: 'anti_fraud' as const, title: '警惕“刷单返利”骗局', text: '近期有居民接到自称客服的电话，要求刷单返利。凡是让您先垫付的都是骗局，请拨打110。',
  });

  it('lets the grid\'s officer publish to his community; a retry publishes once', async () => {
    const first = unwrap(await stack.call('notices.publish', antiFraud('pub-menghe-0001', ids.c1), ids.officer1));
    noticeId = first.notice.id;
    expect(first.notice).toMatchObject({ title: '警惕“刷单返利”骗局', status: 'published', scopeName: '夢和园', authorName: '周建军', readCount: 0, canEdit: true });
    expect(unwrap(await stack.call('notices.publish', antiFraud('pub-menghe-0001', ids.c1), ids.officer1)).notice.id).toBe(noticeId);
    const mine = unwrap(await stack.call('notices.manage', {}, ids.officer1));
    expect(mine.items.map((n) => n.id)).toEqual([noticeId]);
    expect(mine.scopes).toEqual([{ communityId: ids.c1, name: '夢和园' }]);
  });

  it('shows it in the residents\' full list, filtered by category, and counts unique readers for the publisher', async () => {
    const all = unwrap(await stack.call('notices.list', { pageSize: 2 }, 'o-zhang'));
    expect(all.items.map((n) => n.id)).toEqual([noticeId, 'n-menghe']);
    const next = unwrap(await stack.call('notices.list', { pageSize: 2, cursor: all.nextCursor! }, 'o-zhang'));
    expect(next).toEqual({ items: [expect.objectContaining({ id: 'n-station' })], nextCursor: null });
    expect(unwrap(await stack.call('notices.list', { category: 'fire_safety' }, 'o-zhang')).items).toEqual([]);
    const fraud = unwrap(await stack.call('notices.list', { category: 'anti_fraud' }, 'o-zhang'));
    expect(fraud.items.map((n) => n.id)).toEqual([noticeId, 'n-menghe', 'n-station']);
    expect(unwrap(await stack.call('notices.list', {}, 'o-chen')).items.map((n) => n.id)).not.toContain(noticeId);

    unwrap(await stack.call('notices.get', { noticeId }, 'o-zhang'));
    unwrap(await stack.call('notices.get', { noticeId }, 'o-zhang'));
    expect(unwrap(await stack.call('notices.manage', {}, ids.officer1)).items[0]).toMatchObject({ id: noticeId, readCount: 1 });
  });

  it('edits and withdraws only for the author or the station admin; a withdrawn notice is gone for readers', async () => {
    expect(await stack.call('notices.edit', { noticeId, title: '改标题' }, ids.officer2)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await stack.call('notices.withdraw', { noticeId }, ids.officer2)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const edited = unwrap(await stack.call('notices.edit', { noticeId, title: '警惕刷单返利骗局（更新）', category: 'anti_fraud' }, ids.officer1));
    expect(edited.notice).toMatchObject({ title: '警惕刷单返利骗局（更新）', readCount: 1 });
    expect(edited.notice.editedAt).not.toBeNull();
    const withdrawn = unwrap(await stack.call('notices.withdraw', { noticeId }, ids.admin));
    expect(withdrawn.notice).toMatchObject({ status: 'withdrawn', readCount: 1 });
    expect(unwrap(await stack.call('notices.list', {}, 'o-zhang')).items.map((n) => n.id)).not.toContain(noticeId);
    expect(await stack.call('notices.get', { noticeId }, 'o-zhang')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await stack.call('notices.edit', { noticeId, title: '再改一次' }, ids.officer1)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses another community, the station for an officer, and every role but officers and the admin', async () => {
    expect(await stack.call('notices.publish', antiFraud('pub-xinhe-0001', ids.c2), ids.officer1)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能向自己负责的社区发布公告' } });
    expect(await stack.call('notices.publish', antiFraud('pub-station-001'), ids.officer1)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只有派出所管理员可以向全所发布公告' } });
    for (const who of ['o-zhang', 'o-nobody-notices']) {
      expect(await stack.call('notices.publish', antiFraud('pub-resident-01', ids.c1), who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await stack.call('notices.manage', {}, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const station = unwrap(await stack.call('notices.publish', antiFraud('pub-station-002'), ids.admin));
    expect(station.notice).toMatchObject({ scopeName: '和苑派出所（全所）' });
    expect(unwrap(await stack.call('notices.list', {}, 'o-chen')).items[0]!.id).toBe(station.notice.id);
  });

  it('refuses text that fails the content check, naming the field', async () => {
    const r = await stack.call('notices.publish', { ...antiFraud('pub-risky-0001', ids.c1), text: '小区里有人组织赌博，欢迎参加' }, ids.officer1);
    expect(r).toEqual({ ok: false, error: { code: 'CONTENT_RISKY', message: '内容中含有不适宜公开的内容，请修改后再提交', field: 'text' } });
  });
});
