/**
 * Publishing notices (issue 11): an officer to a community of their grids, the station admin to any
 * community of the station or to the whole station. Title and text pass msgSecCheck; the author (or
 * the station's admin) edits and withdraws; the publisher's list shows each notice's unique readers
 * (`readCount`, counted once per person through noticeReads).
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { noticeLimits } from '../../types/limits';
import { gridsOfOfficer } from '../data/grids';
import {
  communityScope, getNotice, insertNotice, pageForPublisher, stationScope, updateNotice, withdrawnScope, type NoticeDoc,
} from '../data/notices';
import { AppError } from '../platform/errors';
import { derivedId } from '../platform/ids';
import { tempFileUrls } from '../platform/openapi';
import { isoOrNull } from '../platform/time';
import { summary } from './bulletins';
import { hasRole, type CallContext } from './callContext';
import { ensureSafeText } from './contentSafety';
import { ensureOwnPhotos } from './photoFiles';
import { coverFields } from './noticeCoverReview';
import { pageWithCursor, parseCursor } from './cursor';
import { organisation, type Organisation } from './organisation';

interface PublishScope {
  communityId: string | null;
  name: string;
}

/** Where the caller may publish: an officer's grids' communities; the admin's station and its communities. */
async function scopesOf(ctx: CallContext, org: Organisation): Promise<{ stationId: string | null; scopes: PublishScope[] }> {
  const user = ctx.user!;
  const scopes: PublishScope[] = [];
  let stationId: string | null = null;
  if (hasRole(ctx, 'admin') && user.stationId) {
    stationId = user.stationId;
    scopes.push({ communityId: null, name: `${org.station(user.stationId)?.name ?? '派出所'}（全所）` });
    for (const c of org.communities) if (c.stationId === user.stationId) scopes.push({ communityId: c._id, name: c.name });
  } else if (hasRole(ctx, 'officer')) {
    const communityIds = [...new Set((await gridsOfOfficer(ctx.openid)).map((g) => g.communityId))];
    for (const id of communityIds) {
      const c = org.community(id);
      if (c) {
        stationId ??= c.stationId;
        scopes.push({ communityId: c._id, name: c.name });
      }
    }
  }
  return { stationId, scopes };
}

function mayEdit(ctx: CallContext, n: NoticeDoc): boolean {
  if (n.authorId === ctx.openid) return true;
  return hasRole(ctx, 'admin') && ctx.user!.stationId === n.stationId;
}

function scopeName(n: NoticeDoc, org: Organisation): string {
  if (n.communityId) return org.community(n.communityId)?.name ?? '';
  return `${org.station(n.stationId)?.name ?? '派出所'}（全所）`;
}

async function managedViews(ns: NoticeDoc[], ctx: CallContext, org: Organisation) {
  const urls = await tempFileUrls(ns.flatMap((n) => (n.coverFileId ? [n.coverFileId] : [])));
  return ns.map((n) => ({
    ...summary(n),
    body: n.body,
    status: n.withdrawnAt ? ('withdrawn' as const) : ('published' as const),
    scopeName: scopeName(n, org),
    authorName: n.authorName ?? '派出所',
    coverFileId: n.coverFileId ?? null,
    // The publisher sees the cover under review too (as a reporter sees their own pending photo).
    coverUrl: n.coverFileId ? urls.get(n.coverFileId) ?? null : null,
    coverReview: n.coverFileId ? n.coverReview ?? 'approved' : null,
    editedAt: isoOrNull(n.editedAt),
    canEdit: mayEdit(ctx, n),
  }));
}

const summaryOf = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, noticeLimits.summary);

