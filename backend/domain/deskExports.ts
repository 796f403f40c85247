/**
 * The desk's CSV exports: cases in a period and the mediation register (调解台账); visits
 * (domain/deskVisitExport.ts) and survey answers (domain/deskSurveyExport.ts). A part holds at
 * most EXPORT_PART_ROWS rows read in keyset pages; a longer export answers `nextCursor` and the page
 * asks for the next part (showing progress), each part a complete file with its header.
 *
 * Personal data: an anonymous reporter is never named (匿名, no phone); phone numbers are masked
 * (138****5678) unless the station admin asks for full numbers, which the audit entry then says.
 */
import {
  caseKindLabels, caseStatusLabels, helpTypeLabels, mediationOutcomeLabels, mediationTierLabels, mediationTypeLabels, reportCategoryLabels,
  type HelpType, type MediationType, type ReportCategory,
} from '../../types/enums';
import type { FnOutput, FnParsedInput } from '../../types/registry';
import { deskCasePage, type CaseDoc } from '../data/cases';
import { gridsOfStation } from '../data/grids';
import { toCsv, type CsvColumn } from '../platform/csv';
import { AppError } from '../platform/errors';
import { chinaTime, inChina } from '../platform/time';
import { hasRole, type CallContext } from './callContext';
import { encodeCursor, parseCursor } from './cursor';
import { monthsOfPeriod } from './dashboardSections';
import { resolveDeskScope } from './deskScope';
import { surveyAnswerExportPart } from './deskSurveyExport';
import { visitExportPart, type ExportPart } from './deskVisitExport';
import { writeExport } from './exportFile';
import { facts, maskPhone } from './mediationFacts';
import { organisation } from './organisation';

/** Rows per part (and per call); two keyset pages of 500. */
export const EXPORT_PART_ROWS = 1000;
const PAGE_ROWS = 500;

const time = (d: Date | null | undefined) => (d ? chinaTime(d) : '');
const date = (d: Date | null | undefined) => (d ? inChina(d).format('YYYY-MM-DD') : '');

function categoryLabel(c: CaseDoc): string {
  if (c.kind === 'report') return c.category ? reportCategoryLabels[c.category as ReportCategory] ?? c.category : '';
  if (c.kind === 'help') return c.help ? helpTypeLabels[c.help.helpType as HelpType] ?? c.help.helpType : '';
  return c.mediation ? mediationTypeLabels[c.mediation.mediationType as MediationType] ?? c.mediation.mediationType : '';
}

function caseColumns(phone: (p: string | null) => string): CsvColumn<CaseDoc>[] {
  return [
    { header: '案件编号', value: (c) => c._id },
    { header: '类型', value: (c) => caseKindLabels[c.kind] },
    { header: '类别', value: categoryLabel },
    { header: '状态', value: (c) => caseStatusLabels[c.status] },
    { header: '紧急', value: (c) => (c.urgent ? '是' : '否') },
    { header: '社区', value: (c) => c.communityName },
    { header: '网格', value: (c) => c.gridName },
    { header: '楼栋', value: (c) => c.buildingName },
    { header: '单元', value: (c) => c.unit },
    { header: '标题', value: (c) => c.title },
    { header: '提交时间', value: (c) => time(c.createdAt) },
    { header: '受理时间', value: (c) => time(c.acceptedAt) },
    { header: '办结时间', value: (c) => time(c.resolvedAt) },
    { header: '处理人', value: (c) => c.assigneeName },
    { header: '报告人', value: (c) => (c.anonymous ? '匿名' : c.reporterName ?? '') },
    // An anonymous reporter's number never leaves, not even to the admin.
    { header: '联系电话', value: (c) => (c.anonymous ? '' : phone(c.reporterPhone)) },
    { header: '满意度', value: (c) => c.rating?.satisfaction ?? '' },
    { header: '安全感', value: (c) => c.rating?.safety ?? '' },
  ];
}

function mediationColumns(phone: (p: string | null) => string): CsvColumn<CaseDoc>[] {
  const m = (c: CaseDoc) => facts(c.mediation!);
  const days = (c: CaseDoc) => (c.mediationClosedAt ? Math.round(((c.mediationClosedAt.getTime() - c.createdAt.getTime()) / 86_400_000) * 10) / 10 : '');
  return [
    { header: '案件编号', value: (c) => c._id },
    { header: '受理日期', value: (c) => date(c.createdAt) },
    { header: '社区', value: (c) => c.communityName },
    { header: '网格', value: (c) => c.gridName },
    { header: '纠纷类型', value: (c) => mediationTypeLabels[m(c).mediationType] ?? m(c).mediationType },
    { header: '纠纷简要情况', value: (c) => c.title },
    { header: '当事人', value: (c) => m(c).parties.map((p) => `${p.name}（${p.relation}）`).join('；') },
    { header: '当事人电话', value: (c) => m(c).parties.map((p) => phone(p.phone)).filter(Boolean).join('；') },
    { header: '调解层级', value: (c) => mediationTierLabels[m(c).tier] },
    { header: '调解员', value: (c) => m(c).mediators.map((x) => x.name).join('、') },
    { header: '调解次数', value: (c) => m(c).sessions.filter((s) => s.status === 'held').length },
    { header: '调解结果', value: (c) => (m(c).outcome ? mediationOutcomeLabels[m(c).outcome!] : '调解中') },
    { header: '协议内容', value: (c) => m(c).agreement },
    { header: '移交单位', value: (c) => m(c).referredTo ?? m(c).referral?.body ?? '' },
    { header: '办结日期', value: (c) => date(c.mediationClosedAt) },
    { header: '用时（天）', value: days },
    { header: '期限', value: (c) => date(m(c).deadlineAt) },
    { header: '回访', value: (c) => (m(c).followUp ? (m(c).followUp!.honoured ? '协议已履行' : '协议未履行') : '') },
  ];
}

