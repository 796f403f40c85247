import { useRouter } from '@tarojs/taro'

/**
 * A page's query parameter, decoded. `pagePath()` URI-encodes values (a survey id has a colon), and
 * neither WeChat's onLoad query nor Taro's H5 router (`decode: false`) decodes them again.
 */
export function useRouteParam(name: string): string | undefined {
  const raw = useRouter().params[name]
  if (raw === undefined) return undefined
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
