import { View, Text } from '@tarojs/components'
import { patrolStatusLabels } from '@/types/enums'
import type { PatrolSummary } from '@/types/patrol'
import { formatDateTime } from '@/lib/dates'
import './PatrolRow.scss'

/** One patrol in a history list: when, where it went, what it found. */
export default function PatrolRow({ item, onOpen }: { item: PatrolSummary; onOpen: (id: string) => void }) {
  return (
    <View className="fq-patrol-row" onClick={() => onOpen(item.id)}>
      <View className="fq-patrol-row__head">
        <Text className="fq-patrol-row__when">{formatDateTime(item.startedAt)}</Text>
        <Text className={`fq-patrol-row__status fq-patrol-row__status--${item.status}`}>{patrolStatusLabels[item.status]}</Text>
      </View>
      <Text className="fq-patrol-row__route">{item.routeText || `${item.communityName} · 尚未记录途经楼栋`}</Text>
      <Text className="fq-patrol-row__meta">
        {item.volunteerName} · {item.findingCount > 0 ? `发现 ${item.findingCount} 处隐患` : '未发现隐患'}
      </Text>
    </View>
  )
}
