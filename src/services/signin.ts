import Taro from '@tarojs/taro'
import { pagePath } from '@/types/routes'
import { gatewayBase } from './platform'

/**
 * What "请重新登录" does. In weapp the identity is WeChat's own, so a fresh start is enough;
 * in H5 the gateway's sign-in page sets the session cookie and comes back here.
 */
export function signInAgain(): void {
  if (process.env.TARO_ENV === 'h5') {
    const back = encodeURIComponent(window.location.pathname + window.location.hash)
    window.location.assign(`${gatewayBase}/login?next=${back}`)
    return
  }
  void Taro.reLaunch({ url: pagePath('home') })
}
