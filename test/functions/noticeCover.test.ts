/**
 * issue 11: a notice's cover goes through the media check as case photos do: `notices` asks
 * `security.mediaCheckAsync`, local cloud pushes the verdict to `cases` (as WeChat's message push
 * does), readers see the cover only once approved; a rejected one stays hidden and the publisher is
 * told. Local cloud's word list decides: a file name with 赌博 is risky.
 */
import type { NoticeDoc } from '../../backend/data/notices';
import { startTestStack, type TestStack } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { arrangeStation, dataOf, ids, joinResident, requestId, unwrap } from './station';
import { upload } from './uploads';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await arrangeStation(stack);
  await joinResident(stack, 'o-zhang', { communityId: ids.c1, buildingId: ids.b1 });
  stack.database(); // points the SDK (used by upload() below) at this stack
}, 120_000);
afterAll(() => stack?.close());

const antiFraud = (coverFileId: string) => ({
  clientRequestId: requestId(), communityId: ids.c1, category: 'anti_fraud' as const, title: '警惕刷单返利骗局', text: '近期有居民接到自称客服的电话，要求刷单返利。凡是让您先垫付的都是骗局，请拨打110。', coverFileId,
});
const noticeDoc = (id: string) => dataOf<NoticeDoc>(stack.database().collection('notices').doc(id).get());
const reviewed = (id: string) =>
  waitFor(async () => {
    const n = await noticeDoc(id);
    return n.coverReview !== 'pending' && n;
  }, { what: `the cover of notice ${id} to be reviewed` });

it('shows an approved cover to readers, and none while it is under review', async () => {
  const cover = await upload('fraud-poster.jpg');
  const published = unwrap(await stack.call('notices.publish', antiFraud(cover), ids.officer1)).notice;
  expect(published).toMatchObject({ coverFileId: cover, coverReview: 'pending' });
  expect(published.coverUrl).not.toBeNull();
  const stored = await noticeDoc(published.id);
  expect(stored.coverCheckTraceId).toEqual(expect.any(String));

  expect((await reviewed(published.id)).coverReview).toBe('approved');
  const read = unwrap(await stack.call('notices.get', { noticeId: published.id }, 'o-zhang'));
  expect(read.coverUrl).toMatch(/^http/);
});

it('hides a rejected cover from readers and tells the publisher; a new cover is checked again', async () => {
  const risky = await upload('赌博.jpg');
  const published = unwrap(await stack.call('notices.publish', antiFraud(risky), ids.officer1)).notice;
  expect(published.coverReview).toBe('pending');
  // Under review: the reader sees no cover yet.
  expect(unwrap(await stack.call('notices.get', { noticeId: published.id }, 'o-zhang')).coverUrl).toBeNull();

  expect((await reviewed(published.id)).coverReview).toBe('rejected');
  expect(unwrap(await stack.call('notices.get', { noticeId: published.id }, 'o-zhang')).coverUrl).toBeNull();
  const managed = unwrap(await stack.call('notices.manage', {}, ids.officer1)).items.find((n) => n.id === published.id);
  expect(managed).toMatchObject({ coverReview: 'rejected' });
  const told = await waitFor(async () => {
    const items = unwrap(await stack.call('notify.myNotifications', {}, ids.officer1)).items;
    return items.find((i) => i.kind === 'photo_rejected' && i.title === '警惕刷单返利骗局');
  }, { what: 'the publisher to be told about the rejected cover' });
  expect(told).toMatchObject({ caseId: null, body: expect.stringContaining('封面图片未通过内容安全审核') });

  // Editing without touching the cover keeps its verdict; a new cover starts a new check.
  const edited = unwrap(await stack.call('notices.edit', { noticeId: published.id, title: '警惕刷单返利骗局（更新）' }, ids.officer1)).notice;
  expect(edited.coverReview).toBe('rejected');
  const clean = await upload('poster-2.jpg');
  const replaced = unwrap(await stack.call('notices.edit', { noticeId: published.id, coverFileId: clean }, ids.officer1)).notice;
  expect(replaced).toMatchObject({ coverFileId: clean, coverReview: 'pending' });
  expect((await reviewed(published.id)).coverReview).toBe('approved');
  expect(unwrap(await stack.call('notices.get', { noticeId: published.id }, 'o-zhang')).coverUrl).toMatch(/^http/);
  // Removing the cover clears its review.
  const removed = unwrap(await stack.call('notices.edit', { noticeId: published.id, coverFileId: null }, ids.officer1)).notice;
  expect(removed).toMatchObject({ coverFileId: null, coverUrl: null, coverReview: null });
});
