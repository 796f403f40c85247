import { Canvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import type { ChartSpec } from './config'
import { drawChart, type CanvasNode } from './draw'
import './index.scss'

export type { ChartSeries, ChartSpec } from './config'
export { formatValue } from './config'

interface Props extends ChartSpec {
  /** CSS pixels; the width is the container's. */
  height?: number
  /** What the chart says in one sentence, for screen readers (a canvas has no text). */
  summary: string
}

let nextId = 0

function pixelRatio(): number {
  const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync()
  return info.pixelRatio || 1
}

/**
 * A bar or line chart (Chart.js on Canvas 2D). Redrawn when what it shows changes. Pages should also
 * show the exact figures in text (a table or list) — the chart is the overview.
 */
export default function FqChart({ height = 220, summary, ...spec }: Props) {
  const id = useMemo(() => `fq-chart-${++nextId}`, [])
  const key = JSON.stringify(spec)
  useEffect(() => {
    let chart: { destroy(): void } | undefined
    let cancelled = false
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: CanvasNode; width?: number; height?: number } | null>) => {
          const hit = res?.[0]
          if (cancelled || !hit?.node || !hit.width) return
          chart = drawChart(hit.node, hit.width, hit.height || height, pixelRatio(), JSON.parse(key) as ChartSpec)
        })
    })
    return () => {
      cancelled = true
      chart?.destroy()
    }
  }, [id, key, height])
  return (
    <View className="fq-chart" role="img" ariaLabel={summary}>
      <Canvas type="2d" id={id} className="fq-chart__canvas" style={{ height: `${height}px` }} />
    </View>
  )
}