export async function publish(input: FnParsedInput<'notices.publish'>, ctx: CallContext): Promise<FnOutput<'notices.publish'>> {
  ensureOwnPhotos([input.coverFileId], 'coverFileId');
  const org = await organisation(ctx.now);
  const { stationId, scopes } = await scopesOf(ctx, org);
  const target = scopes.find((s) => s.communityId === (input.communityId ?? null));
  if (!stationId || !target) {
    throw new AppError('FORBIDDEN', input.communityId ? '只能向自己负责的社区发布公告' : '只有派出所管理员可以向全所发布公告', 'communityId');
  }
  const id = derivedId('notice', ctx.openid, input.clientRequestId);
  const existing = await getNotice(id);
  if (existing) return { notice: (await managedViews([existing], ctx, org))[0]! };
  await ensureSafeText(ctx.openid, { title: input.title, text: input.text });
  const cover = await coverFields(id, ctx.openid, input.coverFileId ?? null, null, ctx.now);
  const user = ctx.user!;
  const doc: NoticeDoc = {
    _id: id,
    stationId,
    communityId: target.communityId,
    scope: target.communityId ? communityScope(target.communityId) : stationScope(stationId),
    category: input.category,
    title: input.title,
    summary: summaryOf(input.text),
    body: input.text,
    publishedAt: ctx.now,
    readCount: 0,
    createdAt: ctx.now,
    authorId: ctx.openid,
    authorName: user.staff?.name ?? user.name ?? '派出所',
    ...cover,
    editedAt: null,
    withdrawnAt: null,
  };
  // A concurrent retry of the same request inserted it first: answer that one.
  const notice = (await insertNotice(doc)) ? doc : (await getNotice(id))!;
  return { notice: (await managedViews([notice], ctx, org))[0]! };
}

async function loadEditable(ctx: CallContext, noticeId: string): Promise<NoticeDoc> {
  const n = await getNotice(noticeId);
  // Another publisher's notice is not there as far as this caller is concerned.
  if (!n || !mayEdit(ctx, n)) throw new AppError('NOT_FOUND', '公告不存在或您无权修改', 'noticeId');
  return n;
}

export async function edit(input: FnParsedInput<'notices.edit'>, ctx: CallContext): Promise<FnOutput<'notices.edit'>> {
  ensureOwnPhotos([input.coverFileId], 'coverFileId');
  const n = await loadEditable(ctx, input.noticeId);
  if (n.withdrawnAt) throw new AppError('CONFLICT', '公告已撤回，不能再修改');
  await ensureSafeText(ctx.openid, { title: input.title, text: input.text });
  const patch: Partial<NoticeDoc> = {
    ...(input.category ? { category: input.category } : {}),
    ...(input.title ? { title: input.title } : {}),
    ...(input.text ? { body: input.text, summary: summaryOf(input.text) } : {}),
    ...(input.coverFileId !== undefined ? await coverFields(n._id, ctx.openid, input.coverFileId, n, ctx.now) : {}),
    editedAt: ctx.now,
  };
  await updateNotice(n._id, patch);
  return { notice: (await managedViews([{ ...n, ...patch }], ctx, await organisation(ctx.now)))[0]! };
}

/** Withdrawing moves the notice out of its scope's stream (readers no longer find it); the count stays. */
export async function withdraw(input: FnParsedInput<'notices.withdraw'>, ctx: CallContext): Promise<FnOutput<'notices.withdraw'>> {
  const n = await loadEditable(ctx, input.noticeId);
  const patch = n.withdrawnAt ? {} : { withdrawnAt: ctx.now, scope: withdrawnScope(n.scope) };
  if (!n.withdrawnAt) await updateNotice(n._id, patch);
  return { notice: (await managedViews([{ ...n, ...patch }], ctx, await organisation(ctx.now)))[0]! };
}

/** The publisher's list: an officer's own notices, the admin's whole station's; newest first, with read counts. */
export async function manage(input: FnParsedInput<'notices.manage'>, ctx: CallContext): Promise<FnOutput<'notices.manage'>> {
  const org = await organisation(ctx.now);
  const { stationId, scopes } = await scopesOf(ctx, org);
  const by = hasRole(ctx, 'admin') && stationId ? { stationId } : { authorId: ctx.openid };
  const rows = await pageForPublisher(by, { after: parseCursor(input.cursor), limit: input.pageSize + 1 });
  const { page, nextCursor } = pageWithCursor(rows, input.pageSize, (n) => ({ at: n.publishedAt, id: n._id }));
  return { items: await managedViews(page, ctx, org), nextCursor, scopes };
}
