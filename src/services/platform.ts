/** Which client runs this bundle; Taro replaces `process.env.TARO_ENV` at build time, so dead branches drop out. */
export const isWeapp = process.env.TARO_ENV === 'weapp'
export const isH5 = process.env.TARO_ENV === 'h5'

/** Gateway origin for H5 ('' = same origin, the gateway serves dist/h5). */
export const gatewayBase = FQ_GATEWAY_BASE
