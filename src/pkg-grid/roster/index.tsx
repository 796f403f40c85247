import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { usePaged } from '@/hooks/usePaged'
import { navigate } from '@/navigation'
import { useSession } from '../components/useRoles'
import PagedList, { FilterTabs } from '@/components/PagedList'
import { presetHouseholdTags, rosterTextLimits } from '@/types/rosterLimits'
import type { HouseholdRow as Row } from '@/types/roster'
import HouseholdRow from '../components/HouseholdRow'
import { elderClass } from '@/lib/elderMode'
import '../components/Chips.scss'
import './index.scss'

type TagFilter = 'all' | (typeof presetHouseholdTags)[number]
const tagFilters: { value: TagFilter; label: string }[] = [{ value: 'all', label: '全部' }, ...presetHouseholdTags.map((t) => ({ value: t, label: t }))]

/** The grid's households (结对帮扶 first), searchable by building, name or tag; paged by the server. */
export default function RosterPage() {
  const initialTag = useRouter().params.tag
  const [gridId, setGridId] = useState<string | undefined>(undefined)
  const [tag, setTag] = useState<TagFilter>((presetHouseholdTags as readonly string[]).includes(initialTag ?? '') ? (initialTag as TagFilter) : 'all')
  const [buildingId, setBuildingId] = useState<string>('all')
  const [typed, setTyped] = useState('')
  const [name, setName] = useState('')
  const isAdmin = useSession()?.roles.includes('admin') ?? false
  const key = [gridId, tag, buildingId, name].join('|')
  const list = usePaged(
    (cursor) =>
      call('roster.list', {
        pageSize: 20,
        ...(gridId ? { gridId } : {}),
        ...(name ? { name } : buildingId !== 'all' ? { buildingId } : tag !== 'all' ? { tag } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    key,
  )
  const first = list.first
  const open = (id: string) => navigate('gridHousehold', { id })
  const search = () => {
    setBuildingId('all')
    setTag('all')
    setName(typed.trim())
  }
  const pickTag = (t: TagFilter) => {
    setName('')
    setTyped('')
    setBuildingId('all')
    setTag(t)
  }
  const pickBuilding = (b: string) => {
    setName('')
    setTyped('')
    setTag('all')
    setBuildingId(b)
  }

  return (
    <View className={`roster${elderClass()}`}>
      <View className="roster__links">
        <View className="roster__link roster__link--due" onClick={() => navigate('gridDue')}>
          <Text className="roster__link-title">待走访</Text>
          <Text className="roster__link-hint">今天到期和已超期的住户</Text>
        </View>
        <View className="roster__link" onClick={() => navigate('gridHouseholdEdit', first ? { gridId: first.grid.id } : undefined)}>
          <Text className="roster__link-title">新增住户</Text>
          <Text className="roster__link-hint">登记本网格的住户</Text>
        </View>
        {isAdmin && (
          <View className="roster__link" onClick={() => navigate('gridRules')}>
            <Text className="roster__link-title">走访规则</Text>
            <Text className="roster__link-hint">按标签设置走访周期</Text>
          </View>
        )}
      </View>

      {first && first.grids.length > 1 && (
        <FilterTabs options={first.grids.map((g) => ({ value: g.id, label: g.name }))} value={first.grid.id} onChange={(g) => { setBuildingId('all'); setGridId(g) }} />
      )}

      {first && first.paired.length > 0 && (
        <View className="roster__block">
          <Text className="roster__title">我的结对帮扶</Text>
          {first.paired.map((row: Row) => <HouseholdRow key={row.id} row={row} onOpen={open} />)}
        </View>
      )}

      <View className="roster__search">
        <Input
          className="roster__input"
          value={typed}
          onChange={setTyped}
          placeholder="按姓名查找，如 邢奶奶"
          maxLength={rosterTextLimits.nameSearch.max}
          confirmType="search"
          onConfirm={search}
        />
        <Text className="roster__search-button" onClick={search}>查找</Text>
      </View>
      <Chips options={tagFilters} value={name ? '' : tag} onChange={pickTag} />
      {first && first.buildings.length > 0 && (
        <Chips options={[{ value: 'all', label: '全部楼栋' }, ...first.buildings.map((b) => ({ value: b.id, label: b.name }))]} value={name ? '' : buildingId} onChange={pickBuilding} />
      )}
      {first && <Text className="roster__grid">{`${first.grid.communityName} · ${first.grid.name}`}{name ? ` · 查找“${name}”` : ''}</Text>}

      <PagedList list={list} empty={{ title: name ? '没有找到这位住户' : '没有符合条件的住户', hint: '换个姓名、标签或楼栋试试。' }}>
        {(row: Row) => <HouseholdRow key={row.id} row={row} onOpen={open} />}
      </PagedList>
    </View>
  )
}

/** A wrapping row of small chips (a grid has many buildings: equal-width tabs would squeeze them). */
function Chips<V extends string>({ options, value, onChange }: { options: readonly { value: V; label: string }[]; value: string; onChange: (v: V) => void }) {
  return (
    <View className="roster__chips grid-chips">
      {options.map((o) => (
        <Text key={o.value} className={`grid-chip${o.value === value ? ' grid-chip--on' : ''}`} onClick={() => onChange(o.value)}>
          {o.label}
        </Text>
      ))}
    </View>
  )
}
