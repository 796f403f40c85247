import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import type Chain from 'webpack-chain'
import devConfig from './dev'
import prodConfig from './prod'
import PreloadFirstPage from './preload-first-page'
import StartupSlices from './startup-slices'

const root = path.resolve(__dirname, '..')

/**
 * NutUI's stylesheets are written for a 375 px design, ours for 750 px; pxtransform asks per file.
 * Normalising backslashes keeps the check working on Windows checkouts too.
 */
function designWidth(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' ? input.file : undefined
  return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
}

/** NutUI's theme stylesheet, which app.ts imports once for the whole app. */
const nutuiTheme = /@nutui[\\/]nutui-react-taro[\\/]dist[\\/]styles[\\/]themes[\\/]default\.css$/

/** Shared by both targets: the theme's unused embedded fonts are dropped (see drop-font-faces.js). */
function dropNutuiFonts(chain: Chain): void {
  chain.module.rule('nutui-theme-fonts').test(nutuiTheme).enforce('pre').use('drop-font-faces').loader(path.join(__dirname, 'drop-font-faces.js'))
}

/**
 * The first page (types/routes.ts `mainRoutes.home`). Spelled out: Taro compiles only config/ when it
 * loads this file, so it cannot import the route table; the plugin warns when no chunk holds the page.
 */
const firstPage = 'pages/home/index'

/** H5: the first page's chunks download beside the app's scripts (see preload-first-page.ts). */
function h5Chain(chain: Chain): void {
  dropNutuiFonts(chain)
  chain.resolve.alias.set('platform$', path.join(__dirname, 'platform-lazy.js'))
  chain.plugin('preload-first-page').use(PreloadFirstPage, [path.join(root, 'src', firstPage)])
  if (process.env.NODE_ENV !== 'development') slicedStartup(chain)
}

/**
 * Production H5 only (development keeps Taro's single entry, which React Fast Refresh expects):
 * start-up in slices (startup-slices.ts, index.html order in prod.ts). Taro's own component styles are
 * extracted into a stylesheet like ours (customStyle) instead of being injected by style-loader while
 * the app's first script runs; the slices put them first.
 */
function slicedStartup(chain: Chain): void {
  chain.module.rules.delete('taroStyle')
  chain.module.rule('customStyle').exclude.clear()
  chain.plugin('startup-slices').use(StartupSlices)
}

/** Build-time settings a deployer changes without touching code (see README: configuration). */
const cloudEnv = process.env.TARO_APP_CLOUD_ENV ?? 'fengqiao-local'
const gatewayBase = process.env.TARO_APP_GATEWAY ?? ''

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'fengqiao-home',
    date: '2026-11-29',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Mini-program only. WeChat templates cannot recurse, so base.wxml (main package) repeats every nesting
    // element's template once per level; deeper nodes go on inside Taro's `comp` component, which starts
    // again at level 0. 12 levels instead of Taro's 16 saves ~11 KB of the main package's 400; the few
    // deeper subtrees cost one extra component instance each.
    baseLevel: 12,
    // The H5 dev server (npm run dev:h5) writes elsewhere: Taro empties its output folder on start,
    // and dist/h5 is the production build the gateway and the browser tests serve.
    outputRoot: process.env.TARO_ENV === 'h5' && process.env.NODE_ENV === 'development' ? 'dist/h5-dev' : `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      FQ_CLOUD_ENV: JSON.stringify(cloudEnv),
      FQ_GATEWAY_BASE: JSON.stringify(gatewayBase),
    },
    alias: {
      // Order matters: the more specific alias must win over '@'.
      '@/types': path.join(root, 'types'),
      '@': path.join(root, 'src'),
    },
    // WeChat indexes every page unless sitemap.json says otherwise (app.config.ts sitemapLocation).
    copy: { patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' }] : [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // Persistent webpack cache: a rebuild on this shared machine drops from ~20 s to ~5 s.
    // The page list is generated from types/routes.ts, which the cache does not see through
    // app.config.ts: listed as a build dependency, a route change invalidates the cache.
    cache: { enable: true, buildDependencies: { config: [path.join(root, 'types/routes.ts'), path.join(root, 'src/app.config.ts'), path.join(__dirname, 'drop-font-faces.js'), path.join(__dirname, 'preload-first-page.ts'), path.join(__dirname, 'startup-slices.ts'), path.join(__dirname, 'prod.ts'), path.join(__dirname, 'platform-lazy.js')] } },
    mini: {
      // types/ sits outside src/ but is TypeScript the app compiles like its own code. Pages import
      // only its zod-free modules at runtime (types/enums.ts; schemas with `import type`), which keeps
      // zod out of the main package; test/weapp/zod-free.test.ts fails the day that changes.
      compile: { include: [path.join(root, 'types')] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      // Modules only subpackages use stay in those subpackages, keeping the main package small.
      optimizeMainPackage: { enable: true },
      // No `minifyXML.collapseWhitespace`: its minifier drops the closing tag of <input>, and WeChat's
      // template compiler (test/weapp renders with it) then refuses base.wxml.
      webpackChain: dropNutuiFonts,
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Taro's plain React components instead of its web components (Stencil): on Lighthouse's mobile profile
      // the home page's main-thread work fell from 7.5 s to 2.4 s and Total Blocking Time from 3.9 s to 0.5 s.
      useHtmlComponents: true,
      compile: { include: [path.join(root, 'types')] },
      webpackChain: h5Chain,
      // Content hashes: a file's name changes only when its bytes do, so the gateway's year-long
      // `immutable` caching (local-stack/gateway/static-files.ts) keeps unchanged chunks across builds.
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return process.env.NODE_ENV === 'development' ? merge({}, baseConfig, devConfig) : merge({}, baseConfig, prodConfig)
})
