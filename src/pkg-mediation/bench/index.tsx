import { useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { call } from '@/services'
import { usePaged } from '@/hooks/usePaged'
import { useRemote } from '@/hooks/useRemote'
import { navigate } from '@/navigation'
import PagedList, { FilterTabs } from '@/components/PagedList'
import { mediationTiers, mediationTierLabels, type MediationTier } from '@/types/enums'
import type { MediationItem, StatsBucket, StatsOutput } from '@/types/mediation'
import { beijing, formatDateTime } from '@/lib/dates'
import MediationRow from '../components/MediationRow'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

type Filter = 'open' | 'all'
const filters: { value: Filter; label: string }[] = [
  { value: 'open', label: '待办' },
  { value: 'all', label: '全部' },
]
type TierFilter = 'any' | MediationTier
const tierFilters: { value: TierFilter; label: string }[] = [
  { value: 'any', label: '全部层级' },
  ...mediationTiers.map((value) => ({ value, label: mediationTierLabels[value] })),
]

/** The stats cover the last half year: long enough for a community mediator's handful of cases. */
const statsMonths = 6

export default function MediationBench() {
  const [filter, setFilter] = useState<Filter>('open')
  const [tier, setTier] = useState<TierFilter>('any')
  const list = usePaged((cursor) => call('mediations.listMine', { filter, pageSize: 20, ...(cursor ? { cursor } : {}) }), filter)
  const stats = useRemote(() => {
    const now = beijing(Date.now())
    return call('mediations.stats', { from: now.subtract(statsMonths, 'month').toISOString(), to: now.toISOString() })
  }, [])

  const items = list.items ?? []
  const thisWeek = useMemo(() => sessionsThisWeek(items), [items])
  const followUps = useMemo(() => items.filter((i) => i.stage === 'follow_up_due'), [items])
  // The tier filter narrows the rows already loaded; paging stays the server's.
  const shown = { ...list, items: list.items && (tier === 'any' ? list.items : list.items.filter((i) => i.tier === tier)) }
  const open = (id: string) => navigate('mediationCase', { id })

  return (
    <View className={`med-bench${elderClass()}`}>
      {stats.state.status === 'ready' && <StatsCard stats={stats.state.data} />}

      {thisWeek.length > 0 && (
        <View className="med-bench__block">
          <Text className="med-bench__title">本周调解 {thisWeek.length} 场</Text>
          {thisWeek.map((item) => (
            <View key={item.caseId} className="med-bench__line" onClick={() => open(item.caseId)}>
              <Text className="med-bench__when">{formatDateTime(item.nextSessionAt ?? '')}</Text>
              <Text className="med-bench__what">{item.title}</Text>
              <Text className="med-bench__chevron">›</Text>
            </View>
          ))}
        </View>
      )}
      {followUps.length > 0 && (
        <View className="med-bench__block med-bench__block--due">
          <Text className="med-bench__title">待回访 {followUps.length} 件</Text>
          {followUps.map((item) => (
            <View key={item.caseId} className="med-bench__line" onClick={() => open(item.caseId)}>
              <Text className="med-bench__what">{item.title}</Text>
              <Text className="med-bench__chevron">›</Text>
            </View>
          ))}
        </View>
      )}

      <FilterTabs options={filters} value={filter} onChange={setFilter} />
      <FilterTabs options={tierFilters} value={tier} onChange={setTier} />
      <PagedList
        list={shown}
        empty={{ title: filter === 'open' ? '没有待办的调解' : '还没有调解案件', hint: '有新的调解案件指派给您时会通知您。' }}
      >
        {(item: MediationItem) => <MediationRow key={item.caseId} item={item} onOpen={open} />}
      </PagedList>
    </View>
  )
}

/** Scheduled sessions from Monday to Sunday of this week (Beijing time), soonest first. */
function sessionsThisWeek(items: MediationItem[]): MediationItem[] {
  const now = beijing(Date.now())
  const from = now.startOf('week')
  const to = now.endOf('week')
  return items
    .filter((i) => i.nextSessionAt !== null && !beijing(i.nextSessionAt).isBefore(from) && !beijing(i.nextSessionAt).isAfter(to))
    .sort((a, b) => (a.nextSessionAt ?? '').localeCompare(b.nextSessionAt ?? ''))
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`
}

/** My own cases first; the station's figure beside it for those who see the whole station. */
function StatsCard({ stats }: { stats: StatsOutput }) {
  const mine: StatsBucket | undefined = stats.ownOnly ? stats.overall : stats.byMediator.find((m) => m.isMe)
  return (
    <View className="med-bench__stats">
      <Text className="med-bench__title">近{statsMonths}个月调解成效</Text>
      <View className="med-bench__figures">
        <Figure label="我调结" value={`${mine?.closed ?? 0} 件`} />
        <Figure label="我的成功率" value={percent(mine?.successRate ?? null)} />
        <Figure label="用时中位数" value={mine?.medianDaysToClose != null ? `${mine.medianDaysToClose} 天` : '—'} />
      </View>
      {!stats.ownOnly && (
        <Text className="med-bench__station">
          全所调结 {stats.overall.closed} 件 · 成功率 {percent(stats.overall.successRate)}
        </Text>
      )}
    </View>
  )
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <View className="med-bench__figure">
      <Text className="med-bench__figure-value">{value}</Text>
      <Text className="med-bench__figure-label">{label}</Text>
    </View>
  )
}
