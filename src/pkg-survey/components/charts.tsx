import { View, Text } from '@tarojs/components'
import type { TrendPoint } from '@/types/survey'
import { shortMonth } from './month'

interface Row {
  label: string
  count: number
}

/** Choices of one question as bars. */
export function ChoiceChart({ rows }: { id: string; rows: Row[] }) {
  const max = Math.max(1, ...rows.map((r) => r.count))
  return (
    <View className="survey-chart">
      {rows.map((r) => (
        <View key={r.label} className="survey-chart__bar" style={{ width: `${(r.count / max) * 100}%` }} />
      ))}
    </View>
  )
}

export function RatingChart(props: { id: string; rows: Row[] }) {
  return <ChoiceChart {...props} />
}

export function TrendChart({ points }: { points: TrendPoint[] }) {
  return (
    <View className="survey-chart">
      {points.map((p) => (
        <Text key={p.month}>
          {shortMonth(p.month)} {p.satisfaction ?? '—'} / {p.safety ?? '—'}
        </Text>
      ))}
    </View>
  )
}
