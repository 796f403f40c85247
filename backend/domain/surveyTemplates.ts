/**
 * Survey templates (issue 10): the station admin keeps them; the active one is what the monthly
 * timer copies into each community's survey. A station without any uses the built-in default.
 */
import type { FnOutput, FnParsedInput } from '../../types/registry';
import type { SurveyQuestion, SurveyTemplate } from '../../types/survey';
import { deactivateOthers, getTemplate, putTemplate, templatesOfStation, type SurveyTemplateDoc } from '../data/surveyTemplates';
import { AppError } from '../platform/errors';
import { randomId } from '../platform/ids';
import { iso } from '../platform/time';
import type { CallContext } from './callContext';

/** The built-in questions: the station's two numbers (满意度, 安全感) and what residents worry about. */
export const DEFAULT_QUESTIONS: SurveyQuestion[] = [
  { id: 'satisfaction', type: 'rating', title: '您对本月社区民警和派出所工作的满意程度', required: true, topic: 'satisfaction' },
  { id: 'safety', type: 'rating', title: '您在小区里生活的安全感', required: true, topic: 'safety' },
  {
    id: 'concerns', type: 'multiple', title: '您最关心的治安问题（可多选）', required: false,
    options: ['电动车进楼充电', '电信网络诈骗', '高空抛物', '噪音扰民', '停车秩序', '邻里纠纷'],
  },
  { id: 'patrol', type: 'single', title: '本月您是否见到社区民警走访或巡逻', required: true, options: ['见到过', '没见到', '不清楚'] },
  { id: 'suggestion', type: 'text', title: '您对社区治安还有什么意见和建议', required: false },
];

export const DEFAULT_TEMPLATE_NAME = '月度群众意见征询';

export const templateIdOf = (stationId: string) => `tpl-${stationId}-default`;

export function defaultTemplate(stationId: string, now: Date): SurveyTemplateDoc {
  return { _id: templateIdOf(stationId), stationId, name: DEFAULT_TEMPLATE_NAME, active: true, questions: DEFAULT_QUESTIONS, createdAt: now, updatedAt: now };
}

const view = (t: SurveyTemplateDoc): SurveyTemplate => ({ id: t._id, name: t.name, active: t.active, questions: t.questions, updatedAt: iso(t.updatedAt) });

function stationOf(ctx: CallContext): string {
  const stationId = ctx.user?.stationId;
  if (!stationId) throw new AppError('FORBIDDEN', '您的账号未关联派出所');
  return stationId;
}

export async function listTemplates(_input: FnParsedInput<'surveys.listTemplates'>, ctx: CallContext): Promise<FnOutput<'surveys.listTemplates'>> {
  const stationId = stationOf(ctx);
  const rows = await templatesOfStation(stationId);
  // Until the admin saves one, the built-in template is what the timer uses: show it.
  return { items: (rows.length > 0 ? rows : [defaultTemplate(stationId, ctx.now)]).map(view) };
}

export async function saveTemplate(input: FnParsedInput<'surveys.saveTemplate'>, ctx: CallContext): Promise<FnOutput<'surveys.saveTemplate'>> {
  const stationId = stationOf(ctx);
  const existing = input.templateId ? await getTemplate(input.templateId) : null;
  if (input.templateId && existing && existing.stationId !== stationId) throw new AppError('FORBIDDEN', '只能修改本所的问卷模板');
  const doc: SurveyTemplateDoc = {
    _id: existing?._id ?? input.templateId ?? `tpl-${randomId().slice(0, 16)}`,
    stationId,
    name: input.templateName,
    active: input.active,
    questions: input.questions,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  };
  await putTemplate(doc);
  if (doc.active) await deactivateOthers(stationId, doc._id);
  return view(doc);
}
