/**
 * issue 11: the demo station's shared response templates (常用回复) and one of 周建军's own, as an
 * officer's everyday replies read; placeholders are filled on the case page.
 */
import type { ResponseTemplateDoc } from '../../backend/data/responseTemplates';
import { OFFICER_OPENIDS } from './content/places';

const SHARED: [string, string][] = [
  ['已受理，尽快到场', '{居民称呼}您好，您反映的{小区}{楼栋}的问题已收到，我们会尽快到现场查看处理。'],
  ['已联系物业', '{居民称呼}您好，已联系{小区}物业对{楼栋}的问题进行处理，处理完成后会告诉您结果。'],
  ['电动车充电劝导', '已到{楼栋}对楼道内电动车充电进行劝导，车主已将电动车移至集中充电点，请大家注意消防安全。'],
  ['消防通道已清理', '{楼栋}附近的消防通道已清理畅通，我们会加强巡查，感谢您的监督。'],
  ['需要补充信息', '{居民称呼}您好，为了尽快处理，请补充具体位置（单元、楼层）和照片，谢谢配合。'],
];

export function responseTemplateDocs(stationId: string, now: Date): ResponseTemplateDoc[] {
  const at = (i: number) => new Date(now.getTime() - (i + 1) * 86_400_000);
  const shared = SHARED.map(([title, text], i) => ({ _id: `seed-template-${i + 1}`, stationId, owner: 'station', title, text, createdAt: at(30 + i), updatedAt: at(i) }));
  return [
    ...shared,
    {
      _id: 'seed-template-zhou-1', stationId, owner: OFFICER_OPENIDS.zhouJianjun, title: '上门看望老人',
      text: '{居民称呼}您好，我是社区民警老周，今天下午到{楼栋}上门看看老人家的情况，有事随时打我电话。', createdAt: at(10), updatedAt: at(2),
    },
  ];
}
