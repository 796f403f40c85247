/**
 * H5 start-up in slices (issue 14: Lighthouse's Total Blocking Time). Taro's generated entry evaluates
 * everything the first page needs (Taro's runtime, router and components, React DOM, our app.ts) in
 * one script task: ~60 ms here, ~240 ms on Lighthouse's simulated phone, nearly all of it blocking.
 * This plugin moves the head of that entry into entries of their own, each depending on the one
 * before and `app` on the last; the browser evaluates each script in a task of its own (index.html
 * lists them in this order), so the start-up is paid in four shorter tasks.
 * The slices keep the generated entry's order (Taro's runtime before anything that uses it), except
 * that React DOM now runs before app.ts, which does not use it. Taro's component styles come with
 * them: as the first stylesheets, ours still override them, as when Taro injected them at the top of
 * <head>.
 */
import path from 'node:path'
import type { Compiler } from 'webpack'

const NAME = 'StartupSlices'

/** The head of Taro's generated H5 entry (@tarojs/taro-loader h5) with the styles it imports, sliced. */
const STARTUP_SLICES: Record<string, string[]> = {
  'start-taro': [
    '@tarojs/plugin-platform-h5/dist/runtime',
    '@tarojs/plugin-framework-react/dist/runtime',
    '@tarojs/taro',
    '@tarojs/router',
    '@tarojs/components/global.css',
  ],
  'start-react': ['react', 'react-dom/client', '@tarojs/components', '@tarojs/components-react/dist/index.css'],
  // Our app.ts and what it imports; its styles after Taro's, as in the generated entry.
  'start-app': [path.resolve(__dirname, '../src/app')],
}

/** Script and stylesheet order for index.html. */
export const STARTUP_CHUNKS = [...Object.keys(STARTUP_SLICES), 'app']

export default class StartupSlices {
  apply(compiler: Compiler): void {
    // The compiler reads `entry` when it applies its options, after plugins are applied: edited here, it counts.
    const entry = compiler.options.entry
    if (typeof entry === 'function' || !entry.app) throw new Error(`${NAME}: expected a static entry named app`)
    let previous: string | undefined
    for (const [name, imports] of Object.entries(STARTUP_SLICES)) {
      entry[name] = { import: imports, ...(previous ? { dependOn: [previous] } : {}) }
      previous = name
    }
    entry.app.dependOn = [...(entry.app.dependOn ?? []), previous!]
  }
}
