import Taro from '@tarojs/taro'
import { pagePath, type ParamArgs, type RouteName } from '@/types/routes'

/** Opens a page on top of the current one. */
export function navigate<R extends RouteName>(route: R, ...args: ParamArgs<R>): void {
  void Taro.navigateTo({ url: pagePath(route, ...args) })
}

/** Replaces the current page (e.g. a finished form by the case it created). */
export function redirect<R extends RouteName>(route: R, ...args: ParamArgs<R>): void {
  void Taro.redirectTo({ url: pagePath(route, ...args) })
}

/** Back to home, dropping the page stack (after joining a community, after withdrawing). */
export function goHome(): void {
  void Taro.reLaunch({ url: pagePath('home') })
}

/** Goes back one page, or home when the page was opened directly (shared card, H5 reload). */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else goHome()
}
