/**
 * H5 only: stands in for the `platform` package (user-agent parsing), which Taro's H5 API imports for
 * getSystemInfo / getDeviceInfo. The package parses the user agent as soon as it is evaluated, ~17 ms of
 * main thread inside the app's first task on a mid-range phone; here it is evaluated on first use,
 * which the app never makes at start (src/lib/elderMode.ts reads the text size without it).
 * Exactly the properties @tarojs/taro-h5 reads (dist/api/base/system.js).
 */
let parsed
const real = () => (parsed = parsed || require('platform/platform.js'))

module.exports = {
  get manufacturer() { return real().manufacturer },
  get product() { return real().product },
  get os() { return real().os },
  get name() { return real().name },
  get version() { return real().version },
  get ua() { return real().ua },
}
