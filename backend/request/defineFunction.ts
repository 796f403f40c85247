/**
 * The one request path of every cloud function, in a fixed order:
 * parse `{action, input}` with the contract → caller from `getWXContext().OPENID` → load the user
 * → role check → handler → `{ok:true,data}`. Anything that goes wrong becomes `{ok:false,error}`
 * with a Chinese message; nothing is thrown to the client.
 */
import { checkDeclaredOpenApi, isHealthEvent } from '../domain/openapiHealth';
import { z } from '../../types/zod';
import { contract, type ActionOf, type FnName, type FnOutput, type FnParsedInput, type FunctionName } from '../../types/registry';
import { err, ok, type Result } from '../../types/result';
import { getUser } from '../data/users';
import { callerOpenid } from '../platform/cloud';
import { PRIVACY_CONSENT_REQUIRED_MESSAGE, PRIVACY_OUTDATED_MESSAGE } from '../../types/privacy';
import { consentIsCurrent, hasRole, type AuthRule, type CallContext } from '../domain/callContext';
import { AppError } from '../platform/errors';
import { GROUP_INFO_FIELD } from '../../types/openData';
import { resetCounters, snapshotCounters } from '../platform/metrics';

export interface ActionHandler<N extends FnName> {
  auth: AuthRule;
  /**
   * The action collects personal data from the caller (text, photos, place, name, phone): it is
   * refused unless they consented to the privacy guide in force. Checked here, not per handler,
   * because a page reached from a shared link skips the consent step on home.
   */
  collectsPersonalData?: true;
  handle(input: FnParsedInput<N>, ctx: CallContext): Promise<FnOutput<N>>;
}

export type FunctionHandlers<F extends FunctionName> = {
  [A in ActionOf<F>]: ActionHandler<Extract<`${F}.${A}`, FnName>>;
};

export interface FunctionOptions {
  /** Timer-trigger events (`{Type:'Timer'}`, no caller) run this instead of an action. */
  onTimer?: (now: Date) => Promise<unknown>;
  /**
   * WeChat message pushes this function is the receiver of (e.g. `wxa_media_check`): `matches`
   * picks them out, `handle` runs instead of an action. A push is not a client call: a failure is
   * thrown (the invocation fails) so that the push is delivered again.
   */
  onMessagePush?: { matches(event: unknown): boolean; handle(event: unknown, now: Date): Promise<unknown> };
  /**
   * Requests through CloudBase's HTTP access service (an "integration request": `{path, httpMethod,
   * headers, queryStringParameters, body, isBase64Encoded}`, no caller) run this; its answer is the
   * "integration response" CloudBase turns into the HTTP reply. It must answer every failure itself.
   */
  onHttp?: (request: HttpRequest, now: Date) => Promise<HttpResponse>;
}

export interface HttpRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The body as text (base64 bodies decoded). */
  body: string;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

function httpRequestOf(event: unknown): HttpRequest | null {
  if (!event || typeof event !== 'object') return null;
  const e = event as { httpMethod?: unknown; path?: unknown; headers?: unknown; queryStringParameters?: unknown; body?: unknown; isBase64Encoded?: unknown };
  if (typeof e.httpMethod !== 'string' || typeof e.path !== 'string') return null;
  const strings = (o: unknown): Record<string, string> =>
    Object.fromEntries(Object.entries(o && typeof o === 'object' ? o : {}).filter((kv): kv is [string, string] => typeof kv[1] === 'string'));
  const raw = typeof e.body === 'string' ? e.body : '';
  return {
    method: e.httpMethod.toUpperCase(),
    path: e.path,
    query: strings(e.queryStringParameters),
    headers: Object.fromEntries(Object.entries(strings(e.headers)).map(([k, v]) => [k.toLowerCase(), v])),
    body: e.isBase64Encoded === true ? Buffer.from(raw, 'base64').toString('utf8') : raw,
  };
}

/** Carries a message-push failure past the client error mapping, to be rethrown as-is. */
class PushFailed extends Error {
  constructor(readonly cause: unknown) {
    super('message push failed');
  }
}

const envelope = z.object({ action: z.string().min(1).max(40), input: z.unknown().optional() });

function firstIssue(error: z.ZodError, prefix?: string): AppError {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  const field = [prefix, path].filter(Boolean).join('.') || undefined;
  return new AppError('INVALID_INPUT', issue?.message ?? '提交的内容有误', field);
}

function authorise(handler: ActionHandler<FnName>, ctx: CallContext): void {
  checkRule(handler.auth, ctx);
  if (handler.collectsPersonalData && !consentIsCurrent(ctx.user)) {
    throw new AppError('CONSENT_REQUIRED', ctx.user?.privacyConsentAt ? PRIVACY_OUTDATED_MESSAGE : PRIVACY_CONSENT_REQUIRED_MESSAGE);
  }
}

