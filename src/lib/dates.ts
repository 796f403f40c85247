/**
 * Dates as residents read them: in Beijing time whatever the phone's own zone, in Chinese.
 * Dates arrive from the backend as ISO strings; dayjs does the calendar work.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.locale('zh-cn')

export type Instant = string | number | Date

/** The moment in the station's zone (the timezone plugin reads zone rules through Intl). */
export function beijing(at: Instant): dayjs.Dayjs {
  return dayjs(at).tz('Asia/Shanghai')
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
