import Taro from '@tarojs/taro'
import { call } from './call'
import { gatewayBase, isWeapp } from './platform'

/** At most this many templates per request (a WeChat limit). */
const maxPerRequest = 5

/**
 * Asks the resident or officer to allow notifications, at a natural tap (submit, open inbox).
 * Must be the first thing the tap handler awaits: WeChat refuses the request outside a user tap.
 * Returns the template ids the user accepted; never throws, a refusal is not an error.
 */
export async function requestSubscribe(templateIds: readonly string[]): Promise<string[]> {
  const ids = templateIds.filter(Boolean).slice(0, maxPerRequest)
  if (ids.length === 0) return []
  return isWeapp ? subscribeInWeapp(ids) : subscribeByGateway(ids)
}

async function subscribeInWeapp(ids: string[]): Promise<string[]> {
  let accepted: string[] = []
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] })) as unknown as Record<string, string>
    accepted = ids.filter((id) => res[id] === 'accept')
  } catch {
    return []
  }
  // WeChat tells only the client what was granted; the backend needs it to know its sending quota.
  if (accepted.length > 0) await call('notify.recordSubscriptions', { templateIds: accepted })
  return accepted
}

/** H5 has no subscription dialog; the gateway records the grant the way WeChat would. */
async function subscribeByGateway(ids: string[]): Promise<string[]> {
  try {
    const res = await fetch(`${gatewayBase}/api/subscribe`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ templateIds: ids }),
    })
    return res.ok ? ids : []
  } catch {
    return []
  }
}
