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
