/**
 * THE subscribe-message configuration: template ids, their keyword fields, and how our events fill
 * them. Ids here are the local defaults; production ids (from the WeChat admin console, 政务民生
 * category) come from the function's environment variable FQ_SUBSCRIBE_TEMPLATES, a JSON object
 * `{"caseNew":"<id>", …}`, so the bundle stays the same across environments.
 *
 * WeChat truncates nothing: a value over its keyword's limit makes the whole send fail (47003), so
 * every value is fitted here (thing ≤ 20, phrase ≤ 5 Chinese characters, name ≤ 10,
 * character_string ≤ 32 printable ASCII, time as "YYYY-MM-DD HH:mm").
 */
import { chinaTime } from './time';

export type TemplateKey = 'caseNew' | 'caseUpdate' | 'caseOverdue' | 'ratingReminder' | 'surveyReady' | 'surveyReminder';
export type KeywordType = 'thing' | 'phrase' | 'name' | 'character_string' | 'time';

interface TemplateDefinition {
  /** Local default id; overridden per environment. */
  defaultId: string;
  title: string;
  /** one-time: one message per user tap; long-term: open to 政务民生 services. */
  kind: 'one-time' | 'long-term';
  audience: 'resident' | 'staff';
  /** Keyword name (e.g. "thing1") → its type, as configured in the admin console. */
  keywords: Record<string, KeywordType>;
}

export const templates: Record<TemplateKey, TemplateDefinition> = {
  caseNew: {
    defaultId: 'local-tpl-case-new',
    title: '新案件提醒',
    kind: 'one-time',
    audience: 'staff',
    keywords: { thing1: 'thing', thing2: 'thing', phrase3: 'phrase', time4: 'time', thing5: 'thing' },
  },
  caseUpdate: {
    defaultId: 'local-tpl-case-update',
    title: '办理进度通知',
    kind: 'one-time',
    audience: 'resident',
    keywords: { character_string1: 'character_string', thing2: 'thing', phrase3: 'phrase', name4: 'name', time5: 'time' },
  },
  caseOverdue: {
    defaultId: 'local-tpl-case-overdue',
    title: '超时督办提醒',
    kind: 'one-time',
    audience: 'staff',
    keywords: { thing1: 'thing', thing2: 'thing', time3: 'time', thing4: 'thing' },
  },
  ratingReminder: {
    defaultId: 'local-tpl-rating-reminder',
    title: '服务评价提醒',
    kind: 'one-time',
    audience: 'resident',
    keywords: { thing1: 'thing', time2: 'time', thing3: 'thing' },
  },
  // issue 10: the month's survey is ready for the community's officer to publish
  surveyReady: {
    defaultId: 'local-tpl-survey-ready',
    title: '问卷待发布提醒',
    kind: 'one-time',
    audience: 'staff',
    keywords: { thing1: 'thing', thing2: 'thing', time3: 'time', thing4: 'thing' },
  },
  // issue 10: "下月问卷提醒", a resident asked to be told when the next survey is published
  surveyReminder: {
    defaultId: 'local-tpl-survey-reminder',
    title: '问卷发布提醒',
    kind: 'one-time',
    audience: 'resident',
    keywords: { thing1: 'thing', thing2: 'thing', time3: 'time', thing4: 'thing' },
  },
};

let overrides: Partial<Record<TemplateKey, string>> | null = null;

function loadOverrides(): Partial<Record<TemplateKey, string>> {
  if (overrides) return overrides;
  overrides = {};
  const raw = process.env.FQ_SUBSCRIBE_TEMPLATES;
  if (raw) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === 'object') {
        for (const key of Object.keys(templates) as TemplateKey[]) {
          const v = (parsed as Record<string, unknown>)[key];
          if (typeof v === 'string' && v.length > 0) overrides[key] = v;
        }
      }
    } catch {
      console.error(JSON.stringify({ msg: 'FQ_SUBSCRIBE_TEMPLATES is not valid JSON; using defaults' }));
    }
  }
  return overrides;
}

export function templateId(key: TemplateKey): string {
  return loadOverrides()[key] ?? templates[key].defaultId;
}

export function templateKeyOf(id: string): TemplateKey | null {
  for (const key of Object.keys(templates) as TemplateKey[]) if (templateId(key) === id) return key;
  return null;
}

/** What the client asks for at its natural taps (≤ 5 per request). */
export function subscribeScenes(): { onSubmit: string[]; onOpenInbox: string[]; onSurveyReminder: string[] } {
  return {
    onSubmit: [templateId('caseUpdate'), templateId('ratingReminder')],
    onOpenInbox: [templateId('caseNew'), templateId('caseOverdue')],
    // issue 10: the resident's "下月问卷提醒" tap
    onSurveyReminder: [templateId('surveyReminder')],
  };
}

const HAN = /\p{Script=Han}/u;

function clip(value: string, max: number): string {
  const chars = [...value.replace(/\s+/g, ' ').trim()];
  if (chars.length <= max) return chars.join('');
  return `${chars.slice(0, max - 1).join('')}…`;
}

/** Make a value acceptable for its keyword type; never returns an empty string. */
export function fitKeyword(type: KeywordType, value: string | Date): string {
  if (type === 'time') {
    const d = value instanceof Date ? value : new Date(value);
    return chinaTime(Number.isNaN(d.getTime()) ? new Date() : d);
  }
  const text = value instanceof Date ? chinaTime(value) : value;
  switch (type) {
    case 'thing':
      return clip(text, 20) || '无';
    case 'name':
      return clip(text, HAN.test(text) ? 10 : 20) || '工作人员';
    case 'phrase': {
      const han = [...text].filter((c) => HAN.test(c)).join('');
      return han.slice(0, 5) || '有更新';
    }
    case 'character_string': {
      const ascii = text.replace(/[^\x21-\x7e]/g, '');
      return ascii.slice(0, 32) || '0';
    }
  }
}

/** Fill a template's keywords from plain values, fitting every one to its limit. */
export function templateData(key: TemplateKey, values: Record<string, string | Date>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [keyword, type] of Object.entries(templates[key].keywords)) {
    const v = values[keyword];
    out[keyword] = { value: fitKeyword(type, v ?? '') };
  }
  return out;
}
