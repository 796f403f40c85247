/**
 * H5: the router loads every page as its own chunk, so the first page's code is only requested after
 * the app's scripts have run — one more round trip before anything shows. This webpack plugin adds
 * <link rel="preload"> for the chunks (script and stylesheet) of the first page to index.html, so they
 * download beside the app's scripts. Lighthouse (issue 14) measured the home page's chunk starting
 * ~450 ms after them on its simulated slow 4G.
 */
import path from 'node:path'
import type { Compilation, Compiler, Module } from 'webpack'
import type HtmlWebpackPluginType from 'html-webpack-plugin'

// The html-webpack-plugin instance Taro's runner uses: its hooks are per instance.
const HtmlWebpackPlugin = require(require.resolve('html-webpack-plugin', { paths: [path.dirname(require.resolve('@tarojs/webpack5-runner'))] })) as typeof HtmlWebpackPluginType

const NAME = 'PreloadFirstPage'

export default class PreloadFirstPage {
  /** @param pageFile absolute path of the first page's source, without its extension. */
  constructor(private readonly pageFile: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap(NAME, (data) => {
        const files = this.pageFiles(compilation)
        if (!files.length) compilation.warnings.push(new compiler.webpack.WebpackError(`${NAME}: no chunk holds ${this.pageFile}; nothing preloaded`))
        const publicPath = compilation.getPath(compilation.outputOptions.publicPath || '/', {})
        for (const file of files) {
          const as = file.endsWith('.css') ? 'style' : 'script'
          data.headTags.push({ tagName: 'link', voidTag: true, meta: { plugin: NAME }, attributes: { rel: 'preload', as, href: `${publicPath}${file}` } })
        }
        return data
      })
    })
  }

  /** The files of every chunk the page's async chunk group loads (its own and split-off shared ones). */
  private pageFiles(compilation: Compilation): string[] {
    const { chunkGraph } = compilation
    const page = this.pageFile.replace(/\\/g, '/')
    const isSource = (resource: unknown) => typeof resource === 'string' && resource.replace(/\\/g, '/').replace(/\.[jt]sx?(\?.*)?$/, '') === page
    // Production builds concatenate modules: the page may sit inside a ConcatenatedModule.
    const isPage = (m: Module): boolean => {
      const c = m as Module & { resource?: unknown; rootModule?: Module; modules?: Iterable<Module> }
      return isSource(c.resource) || (c.rootModule !== undefined && isPage(c.rootModule)) || [...(c.modules ?? [])].some(isPage)
    }
    const files = new Set<string>()
    for (const chunk of compilation.chunks) {
      if (chunk.canBeInitial()) continue
      if (![...chunkGraph.getChunkModulesIterable(chunk)].some(isPage)) continue
      for (const group of chunk.groupsIterable) {
        for (const c of group.chunks) {
          if (c.canBeInitial()) continue
          for (const f of c.files) if (/\.(js|css)$/.test(f)) files.add(f)
        }
      }
    }
    return [...files].sort()
  }
}
