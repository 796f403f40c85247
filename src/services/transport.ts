import Taro from '@tarojs/taro'
import { cloud } from './cloud'
import { gatewayBase } from './platform'

/** What came back from a function, before we know it is a well-formed Result. */
type Delivery =
  | { kind: 'answer'; result: unknown }
  | { kind: 'signedOut' }
  /** The function was reached but crashed or timed out (CloudBase -504002 / -504003). */
  | { kind: 'serviceFailed'; timedOut: boolean }
  | { kind: 'unreachable'; detail: string }

const callTimeoutMs = 20_000

/** Sends `{action, input}` to one cloud function, the way each platform does it. Never throws. */
export async function deliver(fn: string, data: { action: string; input: unknown; [openData: string]: unknown }): Promise<Delivery> {
  return process.env.TARO_ENV === 'weapp' ? deliverByCloud(fn, data) : deliverByGateway(fn, data)
}

async function deliverByCloud(fn: string, data: { action: string; input: unknown; [openData: string]: unknown }): Promise<Delivery> {
  try {
    const res = await cloud().callFunction({ name: fn, data })
    return { kind: 'answer', result: res.result }
  } catch (err) {
    const detail = describe(err)
    if (detail.includes('-504003')) return { kind: 'serviceFailed', timedOut: true }
    if (detail.includes('-504002')) return { kind: 'serviceFailed', timedOut: false }
    return { kind: 'unreachable', detail }
  }
}

async function deliverByGateway(fn: string, data: { action: string; input: unknown; [openData: string]: unknown }): Promise<Delivery> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), callTimeoutMs)
  try {
    const res = await fetch(`${gatewayBase}/api/functions/${encodeURIComponent(fn)}`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data }),
      signal: controller.signal,
    })
    // The gateway answers like wx.cloud.callFunction fails: 401 no session, 502 threw, 504 timed out.
    if (res.status === 401) return { kind: 'signedOut' }
    if (res.status === 502 || res.status === 504) {
      const body = (await res.json().catch(() => null)) as { errMsg?: unknown } | null
      // A 502 without the gateway's body came from something in between: treat it as the network.
      if (typeof body?.errMsg === 'string') return { kind: 'serviceFailed', timedOut: res.status === 504 }
    }
    if (!res.ok) return { kind: 'unreachable', detail: `HTTP ${res.status}` }
    const body: unknown = await res.json()
    const result = typeof body === 'object' && body !== null && 'result' in body ? (body as { result: unknown }).result : undefined
    return { kind: 'answer', result }
  } catch (err) {
    return { kind: 'unreachable', detail: describe(err) }
  } finally {
    clearTimeout(timer)
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message
  if (typeof err === 'object' && err !== null && 'errMsg' in err) return String((err as { errMsg: unknown }).errMsg)
  return String(err)
}

/** True when the device reports no network at all: callers can say so instead of a vague failure. */
export async function isOffline(): Promise<boolean> {
  try {
    const { networkType } = await Taro.getNetworkType()
    return networkType === 'none'
  } catch {
    return false
  }
}
