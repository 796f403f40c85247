import { randomBytes } from 'node:crypto';
import { encodeCommOpenApiResp } from '../../protocol/protobuf';

/** A WeChat API answer body (before the SDK's snake→camel conversion). */
export type WxAnswer = Record<string, unknown> & { errcode: number; errmsg: string };

/** A WeChat-level failure: answered inside the envelope as `{errcode, errmsg}`, as WeChat does. */
export class WxApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg);
    this.name = 'WxApiError';
  }
}

/** WeChat ends error messages with a request id; keep the shape so logs look familiar. */
export function withRid(message: string): string {
  return `${message} rid: ${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

export function traceId(): string {
  return `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

export const WxErr = {
  /** Matches what WeChat answers for a body it cannot parse. */
  dataFormat: () => new WxApiError(47001, withRid('data format error')),
  invalidArgs: (detail: string) => new WxApiError(40097, withRid(`invalid args, ${detail}`)),
  argumentInvalid: (detail: string) => new WxApiError(47003, withRid(`argument invalid! ${detail}`)),
  invalidOpenid: () => new WxApiError(40003, withRid('invalid openid')),
  invalidTemplateId: () => new WxApiError(40037, withRid('invalid template_id')),
  userRefused: () => new WxApiError(43101, withRid('user refuse to accept the msg')),
  /** -604100 is wx-server-sdk's "API not found"; the message names the API so the cause is obvious. */
  apiNotFound: (apiName: string) =>
    new WxApiError(-604100, `API not found: openapi.${apiName} is not emulated by local cloud (supported: subscribeMessage.send, security.msgSecCheck, security.mediaCheckAsync, updatableMessage.createActivityId, updatableMessage.setUpdatableMsg, wxacode.getUnlimited)`),
};

/** `{__raw}` tells the server to send these bytes: a protobuf CommOpenApiResp carrying JSON. */
export function envelope(answer: WxAnswer): { __raw: Buffer } {
  return {
    __raw: encodeCommOpenApiResp({
      respData: Buffer.from(JSON.stringify(answer)),
      contentType: 'application/json; charset=utf-8',
    }),
  };
}