function checkRule(rule: AuthRule, ctx: CallContext): void {
  if (rule === 'anyone') return;
  if (!ctx.user) throw new AppError('FORBIDDEN', '请先同意隐私保护指引并加入社区');
  if (rule === 'registered') return;
  if (rule === 'resident') {
    if (!ctx.user.communityId) throw new AppError('FORBIDDEN', '请先加入所在社区');
    return;
  }
  if (!hasRole(ctx, ...rule)) throw new AppError('FORBIDDEN', '您没有进行此操作的权限');
}

function isTimerEvent(event: unknown): boolean {
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer';
}

function log(line: Record<string, unknown>): void {
  console.log(JSON.stringify(line));
}

export function defineFunction<F extends FunctionName>(
  fn: F,
  handlers: FunctionHandlers<F>,
  options: FunctionOptions = {},
): (event: unknown) => Promise<Result<unknown> | HttpResponse> {
  const table = handlers as unknown as Record<string, ActionHandler<FnName> | undefined>;

  return async function main(event: unknown): Promise<Result<unknown> | HttpResponse> {
    resetCounters();
    const started = Date.now();
    const now = new Date();
    let action = '?';
    try {
      const openid = callerOpenid();
      // Platform events (timer, message pushes) are invoked by CloudBase itself, with no caller.
      // The same shape sent by a signed-in client is an ordinary call and fails as one below.
      if (!openid && options.onTimer && isTimerEvent(event)) {
        action = 'timer';
        const data = await options.onTimer(now);
        log({ fn, action, ok: true, ms: Date.now() - started, calls: snapshotCounters() });
        return ok(data);
      }
      // The deploy's smoke check (`{Type:'Health'}`, no caller: only the API-key holder can invoke a
      // function that way): every function tries the openapi calls its config.json declares.
      if (!openid && isHealthEvent(event)) {
        action = 'health';
        const data = await checkDeclaredOpenApi(null);
        log({ fn, action, ok: true, ms: Date.now() - started, calls: snapshotCounters() });
        return ok(data);
      }
      if (!openid && options.onMessagePush?.matches(event)) {
        action = 'messagePush';
        try {
          const data = await options.onMessagePush.handle(event, now);
          log({ fn, action, ok: true, ms: Date.now() - started, calls: snapshotCounters() });
          return ok(data);
        } catch (pushError) {
          console.error(JSON.stringify({ fn, action, msg: 'message push failed', error: pushError instanceof Error ? pushError.message : String(pushError) }));
          throw new PushFailed(pushError);
        }
      }
      const http = !openid && options.onHttp ? httpRequestOf(event) : null;
      if (http && options.onHttp) {
        action = `http ${http.method}`;
        try {
          const answer = await options.onHttp(http, now);
          log({ fn, action, ok: answer.statusCode < 500, status: answer.statusCode, ms: Date.now() - started, calls: snapshotCounters() });
          return answer;
        } catch (httpError) {
          console.error(JSON.stringify({ fn, action, msg: 'unexpected failure', error: httpError instanceof Error ? httpError.stack ?? httpError.message : String(httpError) }));
          return { statusCode: 500, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify([{ code: 500, description: '服务暂时不可用，请稍后再试' }]), isBase64Encoded: false };
        }
      }
      const env = envelope.safeParse(event);
      if (!env.success) throw firstIssue(env.error);
      action = env.data.action;
      const handler = Object.prototype.hasOwnProperty.call(table, action) ? table[action] : undefined;
      const entry = (contract as Record<string, { input: z.ZodType; output: z.ZodType } | undefined>)[`${fn}.${action}`];
      if (!handler || !entry) throw new AppError('INVALID_INPUT', `不支持的操作：${action.slice(0, 40)}`, 'action');
      if (!openid) throw new AppError('UNAUTHENTICATED');

      const parsed = entry.input.safeParse(env.data.input ?? {});
      if (!parsed.success) throw firstIssue(parsed.error);

      const user = await getUser(openid);
      const ctx: CallContext = { openid, user, now, groupInfo: (event as Record<string, unknown>)[GROUP_INFO_FIELD] };
      authorise(handler, ctx);

      const data = await handler.handle(parsed.data as never, ctx);
      // The output schema is the last line of defence: it strips anything a view did not declare.
      const out = entry.output.safeParse(data);
      if (!out.success) {
        console.error(JSON.stringify({ fn, action, msg: 'output does not match contract', issues: out.error.issues.slice(0, 3) }));
        throw new AppError('INTERNAL');
      }
      log({ fn, action, ok: true, ms: Date.now() - started, calls: snapshotCounters() });
      return ok(out.data);
    } catch (e) {
      if (e instanceof PushFailed) throw e.cause;
      if (e instanceof AppError) {
        log({ fn, action, ok: false, code: e.code, ms: Date.now() - started, calls: snapshotCounters() });
        return err(e.code, e.message, e.field);
      }
      console.error(JSON.stringify({ fn, action, msg: 'unexpected failure', error: e instanceof Error ? e.stack ?? e.message : String(e) }));
      return err('INTERNAL');
    }
  };
}
