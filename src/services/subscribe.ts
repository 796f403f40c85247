import Taro from '@tarojs/taro'
import { call } from './call'
import { gatewayBase } from './platform'
import { acceptedTemplates, subscribeProblemOf, subscribeProblemText, templatesPerRequest, type SubscribeProblem } from './subscribeDecisions'

type Decisions = Record<string, unknown>

/** The user's answer; `problem` when WeChat refused the whole request (reported, never thrown). */
export interface SubscribeOutcome {
  accepted: string[]
  problem: SubscribeProblem | null
}

/**
 * Asks the resident or officer to allow notifications, at a natural tap (submit, open inbox).
 * Must be the first thing the tap handler awaits: WeChat refuses the request outside a user tap.
 * Then tells the backend what was granted (WeChat tells only the client), so it knows its quota,
 * without making the caller wait for it: the page moves on as soon as the user has answered.
 * Never throws, a refusal is not an error.
 */
export async function requestSubscribe(templateIds: readonly string[]): Promise<SubscribeOutcome> {
  const ids = templateIds.filter(Boolean).slice(0, perRequest())
  if (ids.length === 0) return { accepted: [], problem: null }
  const { decisions, problem } = await askUser(ids)
  if (problem) report(problem)
  const accepted = acceptedTemplates(ids, decisions)
  // A failed record is not worth bothering the user about: the in-app inbox stays the source of truth.
  if (accepted.length > 0) void call('notify.recordSubscriptions', { templateIds: accepted })
  return { accepted, problem }
}

function perRequest(): number {
  if (process.env.TARO_ENV !== 'weapp') return templatesPerRequest(undefined, undefined)
  try {
    const info = Taro.getSystemInfoSync()
    return templatesPerRequest(info.version, info.platform)
  } catch {
    return 1
  }
}

/** Notifications off is the user's to know (the inbox still has everything); a wrong template id is the station's. */
function report(problem: SubscribeProblem): void {
  if (problem === 'templateMisconfigured') console.error('requestSubscribeMessage 20001: a template id in FQ_SUBSCRIBE_TEMPLATES does not exist')
  void Taro.showToast({ title: subscribeProblemText[problem], icon: 'none', duration: 2500 })
}

interface Answer {
  decisions: Decisions
  problem: SubscribeProblem | null
}

// Chosen once at build time, so the other platform's code is dropped from the bundle.
const askUser: (ids: string[]) => Promise<Answer> = process.env.TARO_ENV === 'weapp' ? askWeChat : askGateway

async function askWeChat(ids: string[]): Promise<Answer> {
  try {
    return { decisions: (await Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] })) as unknown as Decisions, problem: null }
  } catch (error) {
    return { decisions: {}, problem: subscribeProblemOf(error) }
  }
}

/** H5 has no subscription dialog; the gateway grants and answers the way wx.requestSubscribeMessage does. */
async function askGateway(ids: string[]): Promise<Answer> {
  try {
    const res = await fetch(`${gatewayBase}/api/subscribe`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ templateIds: ids }),
    })
    return { decisions: res.ok ? ((await res.json()) as Decisions) : {}, problem: null }
  } catch {
    return { decisions: {}, problem: null }
  }
}
