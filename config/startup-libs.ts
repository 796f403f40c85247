/**
 * H5 start-up in two tasks (issue 14: Lighthouse's Total Blocking Time). Taro's generated entry
 * evaluates everything the first page needs (Taro's runtime, router and components, React DOM, then
 * our code) in one script task: ~60 ms here, ~240 ms on Lighthouse's simulated phone, nearly all of it
 * blocking. This plugin adds an entry `libs` that `app` depends on; the browser evaluates its script in
 * a task of its own, so the libraries' start-up is paid there and the app's task shrinks (measured:
 * TBT median ~340 → ~220 ms over 8 runs each).
 * `libs` imports what the generated entry imports first, in the same order, so modules still run in
 * the order Taro intends. Taro's component styles come with them: as the first stylesheet (index.html
 * lists `libs` first), ours still override them, as when Taro injected them at the top of <head>.
 */
import type { Compiler } from 'webpack'

const NAME = 'StartupLibs'

/** The head of Taro's generated H5 entry (@tarojs/taro-loader h5), then the styles it imports. */
export const STARTUP_LIBS = [
  '@tarojs/plugin-platform-h5/dist/runtime',
  '@tarojs/plugin-framework-react/dist/runtime',
  '@tarojs/taro',
  '@tarojs/router',
  'react',
  'react-dom/client',
  '@tarojs/components',
  '@tarojs/components/global.css',
  '@tarojs/components-react/dist/index.css',
]

export default class StartupLibs {
  apply(compiler: Compiler): void {
    // The compiler reads `entry` when it applies its options, after plugins are applied: edited here, it counts.
    const entry = compiler.options.entry
    if (typeof entry === 'function' || !entry.app) throw new Error(`${NAME}: expected a static entry named app`)
    entry.libs = { import: STARTUP_LIBS }
    entry.app.dependOn = [...(entry.app.dependOn ?? []), 'libs']
  }
}
