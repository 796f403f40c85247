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

type Decision = (typeof decisions)[number]
const decisions = ['accept', 'reject', 'ban', 'filter'] as const

function isDecision(value: unknown): value is Decision {
  return typeof value === 'string' && (decisions as readonly string[]).includes(value)
}

async function subscribeInWeapp(ids: string[]): Promise<string[]> {
  const results: Record<string, Decision> = {}
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] })) as unknown as Record<string, unknown>
    for (const id of ids) {
      const decision = res[id]
      if (isDecision(decision)) results[id] = decision
    }
  } catch {
    return []
  }
  const accepted = ids.filter((id) => results[id] === 'accept')
  if (accepted.length === 0) return []
  // WeChat tells only the client what was granted; the backend needs it to know its sending quota.
  // A failed record is not worth bothering the user about: the in-app inbox stays the source of truth.
  await call('notify.recordSubscriptions', { templateIds: accepted })
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
