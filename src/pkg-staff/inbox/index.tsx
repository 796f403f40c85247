import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { usePaged } from '@/hooks/usePaged'
import { navigate } from '@/navigation'
import CaseRow from '@/components/CaseRow'
import { LoadError } from '@/components/LoadState'
import type { InboxItem } from '@/types/case'
import { formatDue } from '@/lib/format'
import '../../pages/my-cases/index.scss'
import './index.scss'

type Filter = 'open' | 'all'

function metaOf(item: InboxItem): string {
  const due = item.slaDueAt && (item.status === 'submitted' || item.status === 'reopened') ? formatDue(item.slaDueAt).text : null
  return [item.buildingName ?? item.gridName, item.reporterLabel, due, item.escalated ? '已上报所领导' : null].filter(Boolean).join(' · ')
}

export default function StaffInbox() {
  const [filter, setFilter] = useState<Filter>('open')
  const list = usePaged((cursor) => call('cases.inbox', { filter, pageSize: 10, ...(cursor ? { cursor } : {}) }), filter)
  const overdue = list.first?.overdue ?? []
  const open = (id: string) => navigate('staffCase', { id })

  return (
    <View className="my-cases inbox">
      <View className="my-cases__tabs">
        {(['open', 'all'] as const).map((f) => (
          <View key={f} className={`my-cases__tab${f === filter ? ' my-cases__tab--on' : ''}`} onClick={() => setFilter(f)}>
            <Text>{f === 'open' ? '待办' : '全部'}</Text>
          </View>
        ))}
      </View>
      {list.first && list.first.unreadCount > 0 && <Text className="inbox__unread">{list.first.unreadCount} 件有新动态</Text>}

      {list.items === null && list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {list.items === null && !list.error && <Text className="my-cases__muted">正在加载…</Text>}

      {overdue.length > 0 && (
        <View>
          <Text className="inbox__section inbox__section--late">超时未受理 {overdue.length} 件</Text>
          {overdue.map((item) => (
            <CaseRow key={item.id} item={item} meta={metaOf(item)} onOpen={open} />
          ))}
          <Text className="inbox__section">最新</Text>
        </View>
      )}
      {list.items?.length === 0 && overdue.length === 0 && (
        <View className="my-cases__empty">
          <Text className="my-cases__empty-title">{filter === 'open' ? '没有待办案件' : '还没有案件'}</Text>
          <Text className="my-cases__muted">有新案件时会通知您。</Text>
        </View>
      )}
      {list.items?.map((item) => <CaseRow key={item.id} item={item} meta={metaOf(item)} onOpen={open} />)}

      {list.items !== null && list.error && (
        <View className="my-cases__more">
          <Text className="my-cases__error">{list.error.message}</Text>
          <Button size="large" fill="outline" type="primary" onClick={list.hasMore ? list.more : list.reload}>
            重试
          </Button>
        </View>
      )}
      {list.items !== null && !list.error && list.hasMore && (
        <View className="my-cases__more">
          <Button size="large" fill="outline" type="primary" loading={list.loading} onClick={list.more}>
            加载更多
          </Button>
        </View>
      )}
    </View>
  )
}
