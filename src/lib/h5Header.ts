/**
 * The H5 build's header (issue 14): Taro's own navigation bar (page title, back / home button,
 * switched on by `navigationStyle: 'default'`) plus one line with the station's name and duty
 * hotline, tap to call. DOM only: the bar lives outside React. The mini-program has WeChat's bar.
 */
import { stationHeader } from './stationHeader'

export function mountStationStrip(tries = 120): void {
  const bar = document.getElementById('taro-navigation-bar')
  if (!bar) {
    // The router creates the bar when the app mounts, just after this module runs.
    if (tries > 0) requestAnimationFrame(() => mountStationStrip(tries - 1))
    return
  }
  if (bar.querySelector('.fq-station-strip')) return
  const { name, hotline } = stationHeader
  const strip = document.createElement('a')
  strip.className = 'fq-station-strip'
  strip.href = `tel:${hotline.replace(/[^\d+]/g, '')}`
  strip.textContent = `${name} · 值班电话 ${hotline}`
  strip.setAttribute('aria-label', `拨打${name}值班电话 ${hotline}`)
  bar.appendChild(strip)
  bar.querySelector('.taro-navigation-bar-back')?.setAttribute('aria-label', '返回')
  bar.querySelector('.taro-navigation-bar-home')?.setAttribute('aria-label', '回到首页')
  bar.querySelectorAll('.taro-navigation-bar-back, .taro-navigation-bar-home').forEach((b) => b.setAttribute('role', 'button'))
  focusablePages()
}

/** A page that scrolls must be reachable from the keyboard (axe scrollable-region-focusable). */
function focusablePages(): void {
  const app = document.getElementById('app')
  if (!app) return
  const mark = () => app.querySelectorAll('.taro_page:not([tabindex])').forEach((p) => p.setAttribute('tabindex', '0'))
  mark()
  new MutationObserver(mark).observe(app, { childList: true })
}
