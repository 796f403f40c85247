import Taro from '@tarojs/taro'
import { callFromGroup, getGroupArrival } from '@/services'
import { isCaseHandler, loadSession } from '@/session'

/**
 * Tells the backend the page was opened from a group card, before anything else: the group's CloudID
 * goes to the function, which learns the opengid from it. The community's officer (or an admin)
 * opening his own card binds that group to the community (`bindGroup`, first share); a resident
 * arriving from the bound group becomes a verified member (`arrive`). Never fails the page.
 */
export async function arriveFromGroup(surveyId: string): Promise<void> {
  const arrival = await getGroupArrival()
  if (!arrival) return
  const session = await loadSession()
  if (session.ok && isCaseHandler(session.data)) {
    const bound = await callFromGroup('surveys.bindGroup', { surveyId }, arrival)
    if (bound.ok && !bound.data.alreadyBound) void Taro.showToast({ title: `已识别${bound.data.communityName}社区群`, icon: 'none' })
    return
  }
  await callFromGroup('surveys.arrive', { surveyId }, arrival)
}
