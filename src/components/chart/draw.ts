/**
 * Chart.js on a Canvas 2D node, the same way in weapp (the node from a selector query) and H5 (the
 * <canvas> inside Taro's canvas component). Only the controllers the app uses are registered, which
 * keeps the library at about 150 KB minified in the subpackages that draw charts.
 */
import {
  BarController,
  BarElement,
  BasicPlatform,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
} from 'chart.js'
import { chartConfig, type ChartSpec } from './config'

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend)

/** What Chart.js needs of a canvas; both the DOM canvas and weapp's Canvas 2D node have it. */
export interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): CanvasRenderingContext2D | null
}

/**
 * BasicPlatform draws without DOM events (nothing to hover on a phone); it expects `context.canvas`,
 * which weapp's Canvas 2D context may lack, so it is set from the node.
 */
class NodePlatform extends BasicPlatform {
  override acquireContext(canvas: CanvasNode) {
    const context = canvas.getContext('2d')
    if (context && !context.canvas) Object.defineProperty(context, 'canvas', { value: canvas })
    return context
  }
}

/** Sizes the backing store for the screen's pixel ratio and draws; `destroy()` before redrawing. */
export function drawChart(node: CanvasNode, cssWidth: number, cssHeight: number, pixelRatio: number, spec: ChartSpec): Chart {
  node.width = cssWidth
  node.height = cssHeight
  const config = chartConfig(spec)
  config.platform = NodePlatform
  config.options = { ...config.options, devicePixelRatio: pixelRatio }
  return new Chart(node as unknown as HTMLCanvasElement, config)
}