export async function exportCsv(input: FnParsedInput<'station.export'>, ctx: CallContext): Promise<FnOutput<'station.export'>> {
  if (input.kind === 'visits' || input.kind === 'survey_answers') return fieldWorkExport(input, ctx);
  if (input.fullPhones && !hasRole(ctx, 'admin')) throw new AppError('FORBIDDEN', '只有派出所管理员可以导出完整电话号码');
  const org = await organisation(ctx.now);
  const { scope, label } = await resolveDeskScope(ctx, org, input);
  const from = new Date(input.from);
  const to = new Date(input.to);
  const kind = input.kind === 'mediations' ? 'mediation' : null;
  let after = parseCursor(input.cursor);
  const rows: CaseDoc[] = [];
  let more = false;
  for (;;) {
    // One row past what is wanted tells whether more follow.
    const want = Math.min(PAGE_ROWS, EXPORT_PART_ROWS - rows.length);
    const page = await deskCasePage(scope, from, to, kind, { after, limit: want + 1 });
    const taken = page.slice(0, want);
    rows.push(...taken);
    more = page.length > want;
    const end = taken[taken.length - 1];
    if (!more || !end || rows.length >= EXPORT_PART_ROWS) break;
    after = { at: end.createdAt, id: end._id };
  }
  const last = rows[rows.length - 1];
  const nextCursor = more && last ? encodeCursor(last.createdAt, last._id) : null;
  const phone = (p: string | null) => (input.fullPhones ? p ?? '' : maskPhone(p) ?? '');
  const columns = input.kind === 'mediations' ? mediationColumns(phone) : caseColumns(phone);
  const title = input.kind === 'mediations' ? '调解台账' : '案件明细';
  const period = `${date(from)}至${date(new Date(to.getTime() - 1))}`;
  const partSuffix = input.part > 1 || nextCursor ? `_第${input.part}部分` : '';
  const fileName = `${title}_${period}${partSuffix}.csv`;
  const detail = `导出${title}（${label}，${period}${partSuffix ? `，第${input.part}部分` : ''}），共 ${rows.length} 行；电话${input.fullPhones ? '完整' : '已隐藏中间四位'}`;
  const file = await writeExport({ kind: input.kind, fileName, csv: toCsv(columns, rows), actor: ctx, detail });
  return { ...file, fileName, rows: rows.length, part: input.part, nextCursor };
}

/** Visits and survey answers: no phone numbers in either; the same file naming, parts and audit entry. */
async function fieldWorkExport(input: FnParsedInput<'station.export'>, ctx: CallContext): Promise<FnOutput<'station.export'>> {
  const org = await organisation(ctx.now);
  const { scope, places, label } = await resolveDeskScope(ctx, org, input);
  const from = new Date(input.from);
  const to = new Date(input.to);
  const period = `${date(from)}至${date(new Date(to.getTime() - 1))}`;
  let title: string;
  let part: ExportPart;
  let counted: string;
  if (input.kind === 'visits') {
    const grids = new Map((await gridsOfStation(scope.stationId)).map((g) => [g._id, g.name]));
    part = await visitExportPart(scope.stationId, places, from, to, input.cursor, org, (id) => grids.get(id) ?? '');
    title = '走访记录';
    counted = `共 ${part.rows} 行`;
  } else {
    const answered = await surveyAnswerExportPart(scope.stationId, places, monthsOfPeriod(from, to), input.cursor, org);
    part = answered;
    title = '问卷答卷';
    counted = `${answered.answers} 份答卷，共 ${part.rows} 行；不含微信标识和姓名`;
  }
  const partSuffix = input.part > 1 || part.nextCursor ? `_第${input.part}部分` : '';
  const fileName = `${title}_${period}${partSuffix}.csv`;
  const detail = `导出${title}（${label}，${period}${partSuffix ? `，第${input.part}部分` : ''}），${counted}`;
  const file = await writeExport({ kind: input.kind, fileName, csv: part.csv, actor: ctx, detail });
  return { ...file, fileName, rows: part.rows, part: input.part, nextCursor: part.nextCursor };
}
