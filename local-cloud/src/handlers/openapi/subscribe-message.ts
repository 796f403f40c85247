import type Database from 'better-sqlite3';
import type { OutboxStore } from './outbox-store';
import { optionalString } from './request-pairs';
import type { SubscriptionStore } from './subscription-store';
import { checkTemplateData } from './template-data';
import { WxApiError, WxErr, type WxAnswer } from './wx-answer';

const STATES = new Set(['developer', 'trial', 'formal']);
const LANGS = new Set(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']);

function validate(req: Record<string, unknown>): { touser: string; templateId: string } {
  const touser = optionalString(req, 'touser');
  if (!touser) throw WxErr.invalidOpenid();
  const templateId = optionalString(req, 'template_id');
  if (!templateId) throw WxErr.invalidTemplateId();
  const state = req.miniprogram_state;
  if (state !== undefined && (typeof state !== 'string' || !STATES.has(state))) {
    throw WxErr.argumentInvalid('miniprogram_state must be developer, trial or formal');
  }
  const lang = req.lang;
  if (lang !== undefined && (typeof lang !== 'string' || !LANGS.has(lang))) {
    throw WxErr.argumentInvalid('lang must be zh_CN, en_US, zh_HK or zh_TW');
  }
  if (req.page !== undefined && typeof req.page !== 'string') throw WxErr.argumentInvalid('page must be a string');
  checkTemplateData(req.data);
  return { touser, templateId };
}

/**
 * subscribeMessage.send: validate as WeChat does, then use one grant. The grant and the outbox
 * row change in one SQLite transaction, so a crash never uses a grant without recording the send.
 * Refused sends are recorded too, with their errcode.
 */
export function sendSubscribeMessage(
  db: Database.Database,
  subscriptions: SubscriptionStore,
  outbox: OutboxStore,
  req: Record<string, unknown>,
): WxAnswer {
  const attempt = db.transaction((): WxAnswer => {
    let answer: WxAnswer;
    try {
      const { touser, templateId } = validate(req);
      if (!subscriptions.consume(touser, templateId)) throw WxErr.userRefused();
      answer = { errcode: 0, errmsg: 'ok' };
    } catch (err) {
      if (!(err instanceof WxApiError)) throw err;
      answer = { errcode: err.errcode, errmsg: err.errmsg };
    }
    outbox.append({
      touser: optionalString(req, 'touser') ?? '',
      template_id: optionalString(req, 'template_id') ?? '',
      page: optionalString(req, 'page') ?? null,
      data: req.data ?? null,
      miniprogram_state: optionalString(req, 'miniprogram_state') ?? null,
      lang: optionalString(req, 'lang') ?? null,
      errcode: answer.errcode,
      errmsg: answer.errmsg,
    });
    return answer;
  });
  return attempt();
}
