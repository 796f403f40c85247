/** `notices`: the latest notices for my community (station-wide ones included). */
import { getCommunity } from '../data/communities';
import { communityScope, getNotice, incrementReadCount, latestInScope, stationScope, type NoticeDoc } from '../data/notices';
import { recordRead } from '../data/noticeReads';
import type { FunctionHandlers } from '../request/defineFunction';
import { AppError } from '../platform/errors';
import { iso } from '../platform/time';

function summary(n: NoticeDoc) {
  return { id: n._id, category: n.category, title: n.title, summary: n.summary, publishedAt: iso(n.publishedAt), readCount: n.readCount };
}

export const noticesHandlers: FunctionHandlers<'notices'> = {
  latest: {
    // Staff who do not live in a community still see the station's notices on their home page.
    auth: 'registered',
    handle: async (input, ctx) => {
      const user = ctx.user!;
      const community = user.communityId ? await getCommunity(user.communityId) : null;
      const stationId = community?.stationId ?? user.stationId;
      const [local, station] = await Promise.all([
        community ? latestInScope(communityScope(community._id), ctx.now, input.limit) : Promise.resolve([] as NoticeDoc[]),
        stationId ? latestInScope(stationScope(stationId), ctx.now, input.limit) : Promise.resolve([] as NoticeDoc[]),
      ]);
      const items = [...local, ...station].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime()).slice(0, input.limit);
      return { items: items.map(summary) };
    },
  },

  get: {
    auth: 'registered',
    handle: async (input, ctx) => {
      const n = await getNotice(input.noticeId);
      const user = ctx.user!;
      const mine = n && (n.communityId === null ? n.stationId === (user.stationId ?? '') : n.communityId === user.communityId);
      if (!n || !mine || n.publishedAt.getTime() > ctx.now.getTime()) throw new AppError('NOT_FOUND', '公告不存在或已下线', 'noticeId');
      const first = await recordRead(n._id, ctx.openid, ctx.now);
      if (first) await incrementReadCount(n._id);
      const community = n.communityId ? await getCommunity(n.communityId) : null;
      return { ...summary(n), readCount: n.readCount + (first ? 1 : 0), body: n.body, communityName: community?.name ?? null };
    },
  },
};
