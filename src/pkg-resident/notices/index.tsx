import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import { call } from '@/services'
import { usePaged } from '@/hooks/usePaged'
import PagedList, { FilterTabs } from '@/components/PagedList'
import BottomSheet from '@/components/BottomSheet'
import { noticeCategoryLabels, type NoticeCategory } from '@/types/enums'
import type { NoticeSummary, NoticeView } from '@/types/notice'
import { formatDate } from '@/lib/dates'
import SurveySection from './SurveySection'
import { elderClass } from '@/lib/elderMode'
import './index.scss'
import { imageAlt } from '@/lib/imageAlt'

type Filter = 'all' | NoticeCategory
// Short words so the five pills fit one row on a phone.
const filters: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'anti_fraud', label: '反诈' },
  { value: 'dog_keeping', label: '养犬' },
  { value: 'fire_safety', label: '消防' },
  { value: 'other', label: '其他' },
]

/**
 * "通知与问卷": my community's surveys (this month's and earlier ones, issue 10), then every notice of
 * my community and my station, newest first, by category; one opens in full (and counts as read).
 */
export default function Notices() {
  const [filter, setFilter] = useState<Filter>('all')
  const list = usePaged(
    (cursor) => call('notices.list', { pageSize: 10, ...(filter === 'all' ? {} : { category: filter }), ...(cursor ? { cursor } : {}) }),
    filter,
  )
  const [open, setOpen] = useState<NoticeSummary | null>(null)
  const [full, setFull] = useState<NoticeView | null>(null)

  const show = (notice: NoticeSummary) => {
    setOpen(notice)
    setFull(null)
    void call('notices.get', { noticeId: notice.id }).then((res) => res.ok && setFull(res.data))
  }

  return (
    <View className={`notices${elderClass()}`}>
      <SurveySection />
      <FilterTabs options={filters} value={filter} onChange={setFilter} />
      <PagedList list={list} empty={{ title: '暂时没有通知', hint: '社区民警和派出所发布的通知会出现在这里。' }}>
        {(n) => (
          <View key={n.id} className="notices__row" onClick={() => show(n)}>
            <View className="notices__head">
              <Text className={`notices__tag notices__tag--${n.category}`}>{noticeCategoryLabels[n.category]}</Text>
              <Text className="notices__date">{formatDate(n.publishedAt)}</Text>
            </View>
            <Text className="notices__title">{n.title}</Text>
            <Text className="notices__summary">{n.summary}</Text>
          </View>
        )}
      </PagedList>
      <BottomSheet visible={open !== null} title={open?.title} onClose={() => setOpen(null)}>
        {open && (
          <View className="notices__body">
            <Text className="notices__date">
              {noticeCategoryLabels[open.category]} · {formatDate(open.publishedAt)}
              {full?.communityName ? ` · ${full.communityName}` : ''}
            </Text>
            {full?.coverUrl && <Image className="notices__cover" src={full.coverUrl} mode="widthFix" {...imageAlt(`${full.title}的封面图`)} />}
            <Text className="notices__text">{full?.body ?? open.summary}</Text>
          </View>
        )}
      </BottomSheet>
    </View>
  )
}
