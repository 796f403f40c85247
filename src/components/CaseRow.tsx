import { View, Text } from '@tarojs/components'
import { caseKindLabels, type CaseKind, type CaseStatus } from '@/types/enums'
import { formatRelative } from '@/lib/relativeTime'
import StatusTag from './StatusTag'
import './CaseRow.scss'

interface CaseRowData {
  id: string
  kind: CaseKind
  status: CaseStatus
  title: string
  updatedAt: string
  unread: boolean
  overdue: boolean
  urgent: boolean
  caseNo?: string | null
  snippet?: string
}

interface Props {
  item: CaseRowData
  onOpen: (id: string) => void
  /** Extra line under the title (staff: building and reporter). */
  meta?: string
}

/** One case in a list: big enough to tap, the state in words, a red dot when something is new. */
export default function CaseRow({ item, onOpen, meta }: Props) {
  return (
    <View className={`fq-case-row${item.overdue ? ' fq-case-row--overdue' : ''}`} onClick={() => onOpen(item.id)}>
      <View className="fq-case-row__head">
        <Text className={`fq-case-row__kind fq-case-row__kind--${item.kind}`}>{caseKindLabels[item.kind]}</Text>
        {item.urgent && <Text className="fq-case-row__flag">紧急</Text>}
        {item.overdue && <Text className="fq-case-row__flag">已超时</Text>}
        <View className="fq-case-row__spacer" />
        <StatusTag status={item.status} />
      </View>
      <View className="fq-case-row__title">
        {item.unread && <View className="fq-case-row__dot" />}
        <Text>{item.title}</Text>
      </View>
      {item.snippet ? <Text className="fq-case-row__snippet">{item.snippet}</Text> : null}
      {meta && <Text className="fq-case-row__meta">{meta}</Text>}
      <Text className="fq-case-row__time">
        {item.unread ? '有新进展 · ' : ''}更新于 {formatRelative(item.updatedAt)}
        {item.caseNo ? ` · ${item.caseNo}` : ''}
      </Text>
    </View>
  )
}
