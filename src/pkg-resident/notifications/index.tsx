import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call } from '@/services'
import { usePaged } from '@/hooks/usePaged'
import { navigate } from '@/navigation'
import { isCaseHandler, isStaff, loadSession } from '@/session'
import PagedList, { FilterTabs } from '@/components/PagedList'
import { notificationKindLabels, type NotificationKind } from '@/types/enums'
import type { NotificationView } from '@/types/notify'
import { formatRelative } from '@/lib/relativeTime'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

type Filter = 'all' | 'unread'
const filters: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'unread', label: '未读' },
]

/** Kinds only staff receive: they open the staff case page without asking which view applies. */
const staffKinds: ReadonlySet<NotificationKind> = new Set(['case_new', 'case_overdue', 'case_escalated', 'case_helper', 'case_pressed'])
/** Kinds that ask the resident to fix or do something: shown in red. */
const alertKinds: ReadonlySet<NotificationKind> = new Set(['photo_rejected', 'case_overdue', 'case_escalated', 'case_pressed'])

/**
 * Opens the case a message is about, on the page the viewer may use: residents their case page;
 * staff the staff page (mediators the mediation page), unless the case is one they follow as a resident
 * (cases.get says which).
 */
async function openCase(item: NotificationView & { caseId: string }): Promise<void> {
  const session = await loadSession()
  if (!session.ok || !isStaff(session.data)) return navigate('caseDetail', { id: item.caseId })
  const handler = isCaseHandler(session.data)
  if (staffKinds.has(item.kind)) return navigate('staffCase', { id: item.caseId })
  const res = await call('cases.get', { caseId: item.caseId })
  if (!res.ok) {
    void Taro.showToast({ title: res.error.message, icon: 'none' })
    return
  }
  if (res.data.viewer !== 'staff') return navigate('caseDetail', { id: item.caseId })
  // Mediators act on the mediation page; officers and admins start from the staff case page.
  navigate(!handler && res.data.detail.kind === 'mediation' ? 'mediationCase' : 'staffCase', { id: item.caseId })
}

/**
 * A message about no case opens what it is about: the due visits (officers, grid workers); the month's
 * survey: to manage for officers and the admin, to answer (通知与问卷) for residents told by 下月问卷提醒.
 */
async function openSubject(kind: NotificationKind): Promise<void> {
  if (kind === 'visit_due') return navigate('gridDue')
  if (kind !== 'survey_ready') return
  const session = await loadSession()
  navigate(session.ok && isCaseHandler(session.data) ? 'surveyManage' : 'noticeList')
}

/**
 * 消息: every in-app notification, newest first. Subscribe messages may fail or never be allowed;
 * this list never misses one, so it is where "what happened to my case" can always be found.
 */
export default function NotificationsPage() {
  const [filter, setFilter] = useState<Filter>('all')
  const list = usePaged((cursor) => call('notify.myNotifications', { unreadOnly: filter === 'unread', pageSize: 20, ...(cursor ? { cursor } : {}) }), filter)
  // Read marks set on this screen; the next load brings them from the backend.
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set())
  const isRead = (item: NotificationView) => item.read || readHere.has(item.id)
  const unreadShown = (list.items ?? []).some((item) => !isRead(item))

  const markRead = (ids: string[] | 'all') => {
    setReadHere((prev) => new Set([...prev, ...(ids === 'all' ? (list.items ?? []).map((i) => i.id) : ids)]))
    // A lost mark is harmless: the message only stays bold until the next successful one.
    void call('notify.markRead', ids === 'all' ? { all: true } : { ids })
  }

  // Opening 消息 reads it (issue 11): home's badge clears, while this visit still shows what was new in bold.
  const cleared = useRef(false)
  useEffect(() => {
    if (cleared.current || !list.first || !(list.items ?? []).some((item) => !item.read)) return
    cleared.current = true
    void call('notify.markRead', { all: true })
  }, [list.first])

  const open = (item: NotificationView) => {
    if (!isRead(item)) markRead([item.id])
    if (item.caseId !== null) void openCase({ ...item, caseId: item.caseId })
    else void openSubject(item.kind)
  }

  return (
    <View className={`notifications${elderClass()}`}>
      <FilterTabs options={filters} value={filter} onChange={setFilter} />
      {unreadShown && (
        <View className="notifications__toolbar">
          <Text className="notifications__read-all" onClick={() => markRead('all')}>
            全部标为已读
          </Text>
        </View>
      )}
      <PagedList
        list={list}
        empty={{
          title: filter === 'unread' ? '没有未读消息' : '还没有消息',
          hint: '事项有了进展，这里会第一时间告诉您。',
        }}
      >
        {(item) => (
          <View key={item.id} className={`notifications__item${isRead(item) ? '' : ' notifications__item--unread'}`} onClick={() => open(item)}>
            <View className="notifications__head">
              {!isRead(item) && <View className="notifications__dot" />}
              <Text className={`notifications__kind${alertKinds.has(item.kind) ? ' notifications__kind--alert' : ''}`}>{notificationKindLabels[item.kind]}</Text>
              <Text className="notifications__time">{formatRelative(item.createdAt)}</Text>
            </View>
            <Text className="notifications__title">{item.title}</Text>
            {item.body && <Text className="notifications__body">{item.body}</Text>}
            {item.caseId !== null && <Text className="notifications__open">查看事项 ›</Text>}
          </View>
        )}
      </PagedList>
    </View>
  )
}
