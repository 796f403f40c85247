/**
 * Which client runs this bundle. Inside services, branch on `process.env.TARO_ENV` itself: Taro
 * turns it into a literal, so webpack drops the other platform's code from the bundle (an imported
 * constant like these is not folded across modules). These are for pages that only need to know.
 */
export const isWeapp = process.env.TARO_ENV === 'weapp'
export const isH5 = process.env.TARO_ENV === 'h5'

/** Gateway origin for H5 ('' = same origin, the gateway serves dist/h5). */
export const gatewayBase = FQ_GATEWAY_BASE
