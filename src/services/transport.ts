import Taro from '@tarojs/taro'
import { cloud } from './cloud'
import { gatewayBase, isWeapp } from './platform'

/** What came back from a function, before we know it is a well-formed Result. */
export type Delivery =
  | { kind: 'answer'; result: unknown }
  | { kind: 'signedOut' }
  | { kind: 'unreachable'; detail: string }

const callTimeoutMs = 20_000

/** Sends `{action, input}` to one cloud function, the way each platform does it. Never throws. */
export async function deliver(fn: string, data: { action: string; input: unknown }): Promise<Delivery> {
  return isWeapp ? deliverByCloud(fn, data) : deliverByGateway(fn, data)
}

async function deliverByCloud(fn: string, data: { action: string; input: unknown }): Promise<Delivery> {
  try {
    const res = await cloud().callFunction({ name: fn, data })
    return { kind: 'answer', result: res.result }
  } catch (err) {
    return { kind: 'unreachable', detail: describe(err) }
  }
}

async function deliverByGateway(fn: string, data: { action: string; input: unknown }): Promise<Delivery> {
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
    if (res.status === 401 || res.status === 403) return { kind: 'signedOut' }
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
