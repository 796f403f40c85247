/** Text a resident writes that others will read passes WeChat's msgSecCheck first. */
import { fieldLabel } from '../../types/fieldLabels';
import { AppError } from '../platform/errors';
import { msgSecCheck } from '../platform/openapi';

/** Checks each non-empty field (≤ 3 per call, in parallel); the first risky one is refused by name. */
export async function ensureSafeText(openid: string, fields: Record<string, string | null | undefined>): Promise<void> {
  const entries = Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim().length > 0);
  const verdicts = await Promise.all(entries.map(([, text]) => msgSecCheck(openid, text)));
  const risky = entries.findIndex((_, i) => verdicts[i] === 'risky');
  if (risky >= 0) {
    const [field] = entries[risky]!;
    const label = fieldLabel(field.split('.').pop() ?? field) ?? '内容';
    throw new AppError('CONTENT_RISKY', `${label}中含有不适宜公开的内容，请修改后再提交`, field);
  }
}
