import type { UserConfigExport } from '@tarojs/cli'
import { STARTUP_CHUNKS } from './startup-slices'

export default {
  mini: {},
  h5: {
    // The start-up slices (startup-slices.ts) in order: their scripts run in turn, and Taro's component
    // styles come before ours, which override them.
    htmlPluginOption: { chunks: STARTUP_CHUNKS, chunksSortMode: 'manual' },
  },
} satisfies UserConfigExport<'webpack5'>
