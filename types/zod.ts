/**
 * The one place zod is configured. Every schema module imports `z` from here (never from 'zod'
 * directly), so the mini-program and the cloud functions always validate with the same Chinese wording.
 *
 * zod's zh-CN locale is the fallback; our own error map comes first because the locale's messages do
 * not name the field and read like developer output ("数值过小：期望 string >=2 字符").
 */
import { z } from 'zod';
import { fieldLabel } from './fieldLabels';

type RawIssue = z.core.$ZodRawIssue;

/** The Chinese name of the field an issue is about, taken from the last named path segment. */
export function issueFieldLabel(path: ReadonlyArray<PropertyKey> | undefined): string {
  const keys = (path ?? []).filter((k): k is string => typeof k === 'string');
  const last = keys[keys.length - 1];
  if (last === undefined) return '提交的内容';
  return fieldLabel(last) ?? `字段“${keys.join('.')}”`;
}

function sizeMessage(issue: RawIssue, label: string): string | undefined {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return undefined;
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'string':
      if (small && (bound <= 1 || issue.input === '')) return `请填写${label}`;
      return small ? `${label}至少需要 ${bound} 个字` : `${label}不能超过 ${bound} 个字`;
    case 'array':
    case 'set':
      if (small && bound <= 1) return `请至少选择一项${label}`;
      return small ? `${label}至少需要 ${bound} 项` : `${label}最多 ${bound} 项`;
    case 'number':
    case 'int':
    case 'bigint':
      return small ? `${label}不能小于 ${bound}` : `${label}不能大于 ${bound}`;
    default:
      return small ? `${label}太短` : `${label}太长`;
  }
}

/** Our wording first; `undefined` lets zod fall back to its zh-CN locale. */
export function chineseErrorMap(issue: RawIssue): string | undefined {
  const label = issueFieldLabel(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return `请填写${label}`;
      return `${label}格式不正确`;
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue, label);
    case 'invalid_value':
      return `${label}不是有效的选项`;
    case 'invalid_format':
      if (issue.format === 'datetime' || issue.format === 'date') return `${label}不是有效的时间`;
      return `${label}格式不正确`;
    case 'invalid_union':
      // A discriminated union whose tag matched nothing: the tag itself is the wrong choice.
      if ('discriminator' in issue && issue.discriminator !== undefined) return `${label}不是有效的选项`;
      return `${label}格式不正确`;
    case 'unrecognized_keys':
      return `${label}包含无法识别的字段：${issue.keys.join('、')}`;
    case 'not_multiple_of':
      return `${label}的数值不正确`;
    default:
      return undefined;
  }
}

z.config(z.locales.zhCN());
z.config({ customError: (issue) => chineseErrorMap(issue) });

export { z };
