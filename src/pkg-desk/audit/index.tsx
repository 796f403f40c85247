import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { call } from '@/services'
import { usePaged } from '@/hooks/usePaged'
import PagedList, { FilterTabs } from '@/components/PagedList'
import { auditActionLabels, auditActions, type AuditActionName } from '@/types/stationLabels'
import { formatDateTime } from '@/lib/dates'
import { elderClass } from '@/lib/elderMode'
import '../styles/desk.scss'

type Filter = 'any' | AuditActionName
const filters: { value: Filter; label: string }[] = [
  { value: 'any', label: '全部' },
  ...auditActions.filter((a) => a !== 'cases_anonymised').map((value) => ({ value, label: auditActionLabels[value] })),
]

interface Item {
  id: string
  action: AuditActionName
  at: string
  actorName: string
  detail: string
  target: { kind: string; id: string | null; label: string } | null
}

/** Who read, exported or changed what, newest first (station admin only). */
export default function DeskAudit() {
  const [filter, setFilter] = useState<Filter>('any')
  const list = usePaged(
    (cursor) => call('station.auditLog', { pageSize: 20, ...(filter === 'any' ? {} : { action: filter }), ...(cursor ? { cursor } : {}) }),
    filter,
  )
  return (
    <View className={`desk${elderClass()}`}>
      <View className="desk__bar">
        <Text className="desk__title">审计日志</Text>
        <Text className="desk__hint">工作人员查看个人信息、导出数据、授予或撤销角色、签发或作废邀请码，均记录在此，不可修改。</Text>
      </View>
      <FilterTabs options={filters} value={filter} onChange={setFilter} />
      <View className="desk__card">
        <PagedList list={list} empty={{ title: '没有记录', hint: '换一个筛选条件试试。' }}>
          {(item: Item) => (
            <View key={item.id} className="desk__row desk-audit__row">
              <View className="desk__row-main">
                <Text className="desk-audit__what">{auditActionLabels[item.action]} · {item.actorName}</Text>
                <Text className="desk__note">{item.detail}</Text>
                {item.target && <Text className="desk__hint">对象：{item.target.label}</Text>}
              </View>
              <Text className="desk__hint">{formatDateTime(item.at)}</Text>
            </View>
          )}
        </PagedList>
      </View>
    </View>
  )
}
