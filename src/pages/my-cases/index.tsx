import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { usePaged } from '@/hooks/usePaged'
import { navigate } from '@/navigation'
import CaseRow from '@/components/CaseRow'
import { LoadError } from '@/components/LoadState'
import './index.scss'

type Filter = 'all' | 'open' | 'done'
const filters: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'open', label: '办理中' },
  { value: 'done', label: '已结束' },
]

export default function MyCases() {
  const [filter, setFilter] = useState<Filter>('all')
  const list = usePaged((cursor) => call('cases.listMine', { filter, pageSize: 10, ...(cursor ? { cursor } : {}) }), filter)

  return (
    <View className="my-cases">
      <View className="my-cases__tabs">
        {filters.map((f) => (
          <View key={f.value} className={`my-cases__tab${f.value === filter ? ' my-cases__tab--on' : ''}`} onClick={() => setFilter(f.value)}>
            <Text>{f.label}</Text>
          </View>
        ))}
      </View>

      {list.items === null && list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {list.items === null && !list.error && <Text className="my-cases__muted">正在加载…</Text>}
      {list.items?.length === 0 && (
        <View className="my-cases__empty">
          <Text className="my-cases__empty-title">{filter === 'all' ? '您还没有提交过事项' : '这里暂时没有事项'}</Text>
          <Text className="my-cases__muted">遇到问题、需要帮助或有纠纷，都可以在首页提交。</Text>
        </View>
      )}
      {list.items?.map((item) => (
        <CaseRow key={item.id} item={item} onOpen={(id) => navigate('caseDetail', { id })} />
      ))}
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
      {list.items !== null && list.items.length > 0 && !list.hasMore && <Text className="my-cases__muted">没有更多了</Text>}
    </View>
  )
}
