import type { UserConfigExport } from '@tarojs/cli'

/**
 * `npm run dev:h5`: the H5 app with hot reload on :10088, proxying the gateway's endpoints to the
 * stack `npm start` runs (default :10086), so the app and its API share one origin as in production.
 * Another gateway: FQ_DEV_GATEWAY=http://127.0.0.1:PORT npm run dev:h5
 */
const gateway = process.env.FQ_DEV_GATEWAY ?? 'http://127.0.0.1:10086'
const toGateway = { target: gateway, changeOrigin: false }

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      host: '127.0.0.1',
      port: 10088,
      proxy: { '/api': toGateway, '/login': toGateway, '/logout': toGateway, '/_dev': toGateway },
    },
  },
} satisfies UserConfigExport<'webpack5'>
