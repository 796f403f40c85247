import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { usePaged } from '@/hooks/usePaged'
import { navigate } from '@/navigation'
import CaseRow from '@/components/CaseRow'
import PagedList, { FilterTabs } from '@/components/PagedList'
import type { InboxItem } from '@/types/case'
import { formatDue } from '@/lib/relativeTime'
import { elderClass } from '@/lib/elderMode'
import { caseNoPattern } from '@/types/limits'
import './index.scss'

type Filter = 'open' | 'all'
const filters: { value: Filter; label: string }[] = [
  { value: 'open', label: '待办' },
  { value: 'all', label: '全部' },
]

/** What the list under the overdue section is, per filter (issue 11: 待办 is in deadline order). */
const listTitles: Record<Filter, string> = { open: '待办 · 紧急优先，按受理时限排序', all: '全部 · 按提交时间' }

function metaOf(item: InboxItem): string {
  const due = item.slaDueAt && (item.status === 'submitted' || item.status === 'reopened') ? formatDue(item.slaDueAt).text : null
  return [item.buildingName ?? item.gridName, item.reporterLabel, due, item.escalated ? '已上报所领导' : null, item.pressed ? '今日已督办' : null].filter(Boolean).join(' · ')
}

/**
 * The staff inbox: an officer's cases, the admin's plus the station's overdue ones, a grid worker's
 * grid (read-only but for internal notes). Each case shows once: overdue ones only in their section.
 */
export default function StaffInbox() {
  const [filter, setFilter] = useState<Filter>('open')
  // issue 14: find one case by its 受理编号 (the backend answers only a case the caller may see).
  const [typed, setTyped] = useState('')
  const [caseNo, setCaseNo] = useState('')
  const [typedError, setTypedError] = useState<string | null>(null)
  const list = usePaged(
    (cursor) => call('cases.inbox', caseNo ? { filter, pageSize: 10, caseNo } : { filter, pageSize: 10, ...(cursor ? { cursor } : {}) }),
    `${filter}|${caseNo}`,
  )
  const search = () => {
    const wanted = typed.trim().toUpperCase()
    if (wanted && !caseNoPattern.test(wanted)) return setTypedError('受理编号格式应如 HY-20261130-0042')
    setTypedError(null)
    setCaseNo(wanted)
  }
  const clear = () => {
    setTyped('')
    setTypedError(null)
    setCaseNo('')
  }
  const first = list.first
  const overdue = first?.overdue ?? []
  const overdueCount = first?.overdueCount ?? 0
  const row = (item: InboxItem) => <CaseRow key={item.id} item={item} meta={metaOf(item)} onOpen={(id) => navigate('staffCase', { id })} />

  return (
    <View className={`inbox${elderClass()}`}>
      <View className="inbox__search">
        <Input
          className="inbox__input"
          value={typed}
          onChange={setTyped}
          placeholder="输入受理编号查找，如 HY-20261130-0042"
          maxLength={24}
          confirmType="search"
          onConfirm={search}
        />
        <Text className="inbox__search-button" onClick={search}>查找</Text>
      </View>
      {typedError && <Text className="inbox__unread">{typedError}</Text>}
      {first && first.scope !== 'grid' && (
        // issue 11: the officer's and the admin's own replies (常用回复) are managed from their workbench.
        <Text className="inbox__templates" onClick={() => navigate('staffTemplates')}>常用回复 ›</Text>
      )}
      {caseNo ? (
        <View className="inbox__found">
          <Text className="inbox__note">{`受理编号 ${caseNo} 的查找结果`}</Text>
          <Text className="inbox__clear" onClick={clear}>返回列表</Text>
        </View>
      ) : (
        <FilterTabs options={filters} value={filter} onChange={setFilter} />
      )}
      {first?.scope === 'grid' && <Text className="inbox__note">本网格的案件：由社区民警受理办结，您可以查看并添加内部备注。</Text>}
      {/* issue 11: no count here: the one unread count is 消息 on home; a dot marks each case with news. */}
      <PagedList
        list={list}
        empty={
          caseNo
            ? { title: '没有找到这个受理编号的案件', hint: '请核对编号；只能查到您有权办理或查看的案件。' }
            : overdue.length > 0
              ? null
              : { title: filter === 'open' ? '没有待办案件' : '还没有案件', hint: '有新案件时会通知您。' }
        }
        before={
          first && (
            <View>
              {overdueCount > 0 && (
                <View>
                  <Text className="inbox__section inbox__section--late">
                    超时未受理 {overdueCount} 件{first.scope === 'station' ? '（含各网格上报督办的）' : ''}
                  </Text>
                  {overdue.map(row)}
                  {overdueCount > overdue.length && <Text className="inbox__note">另有 {overdueCount - overdue.length} 件超时案件，请先处理以上最早到期的</Text>}
                </View>
              )}
              {first.items.length > 0 && <Text className="inbox__section">{listTitles[filter]}</Text>}
            </View>
          )
        }
      >
        {row}
      </PagedList>
    </View>
  )
}
