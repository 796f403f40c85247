import type { Err, ErrorCode, FnInput, FnName, FnOutput, Result } from '@/types/registry'
import { deliver, isOffline } from './transport'

export type CallError = Err['error']

/** Client-side failures share the Result shape so pages handle one kind of error. */
function failure(code: ErrorCode, message: string): Err {
  return { ok: false, error: { code, message } }
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  const v = value as { ok: unknown; error?: { message?: unknown } }
  return v.ok === true ? 'data' in value : v.ok === false && typeof v.error?.message === 'string'
}

/**
 * The one way pages talk to the backend: `call('cases.create', input)`.
 * The name is "<function>.<action>"; input and output types come from the contract in types/.
 * Never throws: a lost network, a timeout or a garbled answer become `{ok:false}` with a Chinese message.
 */
export async function call<N extends FnName>(
  name: N,
  input: FnInput<N>,
  /** Top-level fields beside `{action, input}` (only open data: `wx.cloud.CloudID` values, see group.ts). */
  openData?: Record<string, unknown>,
): Promise<Result<FnOutput<N>>> {
  const dot = name.indexOf('.')
  const fn = name.slice(0, dot)
  const action = name.slice(dot + 1)
  const delivery = await deliver(fn, { ...openData, action, input })
  switch (delivery.kind) {
    case 'signedOut':
      return failure('UNAUTHENTICATED', '登录已过期，请重新登录')
    case 'serviceFailed':
      return failure('INTERNAL', delivery.timedOut ? '服务响应太慢，请稍后重试' : '服务暂时出了问题，请稍后重试')
    case 'unreachable':
      return (await isOffline())
        ? failure('NETWORK', '手机没有连上网络，请检查后重试')
        : failure('NETWORK', '网络不太好，没有连上服务，请稍后重试')
    case 'answer':
      return isResult(delivery.result)
        ? (delivery.result as Result<FnOutput<N>>)
        : failure('INTERNAL', '服务返回的内容有误，请稍后重试')
  }
}
