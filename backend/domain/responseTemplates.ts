/**
 * issue 11: response templates (常用回复). Officers and the admin read the station's shared set and
 * their own; anyone of them writes their own; only the admin writes the shared set. A template never
 * leaves its station.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { getTemplate, putTemplate, removeTemplate as removeDoc, STATION_OWNER, templatesOf, type ResponseTemplateDoc } from '../data/responseTemplates';
import { AppError } from '../platform/errors';
import { randomId } from '../platform/ids';
import { iso } from '../platform/time';
import { hasRole, type CallContext } from './callContext';
import { ensureSafeText } from './contentSafety';

/** How many templates one owner keeps (a picker, not an archive). */
export const MAX_TEMPLATES = 50;

function stationOf(ctx: CallContext): string {
  const stationId = ctx.user?.stationId;
  if (!stationId) throw new AppError('FORBIDDEN', '您的账号未关联派出所');
  return stationId;
}

function view(t: ResponseTemplateDoc) {
  return { id: t._id, title: t.title, text: t.text, shared: t.owner === STATION_OWNER, updatedAt: iso(t.updatedAt) };
}

/** The owner the caller writes as: the shared set only for the admin. */
function ownerFor(ctx: CallContext, shared: boolean): string {
  if (!shared) return ctx.openid;
  if (!hasRole(ctx, 'admin')) throw new AppError('FORBIDDEN', '只有派出所管理员可以修改全所共用的常用回复');
  return STATION_OWNER;
}

export async function listTemplates(ctx: CallContext): Promise<FnOutput<'cases.templates'>> {
  const stationId = stationOf(ctx);
  const [station, mine] = await Promise.all([templatesOf(stationId, STATION_OWNER, MAX_TEMPLATES), templatesOf(stationId, ctx.openid, MAX_TEMPLATES)]);
  return { station: station.map(view), mine: mine.map(view), canManageStation: hasRole(ctx, 'admin') };
}

export async function saveTemplate(input: FnParsedInput<'cases.saveTemplate'>, ctx: CallContext): Promise<FnOutput<'cases.saveTemplate'>> {
  const stationId = stationOf(ctx);
  const owner = ownerFor(ctx, input.shared);
  // A template's text reaches residents when a note or resolution uses it: checked like what they read.
  await ensureSafeText(ctx.openid, { title: input.title, text: input.text });
  if (input.id) {
    const existing = await getTemplate(input.id);
    if (!existing || existing.stationId !== stationId || existing.owner !== owner) throw new AppError('NOT_FOUND', '这条常用回复不存在或不是您的', 'id');
    const updated = { ...existing, title: input.title, text: input.text, updatedAt: ctx.now };
    await putTemplate(updated);
    return { template: view(updated) };
  }
  const count = (await templatesOf(stationId, owner, MAX_TEMPLATES)).length;
  if (count >= MAX_TEMPLATES) throw new AppError('CONFLICT', `常用回复最多 ${MAX_TEMPLATES} 条，请先删除不用的`);
  const doc: ResponseTemplateDoc = { _id: randomId(), stationId, owner, title: input.title, text: input.text, createdAt: ctx.now, updatedAt: ctx.now };
  await putTemplate(doc);
  return { template: view(doc) };
}

export async function removeTemplate(input: FnParsedInput<'cases.removeTemplate'>, ctx: CallContext): Promise<FnOutput<'cases.removeTemplate'>> {
  const stationId = stationOf(ctx);
  const existing = await getTemplate(input.id);
  if (!existing || existing.stationId !== stationId) return { removed: false };
  // Someone else's own template, or the shared set for a non-admin: refused, never removed.
  ownerFor(ctx, existing.owner === STATION_OWNER);
  if (existing.owner !== STATION_OWNER && existing.owner !== ctx.openid) throw new AppError('FORBIDDEN', '只能删除自己的常用回复');
  return { removed: await removeDoc(existing._id, existing.owner) };
}
