/**
 * How to read WeChat's answer to wx.requestSubscribeMessage (zod-free and Taro-free, so it is tested
 * on its own). Kept apart from subscribe.ts, which only talks to the platform.
 */

/** Every answer that means "yes": the user may also have chosen how the message alerts them. */
const acceptedAnswers = new Set(['accept', 'acceptWithAlert', 'acceptWithAudio', 'acceptWithForcePush'])

/** WeChat takes at most 3 templates per request; clients before 7.0.6 (iOS) / 7.0.7 (Android) only one. */
export const maxTemplatesPerRequest = 3

export type SubscribeProblem = 'templateMisconfigured' | 'notificationsOff'

/** What the page tells the user (or the log) about a request WeChat refused as a whole. */
export const subscribeProblemText: Record<SubscribeProblem, string> = {
  templateMisconfigured: '消息提醒暂不可用，进展请在“消息”里查看',
  notificationsOff: '您关闭了小程序的消息通知，进展请在“消息”里查看',
}

/** The templates the user said yes to, in the order asked. */
export function acceptedTemplates(ids: readonly string[], decisions: Record<string, unknown>): string[] {
  return ids.filter((id) => acceptedAnswers.has(String(decisions[id])))
}

/** 20001: no such template (a wrong id in FQ_SUBSCRIBE_TEMPLATES); 20004: the user turned notifications off. */
export function subscribeProblemOf(error: unknown): SubscribeProblem | null {
  const code = Number((error as { errCode?: unknown } | null)?.errCode)
  if (code === 20001) return 'templateMisconfigured'
  if (code === 20004) return 'notificationsOff'
  return null
}

/** How many templates this WeChat client takes in one request ("8.0.50" on a current phone). */
export function templatesPerRequest(wechatVersion: string | undefined, platform: string | undefined): number {
  const [major = 0, minor = 0, patch = 0] = (wechatVersion ?? '').split('.').map((part) => Number(part) || 0)
  const firstMulti = platform === 'android' ? [7, 0, 7] : [7, 0, 6]
  const version = [major, minor, patch]
  if (!wechatVersion) return maxTemplatesPerRequest
  for (let i = 0; i < 3; i++) {
    if (version[i]! > firstMulti[i]!) return maxTemplatesPerRequest
    if (version[i]! < firstMulti[i]!) return 1
  }
  return maxTemplatesPerRequest
}
