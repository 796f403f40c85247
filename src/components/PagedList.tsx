import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ReactNode } from 'react'
import type { CallError } from '@/services'
import { LoadError } from './LoadState'
import './PagedList.scss'

/** What `usePaged` returns, as far as the list needs it. */
interface Paged<T> {
  items: T[] | null
  hasMore: boolean
  loading: boolean
  error: CallError | null
  reload: () => void
  more: () => void
}

interface Props<T> {
  list: Paged<T>
  /** What an empty list says; `null` when the page shows something else instead (e.g. an overdue section). */
  empty: { title: string; hint: string } | null
  /** Shown between the first load and the items (e.g. the inbox's overdue section). */
  before?: ReactNode
  children: (item: T) => ReactNode
}

/**
 * A cursor-paged list (my cases, the inbox, notifications): first load, empty, the rows, then
 * "加载更多" or "没有更多了". A failed next page keeps the rows and offers 重试 under them.
 */
export default function PagedList<T>({ list, empty, before, children }: Props<T>) {
  const { items, error } = list
  if (items === null) {
    return error ? <LoadError error={error} onRetry={list.reload} /> : <Text className="fq-list__muted">正在加载…</Text>
  }
  return (
    <View>
      {before}
      {items.length === 0 && empty && (
        <View className="fq-list__empty">
          <Text className="fq-list__empty-title">{empty.title}</Text>
          <Text className="fq-list__muted">{empty.hint}</Text>
        </View>
      )}
      {items.map(children)}
      {error ? (
        <View className="fq-list__more">
          <Text className="fq-list__error">{error.message}</Text>
          <Button size="large" fill="outline" type="primary" onClick={list.hasMore ? list.more : list.reload}>
            重试
          </Button>
        </View>
      ) : list.hasMore ? (
        <View className="fq-list__more">
          <Button size="large" fill="outline" type="primary" loading={list.loading} onClick={list.more}>
            加载更多
          </Button>
        </View>
      ) : (
        items.length > 0 && <Text className="fq-list__muted">没有更多了</Text>
      )}
    </View>
  )
}

/** The filter pills above a list ("全部 / 办理中 / 已结束"). */
export function FilterTabs<V extends string>({ options, value, onChange }: { options: readonly { value: V; label: string }[]; value: V; onChange: (v: V) => void }) {
  return (
    <View className="fq-list__tabs">
      {options.map((o) => (
        <View key={o.value} className={`fq-list__tab${o.value === value ? ' fq-list__tab--on' : ''}`} onClick={() => onChange(o.value)}>
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}
