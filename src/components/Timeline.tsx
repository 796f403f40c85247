import { View, Text } from '@tarojs/components'
import { caseStatusLabels, timelineTypeLabels } from '@/types/enums'
import type { TimelineEntry } from '@/types/case'
import { formatDateTime } from '@/lib/dates'
import './Timeline.scss'

/** The case's history, newest first: who did what, when, and any words meant for the reader. */
export default function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const newestFirst = [...entries].sort((a, b) => b.at.localeCompare(a.at))
  return (
    <View className="fq-timeline">
      {newestFirst.map((entry, index) => (
        <View key={entry.id} className={`fq-timeline__item${index === 0 ? ' fq-timeline__item--latest' : ''}`}>
          <View className="fq-timeline__rail">
            <View className="fq-timeline__dot" />
            {index < newestFirst.length - 1 && <View className="fq-timeline__line" />}
          </View>
          <View className="fq-timeline__body">
            <View className="fq-timeline__head">
              <Text className="fq-timeline__type">{timelineTypeLabels[entry.type]}</Text>
              {entry.toStatus && entry.toStatus !== entry.fromStatus && <Text className="fq-timeline__status">{caseStatusLabels[entry.toStatus]}</Text>}
              {entry.visibility === 'internal' && <Text className="fq-timeline__internal">仅内部可见</Text>}
            </View>
            <Text className="fq-timeline__who">
              {entry.actor.name} · {formatDateTime(entry.at)}
            </Text>
            {entry.text && <Text className="fq-timeline__text">{entry.text}</Text>}
          </View>
        </View>
      ))}
    </View>
  )
}
