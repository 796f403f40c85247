import Taro from '@tarojs/taro'
import { routePath, type RouteName, type RouteParams } from './routes'

type ParamArgs<R extends RouteName> = RouteParams[R] extends undefined
  ? []
  : undefined extends RouteParams[R]
    ? [params?: RouteParams[R]]
    : [params: RouteParams[R]]

/** URL for a route with its query; values are URI-encoded. */
export function routeUrl<R extends RouteName>(route: R, ...args: ParamArgs<R>): string {
  const params = (args[0] ?? {}) as Record<string, string | undefined>
  const query = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&')
  return `/${routePath(route)}${query ? `?${query}` : ''}`
}

/** Opens a page on top of the current one. */
export function navigate<R extends RouteName>(route: R, ...args: ParamArgs<R>): void {
  void Taro.navigateTo({ url: routeUrl(route, ...args) })
}

/** Replaces the current page (e.g. a finished form by the case it created). */
export function redirect<R extends RouteName>(route: R, ...args: ParamArgs<R>): void {
  void Taro.redirectTo({ url: routeUrl(route, ...args) })
}

/** Back to home, dropping the page stack (after joining a community, after withdrawing). */
export function goHome(): void {
  void Taro.reLaunch({ url: routeUrl('home') })
}

/** Goes back one page, or home when the page was opened directly (shared card, H5 reload). */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else goHome()
}
