/**
 * Dates as residents read them: in Beijing time whatever the phone's own zone, in Chinese.
 * Dates arrive from the backend as ISO strings; dayjs does the calendar work.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)
dayjs.locale('zh-cn')

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const BEIJING_OFFSET_MINUTES = 8 * 60

export type Instant = string | number | Date

/**
 * The moment in the station's zone. A fixed offset rather than the timezone plugin: that plugin builds
 * an Intl formatter per call, which cost home ~170 ms of main thread per render on a mid-range phone.
 */
export function beijing(at: Instant): dayjs.Dayjs {
  return dayjs(at).utcOffset(BEIJING_OFFSET_MINUTES)
}

/** "2026年11月29日". */
export function formatDate(at: Instant): string {
  return beijing(at).format('YYYY年M月D日')
}

/** "11月29日": for lists where space is short. */
export function formatShortDate(at: Instant): string {
  return beijing(at).format('M月D日')
}

/** "11月29日 14:05", with the year only when it is not this year. */
export function formatDateTime(at: Instant, now: Instant = Date.now()): string {
  const d = beijing(at)
  return d.format(d.year() === beijing(now).year() ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm')
}

/** The last day before an end-exclusive deadline (a survey closes at midnight starting the next month: "2026年12月31日"). */
export function lastDay(endExclusive: Instant): string {
  return formatDate(dayjs(endExclusive).valueOf() - 1)
}
