import { WxErr } from './wx-answer';

/**
 * Value rules of subscribe-message template keywords, from WeChat's subscribeMessage.send
 * documentation. The keyword type is the key without its trailing number (`thing1` → `thing`).
 * Lengths count characters (a Chinese character is one), as WeChat does.
 */
interface KeywordRule {
  max: number;
  pattern?: RegExp;
  describe: string;
}

const HAN = '\\p{Script=Han}';
const RULES: Record<string, KeywordRule> = {
  thing: { max: 20, describe: '20 个以内字符' },
  number: { max: 32, pattern: /^[-+]?\d+(\.\d+)?$/, describe: '32 位以内数字，可带小数' },
  letter: { max: 32, pattern: /^[A-Za-z]+$/, describe: '32 位以内字母' },
  symbol: { max: 5, pattern: /^[^\p{L}\p{N}\s]+$/u, describe: '5 位以内符号' },
  character_string: { max: 32, pattern: /^[\x21-\x7e]+$/, describe: '32 位以内数字、字母或符号' },
  phone_number: { max: 17, pattern: /^[\d+\-() ]+$/, describe: '17 位以内数字、符号' },
  car_number: { max: 8, describe: '8 位以内车牌号' },
  phrase: { max: 5, pattern: new RegExp(`^${HAN}+$`, 'u'), describe: '5 个以内汉字' },
  amount: { max: 16, pattern: /^[^\d\s]?\d{1,10}(\.\d{1,2})?元?$/, describe: '1 个币种符号 + 10 位以内纯数字，可带小数，结尾可带“元”' },
  time: { max: 64, describe: '24 小时制时间' },
  date: { max: 64, describe: '年月日格式日期' },
};

function charCount(s: string): number {
  return [...s].length;
}

/** `name`: 10 characters when it contains Chinese, otherwise 20 letters/symbols. */
function nameLimit(value: string): number {
  return new RegExp(HAN, 'u').test(value) ? 10 : 20;
}

/** Throws WeChat's 47003 for the first keyword whose value breaks its type's rule. */
export function checkTemplateData(data: unknown): Record<string, { value: string }> {
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) {
    throw WxErr.argumentInvalid('data is empty');
  }
  const out: Record<string, { value: string }> = {};
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const raw = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).value : undefined;
    if (typeof raw !== 'string' && typeof raw !== 'number') throw WxErr.argumentInvalid(`data.${key}.value is empty`);
    const value = String(raw);
    if (value.trim() === '') throw WxErr.argumentInvalid(`data.${key}.value is empty`);
    const type = key.replace(/\d+$/, '');
    if (type === 'name') {
      const max = nameLimit(value);
      if (charCount(value) > max) throw WxErr.argumentInvalid(`data.${key}.value exceeds ${max} characters (name)`);
    } else {
      const rule = RULES[type];
      if (rule) {
        if (charCount(value) > rule.max) {
          throw WxErr.argumentInvalid(`data.${key}.value exceeds ${rule.max} characters (${type}: ${rule.describe})`);
        }
        if (rule.pattern && !rule.pattern.test(value)) {
          throw WxErr.argumentInvalid(`data.${key}.value invalid (${type}: ${rule.describe})`);
        }
      }
    }
    out[key] = { value };
  }
  return out;
}
