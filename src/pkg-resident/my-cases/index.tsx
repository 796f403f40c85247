import { useState } from 'react'
import { View } from '@tarojs/components'
import { call } from '@/services'
import { usePaged } from '@/hooks/usePaged'
import { navigate } from '@/navigation'
import CaseRow from '@/components/CaseRow'
import PagedList, { FilterTabs } from '@/components/PagedList'
import { elderClass } from '@/lib/elderMode'
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
  const empty = {
    title: filter === 'all' ? '您还没有提交过事项' : '这里暂时没有事项',
    hint: '遇到问题、需要帮助或有纠纷，都可以在首页提交。',
  }

  return (
    <View className={`my-cases${elderClass()}`}>
      <FilterTabs options={filters} value={filter} onChange={setFilter} />
      <PagedList list={list} empty={empty}>
        {(item) => <CaseRow key={item.id} item={item} onOpen={(id) => navigate('caseDetail', { id })} />}
      </PagedList>
    </View>
  )
}
