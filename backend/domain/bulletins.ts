/** Bulletins (公告): the latest for my community and my station, and reading one (counted once per person). */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { communityScope, getNotice, incrementReadCount, latestInScope, pageInScope, stationScope, type NoticeDoc } from '../data/notices';
import { recordRead } from '../data/noticeReads';
import { AppError } from '../platform/errors';
import { tempFileUrls } from '../platform/openapi';
import { iso } from '../platform/time';
import type { CallContext } from './callContext';
import { organisation } from './organisation';
import { coverVisibleToReaders } from './noticeCoverReview';
import { pageWithCursor, parseCursor } from './cursor';

export function summary(n: NoticeDoc) {
  return { id: n._id, category: n.category, title: n.title, summary: n.summary, publishedAt: iso(n.publishedAt), readCount: n.readCount };
}

/** Staff who do not live in a community still see the station's notices on their home page. */
export async function latest(input: FnParsedInput<'notices.latest'>, ctx: CallContext): Promise<FnOutput<'notices.latest'>> {
  const user = ctx.user!;
  const community = (await organisation(ctx.now)).community(user.communityId);
  const stationId = community?.stationId ?? user.stationId;
  const [local, station] = await Promise.all([
    community ? latestInScope(communityScope(community._id), ctx.now, input.limit) : Promise.resolve([] as NoticeDoc[]),
    stationId ? latestInScope(stationScope(stationId), ctx.now, input.limit) : Promise.resolve([] as NoticeDoc[]),
  ]);
  const items = [...local, ...station].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime()).slice(0, input.limit);
  return { items: items.map(summary) };
}

export async function read(input: FnParsedInput<'notices.get'>, ctx: CallContext): Promise<FnOutput<'notices.get'>> {
  const n = await getNotice(input.noticeId);
  const user = ctx.user!;
  const mine = n && (n.communityId === null ? n.stationId === (user.stationId ?? '') : n.communityId === user.communityId);
  if (!n || !mine || n.withdrawnAt || n.publishedAt.getTime() > ctx.now.getTime()) throw new AppError('NOT_FOUND', '公告不存在或已下线', 'noticeId');
  const first = await recordRead(n._id, ctx.openid, ctx.now);
  if (first) await incrementReadCount(n._id);
  // issue 11: a cover under review or rejected is not shown to readers.
  const cover = coverVisibleToReaders(n) ? n.coverFileId! : null;
  const [org, covers] = await Promise.all([organisation(ctx.now), tempFileUrls(cover ? [cover] : [])]);
  const community = org.community(n.communityId);
  const coverUrl = cover ? covers.get(cover) ?? null : null;
  return { ...summary(n), readCount: n.readCount + (first ? 1 : 0), body: n.body, communityName: community?.name ?? null, coverUrl };
}

/** The full list for residents (issue 11): my community's and the station's notices, newest first, one category or all. */
export async function list(input: FnParsedInput<'notices.list'>, ctx: CallContext): Promise<FnOutput<'notices.list'>> {
  const user = ctx.user!;
  const community = (await organisation(ctx.now)).community(user.communityId);
  const stationId = community?.stationId ?? user.stationId;
  const after = parseCursor(input.cursor);
  const q = { now: ctx.now, category: input.category, after, limit: input.pageSize + 1 };
  const [local, station] = await Promise.all([
    community ? pageInScope(communityScope(community._id), q) : Promise.resolve([] as NoticeDoc[]),
    stationId ? pageInScope(stationScope(stationId), q) : Promise.resolve([] as NoticeDoc[]),
  ]);
  const merged = [...local, ...station].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a._id < b._id ? 1 : -1));
  const { page, nextCursor } = pageWithCursor(merged, input.pageSize, (n) => ({ at: n.publishedAt, id: n._id }));
  return { items: page.map(summary), nextCursor };
}
