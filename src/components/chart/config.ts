/**
 * What a chart shows, turned into a Chart.js configuration. Pure (no canvas, no Taro) so that the
 * mapping is tested in Node and every chart of the app looks the same: one palette, Chinese labels,
 * values printed on the bars (officers read exact numbers, and canvas has no tooltips here).
 */
import type { ChartConfiguration, Plugin } from 'chart.js'

export interface ChartSeries {
  /** Shown in the legend when there is more than one series, e.g. "满意度". */
  name: string
  /** One value per label; null leaves a gap (a month without a survey). */
  values: (number | null)[]
}

export interface ChartSpec {
  type: 'bar' | 'line'
  /** Bars grow to the right: better for long Chinese option texts. */
  horizontal?: boolean
  labels: string[]
  series: ChartSeries[]
  /** Fixed value-axis range, e.g. 1–5 for ratings or 0–100 for percentages. */
  min?: number
  max?: number
  /** Appended to printed values: '%', '人', '分'. */
  unit?: string
  /** Decimal places of printed values (default 0; ratings want 1). */
  decimals?: number
}

/** The app's primary blue first, then colours that stay apart for colour-blind readers. */
export const palette = ['#1d4ed8', '#15803d', '#b45309', '#7c3aed', '#c62828', '#0e7490']
const textColor = '#1f2937'
const gridColor = '#e5e7eb'
export const fontFamily = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'

export function formatValue(value: number, spec: Pick<ChartSpec, 'unit' | 'decimals'>): string {
  return `${value.toFixed(spec.decimals ?? 0)}${spec.unit ?? ''}`
}

/** Draws each bar's / point's value next to it. */
function valueLabels(spec: ChartSpec): Plugin {
  return {
    id: 'fqValueLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart
      ctx.save()
      ctx.fillStyle = textColor
      ctx.font = `12px ${fontFamily}`
      chart.data.datasets.forEach((dataset, di) => {
        chart.getDatasetMeta(di).data.forEach((element, i) => {
          const value = dataset.data[i]
          if (typeof value !== 'number') return
          const { x, y } = element.getProps(['x', 'y'], true) as { x: number; y: number }
          const text = formatValue(value, spec)
          if (spec.horizontal) {
            ctx.textAlign = 'left'
            ctx.textBaseline = 'middle'
            ctx.fillText(text, x + 4, y)
          } else {
            ctx.textAlign = 'center'
            ctx.textBaseline = 'bottom'
            ctx.fillText(text, x, y - 4)
          }
        })
      })
      ctx.restore()
    },
  }
}

export function chartConfig(spec: ChartSpec): ChartConfiguration {
  const valueAxis = spec.horizontal ? 'x' : 'y'
  const categoryAxis = spec.horizontal ? 'y' : 'x'
  const multi = spec.series.length > 1
  const tickFont = { family: fontFamily, size: 12 }
  return {
    type: spec.type,
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s, i) => ({
        label: s.name,
        data: s.values,
        backgroundColor: palette[i % palette.length],
        borderColor: palette[i % palette.length],
        borderWidth: spec.type === 'line' ? 2 : 0,
        pointRadius: spec.type === 'line' ? 3 : undefined,
        spanGaps: false,
        maxBarThickness: 28,
      })),
    },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      animation: false,
      responsive: false,
      maintainAspectRatio: false,
      // Room for the printed values above / right of the largest bar.
      layout: { padding: { top: spec.horizontal ? 0 : 18, right: spec.horizontal ? 40 : 8 } },
      plugins: {
        legend: { display: multi, labels: { font: tickFont, color: textColor, boxWidth: 12 } },
        tooltip: { enabled: false },
      },
      scales: {
        [valueAxis]: {
          min: spec.min ?? 0,
          max: spec.max,
          grid: { color: gridColor },
          ticks: { font: tickFont, color: textColor, precision: spec.decimals ? undefined : 0 },
        },
        [categoryAxis]: { grid: { display: false }, ticks: { font: tickFont, color: textColor, autoSkip: false } },
      },
    },
    plugins: [valueLabels(spec)],
  } as ChartConfiguration
}
