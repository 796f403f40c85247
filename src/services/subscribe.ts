import Taro from '@tarojs/taro'
import { call } from './call'
import { gatewayBase } from './platform'

/** At most this many templates per request (a WeChat limit). */
const maxPerRequest = 5

type Decisions = Record<string, unknown>

/**
 * Asks the resident or officer to allow notifications, at a natural tap (submit, open inbox).
 * Must be the first thing the tap handler awaits: WeChat refuses the request outside a user tap.
 * Then tells the backend what was granted (WeChat tells only the client), so it knows its quota.
 * Returns the accepted template ids; never throws, a refusal is not an error.
 */
export async function requestSubscribe(templateIds: readonly string[]): Promise<string[]> {
  const ids = templateIds.filter(Boolean).slice(0, maxPerRequest)
  if (ids.length === 0) return []
  const decisions = await askUser(ids)
  const accepted = ids.filter((id) => decisions[id] === 'accept')
  // A failed record is not worth bothering the user about: the in-app inbox stays the source of truth.
  if (accepted.length > 0) await call('notify.recordSubscriptions', { templateIds: accepted })
  return accepted
}

// Chosen once at build time, so the other platform's code is dropped from the bundle.
const askUser: (ids: string[]) => Promise<Decisions> = process.env.TARO_ENV === 'weapp' ? askWeChat : askGateway

async function askWeChat(ids: string[]): Promise<Decisions> {
  try {
    return (await Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] })) as unknown as Decisions
  } catch {
    return {}
  }
}

/** H5 has no subscription dialog; the gateway grants and answers the way wx.requestSubscribeMessage does. */
async function askGateway(ids: string[]): Promise<Decisions> {
  try {
    const res = await fetch(`${gatewayBase}/api/subscribe`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ templateIds: ids }),
    })
    return res.ok ? ((await res.json()) as Decisions) : {}
  } catch {
    return {}
  }
}
