import FqChart from '@/components/chart'
import type { TrendPoint } from '@/types/survey'
import { shortMonth } from './month'

interface Row {
  label: string
  count: number
}

/** Height that fits one bar per row with room for its label. */
function barsHeight(rows: number): number {
  return Math.max(120, 40 * rows + 40)
}

/** A choice question: one horizontal bar per option (long Chinese option texts fit), people per option. */
export function ChoiceChart({ rows }: { rows: Row[] }) {
  return (
    <FqChart
      type="bar"
      horizontal
      height={barsHeight(rows.length)}
      labels={rows.map((r) => r.label)}
      series={[{ name: '人数', values: rows.map((r) => r.count) }]}
      unit="人"
      summary={rows.map((r) => `${r.label} ${r.count} 人`).join('，')}
    />
  )
}

/** A rating question: how many gave each score 1–5, as columns. */
export function RatingChart({ rows }: { rows: Row[] }) {
  return (
    <FqChart
      type="bar"
      height={180}
      labels={rows.map((r) => r.label)}
      series={[{ name: '人数', values: rows.map((r) => r.count) }]}
      unit="人"
      summary={rows.map((r) => `${r.label} ${r.count} 人`).join('，')}
    />
  )
}

/** Satisfaction and sense of safety, month over month (average score 1–5; a month without answers is a gap). */
export function TrendChart({ points }: { points: TrendPoint[] }) {
  const last = points[points.length - 1]
  return (
    <FqChart
      type="line"
      height={220}
      min={1}
      max={5}
      decimals={1}
      labels={points.map((p) => shortMonth(p.month))}
      series={[
        { name: '满意度', values: points.map((p) => p.satisfaction) },
        { name: '安全感', values: points.map((p) => p.safety) },
      ]}
      summary={`近${points.length}个月满意度与安全感走势${last ? `，本月满意度 ${last.satisfaction ?? '—'} 分，安全感 ${last.safety ?? '—'} 分` : ''}`}
    />
  )
}
