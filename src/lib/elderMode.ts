import Taro from '@tarojs/taro'

/**
 * 长辈模式 (issue 14): larger type, taller buttons, higher contrast, a simpler home. The resident's
 * choice is kept on the phone; without one it follows the system's font setting (large → on).
 * It is a root class (`fq-elder`) that changes the CSS variables in app.scss, so every page follows.
 */
export type ElderSetting = 'on' | 'off' | 'auto'

const KEY = 'fq-elder-mode'
/** WeChat answers 16 or 17 at the standard size; anything above is the user asking for larger text. */
const LARGE_FONT = 18

export function elderSetting(): ElderSetting {
  try {
    const v: unknown = Taro.getStorageSync(KEY)
    return v === 'on' || v === 'off' ? v : 'auto'
  } catch {
    return 'auto'
  }
}

export function systemFontLarge(): boolean {
  // H5: the browser's default text size. Taro's H5 getAppBaseInfo parses the user agent with platform.js
  // instead, ~40 ms of main thread at start, and knows no font setting.
  if (process.env.TARO_ENV === 'h5') return browserDefaultFontPx() >= LARGE_FONT
  try {
    // getAppBaseInfo is the current API (base library 2.20.1+); older clients only have getSystemInfoSync.
    const info: unknown = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()
    const size = (info as { fontSizeSetting?: unknown } | null)?.fontSizeSetting
    return typeof size === 'number' && size >= LARGE_FONT
  } catch {
    return false
  }
}

/** What `font-size: medium` resolves to, measured by src/index.html before the app's scripts run (0 if absent). */
function browserDefaultFontPx(): number {
  return Number(document.documentElement.getAttribute('data-fq-default-font-px')) || 0
}

export function elderModeOn(): boolean {
  const s = elderSetting()
  return s === 'on' || (s === 'auto' && systemFontLarge())
}

/** H5: the class goes on <html>, so every page and popup follows at once. */
export function applyElderMode(): void {
  if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('fq-elder', elderModeOn())
}

export function setElderSetting(s: ElderSetting): void {
  Taro.setStorageSync(KEY, s)
  applyElderMode()
}

/**
 * For each page's outermost view in the mini-program, which has no <html> to carry the class (every page
 * of the route table has it: scripts/elder-pages.ts adds it, test/architecture/elder-pages.test.ts checks).
 * Empty in H5, where <html> carries the class and follows a change at once.
 */
export const elderClass = () => (process.env.TARO_ENV !== 'h5' && elderModeOn() ? ' fq-elder' : '')
