/**
 * Every cloud function answers with a Result: `{ok:true,data}` or `{ok:false,error}`; nothing throws
 * to the client. The error codes are a closed list so pages can branch on them.
 */
import { z } from './zod';

export const errorCodes = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'CONTENT_RISKY',
  /** The action collects personal data and the caller has not agreed to the privacy guide in force. */
  'CONSENT_REQUIRED',
  'INTERNAL',
  /** Client-side only: the call never reached the backend. */
  'NETWORK',
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** Default wording when the backend has nothing more specific to say. */
export const errorCodeMessages: Record<ErrorCode, string> = {
  INVALID_INPUT: '提交的内容有误，请检查后重试',
  UNAUTHENTICATED: '请先在微信中登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已被删除',
  CONFLICT: '内容已发生变化，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CONTENT_RISKY: '内容含有不当信息，请修改后再提交',
  CONSENT_REQUIRED: '请先阅读并同意隐私保护指引',
  INTERNAL: '系统繁忙，请稍后重试',
  NETWORK: '网络不太好，请稍后重试',
};

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Dotted path of the input field that failed, e.g. "location.buildingId". */
  field: z.string().optional(),
});
export type AppErrorBody = z.infer<typeof appErrorSchema>;

export type Ok<T> = { ok: true; data: T };
export type Err = { ok: false; error: AppErrorBody };
export type Result<T> = Ok<T> | Err;

export function ok<T>(data: T): Ok<T> {
  return { ok: true, data };
}

export function err(code: ErrorCode, message?: string, field?: string): Err {
  const error: AppErrorBody = { code, message: message ?? errorCodeMessages[code] };
  if (field !== undefined) error.field = field;
  return { ok: false, error };
}

/** Schema of a function's whole answer, for clients that validate what arrives. */
export function resultSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}
