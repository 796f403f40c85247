import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { call } from '@/services'
import { usePaged } from '@/hooks/usePaged'
import { navigate } from '@/navigation'
import PagedList, { FilterTabs } from '@/components/PagedList'
import type { HouseholdRow as Row } from '@/types/roster'
import HouseholdRow from '../components/HouseholdRow'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

/** Households whose visit is due today or overdue, the longest waiting first. */
export default function DuePage() {
  const [gridId, setGridId] = useState<string | undefined>(undefined)
  const list = usePaged((cursor) => call('roster.due', { pageSize: 20, ...(gridId ? { gridId } : {}), ...(cursor ? { cursor } : {}) }), gridId ?? '')
  const first = list.first
  return (
    <View className={`due${elderClass()}`}>
      {first && first.grids.length > 1 && (
        <FilterTabs options={first.grids.map((g) => ({ value: g.id, label: g.name }))} value={first.grid.id} onChange={setGridId} />
      )}
      {first && <Text className="due__hint">{`${first.grid.communityName} · ${first.grid.name}：今天到期和已超期的走访`}</Text>}
      <PagedList list={list} empty={{ title: '今天没有待走访的住户', hint: '走访周期按派出所设置的规则计算。' }}>
        {(row: Row) => (
          <View key={row.id}>
            <HouseholdRow row={row} onOpen={(id) => navigate('gridHousehold', { id })} />
            <Text className="due__visit" onClick={() => navigate('gridVisit', { householdId: row.id })}>记录走访 ›</Text>
          </View>
        )}
      </PagedList>
    </View>
  )
}
