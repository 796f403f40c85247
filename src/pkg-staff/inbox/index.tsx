import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { call } from '@/services'
import { usePaged } from '@/hooks/usePaged'
import { navigate } from '@/navigation'
import CaseRow from '@/components/CaseRow'
import PagedList, { FilterTabs } from '@/components/PagedList'
import type { InboxItem } from '@/types/case'
import { formatDue } from '@/lib/relativeTime'
import './index.scss'

type Filter = 'open' | 'all'
const filters: { value: Filter; label: string }[] = [
  { value: 'open', label: '待办' },
  { value: 'all', label: '全部' },
]

function metaOf(item: InboxItem): string {
  const due = item.slaDueAt && (item.status === 'submitted' || item.status === 'reopened') ? formatDue(item.slaDueAt).text : null
  return [item.buildingName ?? item.gridName, item.reporterLabel, due, item.escalated ? '已上报所领导' : null].filter(Boolean).join(' · ')
}

export default function StaffInbox() {
  const [filter, setFilter] = useState<Filter>('open')
  const list = usePaged((cursor) => call('cases.inbox', { filter, pageSize: 10, ...(cursor ? { cursor } : {}) }), filter)
  const overdue = list.first?.overdue ?? []
  const row = (item: InboxItem) => <CaseRow key={item.id} item={item} meta={metaOf(item)} onOpen={(id) => navigate('staffCase', { id })} />

  return (
    <View className="inbox">
      <FilterTabs options={filters} value={filter} onChange={setFilter} />
      {list.first && list.first.unreadCount > 0 && <Text className="inbox__unread">{list.first.unreadCount} 件有新动态</Text>}
      <PagedList
        list={list}
        empty={overdue.length > 0 ? null : { title: filter === 'open' ? '没有待办案件' : '还没有案件', hint: '有新案件时会通知您。' }}
        before={
          overdue.length > 0 && (
            <View>
              <Text className="inbox__section inbox__section--late">超时未受理 {overdue.length} 件</Text>
              {overdue.map(row)}
              <Text className="inbox__section">最新</Text>
            </View>
          )
        }
      >
        {row}
      </PagedList>
    </View>
  )
}
