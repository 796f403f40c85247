import Taro from '@tarojs/taro'

/** What the backend hands the page for a survey's live card (`updatableMessage.createActivityId`). */
export interface LiveCard {
  activityId: string
  /** The updatable message's parameters (and template, for the newer templated cards), as the function made them. */
  templateInfo?: { templateId?: string; parameterList: { name: string; value: string }[] }
  /** The same id again when the card should also pin as a group to-do (群待办). */
  toDoActivityId?: string
}

/** Which parts of the live card this client could set up (for the page to say what the group will see). */
export interface LiveCardSupport {
  updatable: boolean
  groupToDo: boolean
}

/**
 * Makes the page's next share a live card: with a share ticket (so the group can be recognised), as an
 * updatable message (the function later changes the count of answers on it) and, where the base
 * library allows, as a group to-do. The button that shares is `openType="share"`; its title and path come
 * from the page's `useShareAppMessage`. H5 has no share menu: nothing to set (the local stack opens
 * cards "from a group" on its developer page instead).
 */
export async function prepareLiveCard(card: LiveCard): Promise<LiveCardSupport> {
  if (process.env.TARO_ENV !== 'weapp') return { updatable: false, groupToDo: false }
  const groupToDo = Boolean(card.toDoActivityId) && Taro.canIUse('updateShareMenu.object.toDoActivityId')
  try {
    await Taro.updateShareMenu({
      withShareTicket: true,
      isUpdatableMessage: true,
      activityId: card.activityId,
      // The classic counting card (member_count / room_limit) has no template id; Taro's type insists on one.
      ...(card.templateInfo ? { templateInfo: card.templateInfo as Taro.updateShareMenu.UpdatableMessageFrontEndTemplateInfo } : {}),
      ...(groupToDo ? { toDoActivityId: card.toDoActivityId } : {}),
    })
    return { updatable: true, groupToDo }
  } catch {
    // An old base library without updatable messages: the card is shared as an ordinary one.
    try {
      await Taro.updateShareMenu({ withShareTicket: true })
    } catch {
      // Sharing still works from the button; only the group cannot be recognised.
    }
    return { updatable: false, groupToDo: false }
  }
}
