/**
 * Times said relative to now ("4 分钟前", "3 小时内需受理"), with dayjs' relativeTime in Chinese.
 * Apart from ./dates because only subpackage pages use it: the main package stays smaller.
 */
import dayjs from 'dayjs'
import relativeTime from 'dayjs/plugin/relativeTime'
import { formatDateTime, type Instant } from './dates'

dayjs.extend(relativeTime)

/** "几秒前", "4 分钟前", "3 小时前" within a day, else the date and time. */
export function formatRelative(at: Instant, now: Instant = Date.now()): string {
  const d = dayjs(at)
  return dayjs(now).diff(d, 'hour', true) < 22 ? d.from(now) : formatDateTime(at, now)
}

/** Time left until a deadline ("3 小时内需受理"), or how late it is ("已超时 2 天"). */
export function formatDue(at: Instant, now: Instant = Date.now()): { late: boolean; text: string } {
  const due = dayjs(at)
  const span = due.from(now, true)
  return due.isBefore(now) ? { late: true, text: `已超时 ${span}` } : { late: false, text: `${span}内需受理` }
}
