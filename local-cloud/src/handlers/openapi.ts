import type { LocalCloudContext } from '../context';
import { INJECTED_FAILURE, type FaultDecision } from '../faults';
import type { ServiceModule } from '../protocol/actions';
import { CloudError, ErrorCodes } from '../protocol/errors';
import { API_TYPE_OPEN_API, API_TYPE_SVRKIT_API, decodeCommApiData, decodeGetOpenDataReq, encodeGetOpenDataResp } from '../protocol/protobuf';
import { devRoutes } from './openapi/dev-routes';
import { MediaCheckPusher } from './openapi/media-check-push';
import { MediaCheckStore } from './openapi/media-check-store';
import { OutboxStore } from './openapi/outbox-store';
import { pairsToRequest } from './openapi/request-pairs';
import { DEFAULT_SEC_CHECK_WORDS, mediaCheckAsync, msgSecCheck } from './openapi/sec-check';
import { sendSubscribeMessage } from './openapi/subscribe-message';
import { SubscriptionStore } from './openapi/subscription-store';
import { UpdatableMessageStore } from './openapi/updatable-message';
import type { OpenDataStore } from './openapi/open-data';
import { envelope, withRid, WxApiError, WxErr, type WxAnswer } from './openapi/wx-answer';
import { wxacodeUnlimited } from './openapi/wxacode';
import { encodeCommOpenApiResp } from '../protocol/protobuf';

type WxApiHandler = (req: Record<string, unknown>) => WxAnswer;

function requestBytes(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  // A hand-made client may send requestData as a text part; busboy decoded it as UTF-8, so only
  // ASCII-safe payloads survive. The SDK always sends a binary part.
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  throw new CloudError(ErrorCodes.INVALID_PARAM, 'wx.openApi 缺少 requestData');
}

/**
 * `wx.openApi`: a multipart body whose `requestData` is a protobuf CommApiData. WeChat-level
 * results (including errcode failures) travel as JSON inside a protobuf CommOpenApiResp, which
 * the SDK turns into a resolved value or a thrown error carrying `errCode`. Envelope problems
 * (no apiName, undecodable protobuf) answer CloudBase-style JSON, which the SDK surfaces as -501007.
 */
export function createOpenApiService(ctx: LocalCloudContext, openData: OpenDataStore): ServiceModule {
  const subscriptions = new SubscriptionStore(ctx.db);
  const outbox = new OutboxStore(ctx.db);
  const mediaChecks = new MediaCheckStore(ctx.db);
  const updatable = new UpdatableMessageStore(ctx.db);
  const words = ctx.options.secCheckWords ?? DEFAULT_SEC_CHECK_WORDS;
  const push = ctx.options.mediaCheckPush;
  const pusher = push ? new MediaCheckPusher(ctx, mediaChecks, push.functionName, push.delayMs) : null;

  /** An injected WeChat failure (faults.ts); a refused send is still recorded in the outbox, as every send is. */
  function injectedAnswer(apiName: string, req: Record<string, unknown>, error: unknown): WxAnswer {
    const errcode = typeof error === 'number' ? error : -1;
    const errmsg = errcode === 43101 ? WxErr.userRefused().errmsg : withRid(`system error (本地云注入的故障 injected fault ${String(error)})`);
    const answer = { errcode, errmsg };
    if (apiName === 'subscribeMessage.send') {
      outbox.append({
        touser: typeof req.touser === 'string' ? req.touser : '',
        template_id: typeof req.template_id === 'string' ? req.template_id : '',
        page: typeof req.page === 'string' ? req.page : null,
        data: req.data ?? null,
        miniprogram_state: typeof req.miniprogram_state === 'string' ? req.miniprogram_state : null,
        lang: typeof req.lang === 'string' ? req.lang : null,
        errcode: answer.errcode,
        errmsg: answer.errmsg,
      });
      ctx.log(`[local-cloud] subscribeMessage.send → ${String(req.touser)} ${String(req.template_id)}: injected ${errcode}`);
    }
    return answer;
  }

  const apis: Record<string, WxApiHandler> = {
    'subscribeMessage.send': (req) => {
      const answer = sendSubscribeMessage(ctx.db, subscriptions, outbox, req);
      // One line per message so a developer watching the console sees what WeChat would deliver.
      ctx.log(`[local-cloud] subscribeMessage.send → ${String(req.touser)} ${String(req.template_id)}: ${answer.errcode === 0 ? 'sent' : `refused ${answer.errcode}`}`);
      return answer;
    },
    'security.msgSecCheck': (req) => msgSecCheck(words, req),
    'security.mediaCheckAsync': (req) => mediaCheckAsync(mediaChecks, words, pusher, req),
    'updatableMessage.createActivityId': (req) => updatable.create(req),
    'updatableMessage.setUpdatableMsg': (req) => updatable.set(req),
  };

  return {
    name: 'openapi',
    migrate() {
      subscriptions.migrate();
      outbox.migrate();
      mediaChecks.migrate();
      updatable.migrate();
      openData.migrate();
    },
    routes: devRoutes(outbox, subscriptions, mediaChecks, updatable, openData),
    close() {
      pusher?.close();
    },
    actions: {
      'wx.openApi': (params) => {
        const apiName = params.apiName;
        if (typeof apiName !== 'string' || !apiName) throw new CloudError(ErrorCodes.INVALID_PARAM, 'wx.openApi 缺少 apiName');
        const request = decodeCommApiData(requestBytes(params.requestData));
        const handler = Object.prototype.hasOwnProperty.call(apis, apiName) ? apis[apiName] : undefined;
        const injected = (params as Record<symbol, FaultDecision['failure']>)[INJECTED_FAILURE];
        if (injected) return envelope(injectedAnswer(apiName, pairsToRequest(request.pairs), injected.error));
        // `cloud.getOpenData({ list })`: a svrkit call answered with protobuf bytes, for the invocation's user.
        if (request.apiType === API_TYPE_SVRKIT_API && request.svrkit?.apiName === 'ApiGetOpenDataByCloudId') {
          const caller = openData.callerOfToken(params.wxCloudApiToken);
          const items = decodeGetOpenDataReq(request.svrkit.reqData).map((cloudId) => ({ cloudId, json: JSON.stringify(openData.resolve(cloudId, caller)) }));
          return { __raw: encodeCommOpenApiResp({ respData: encodeGetOpenDataResp(items), contentType: 'application/octet-stream' }) };
        }
        // Image answers travel as raw bytes with their content type (the SDK hands back {contentType, buffer}).
        if (apiName === 'wxacode.getUnlimited' && request.apiType === API_TYPE_OPEN_API) {
          return wxacodeUnlimited(pairsToRequest(request.pairs)).then(
            (img) => ({ __raw: encodeCommOpenApiResp({ respData: img.bytes, contentType: img.contentType }) }),
            (err: unknown) => {
              if (err instanceof WxApiError) return envelope({ errcode: err.errcode, errmsg: err.errmsg });
              throw err;
            },
          );
        }
        try {
          if (!handler || request.apiType !== API_TYPE_OPEN_API) throw WxErr.apiNotFound(apiName);
          return envelope(handler(pairsToRequest(request.pairs)));
        } catch (err) {
          if (err instanceof WxApiError) return envelope({ errcode: err.errcode, errmsg: err.errmsg });
          throw err;
        }
      },
    },
  };
}
