import Taro from '@tarojs/taro'

let initialised = false

/** Taro.cloud must be initialised once before the first call; the env id comes from the build config. */
export function cloud(): typeof Taro.cloud {
  if (!initialised) {
    Taro.cloud.init({ env: FQ_CLOUD_ENV, traceUser: true })
    initialised = true
  }
  return Taro.cloud
}
