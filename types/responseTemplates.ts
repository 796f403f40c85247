/**
 * issue 11: response templates (常用回复): the station's shared set (the admin manages it) and each
 * officer's own, used when noting or resolving a case. Placeholders in the text are filled on the
 * case page from the case: {楼栋} {小区} {居民称呼} (types/templateText.ts).
 */
import { z } from './zod';
import { docId, isoDateTime } from './common';
import { textLimits } from './limits';

export const responseTemplateView = z.object({
  id: docId,
  title: z.string(),
  text: z.string(),
  /** The station's shared set, or the caller's own. */
  shared: z.boolean(),
  updatedAt: isoDateTime,
});
export type ResponseTemplateView = z.infer<typeof responseTemplateView>;

export const listTemplatesInput = z.object({}).strict();
export const listTemplatesOutput = z.object({
  station: z.array(responseTemplateView),
  mine: z.array(responseTemplateView),
  /** The admin edits the shared set. */
  canManageStation: z.boolean(),
});

export const saveTemplateInput = z
  .object({
    /** Given: edit that template; absent: a new one. */
    id: docId.optional(),
    title: z.string().trim().min(textLimits.templateTitle.min, { error: '请填写标题' }).max(textLimits.templateTitle.max, { error: `标题最多 ${textLimits.templateTitle.max} 个字` }),
    text: z.string().trim().min(textLimits.note.min, { error: '请填写回复内容' }).max(textLimits.note.max, { error: `回复内容最多 ${textLimits.note.max} 个字` }),
    /** Into the station's shared set (admin only). */
    shared: z.boolean().default(false),
  })
  .strict();
export const saveTemplateOutput = z.object({ template: responseTemplateView });

export const removeTemplateInput = z.object({ id: docId }).strict();
export const removeTemplateOutput = z.object({ removed: z.boolean() });
