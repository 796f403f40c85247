/** Display helpers shared by pages. Dates arrive as ISO strings; residents read Beijing time. */

const pad = (n: number) => String(n).padStart(2, '0')

function beijing(iso: string): Date {
  // Shift to UTC+8 and read with getUTC*, so the phone's own time zone never matters.
  return new Date(new Date(iso).getTime() + 8 * 3600 * 1000)
}

/** "11月29日 14:05", with the year only when it is not this year. */
export function formatDateTime(iso: string, now: Date = new Date()): string {
  const d = beijing(iso)
  const year = d.getUTCFullYear() === beijing(now.toISOString()).getUTCFullYear() ? '' : `${d.getUTCFullYear()}年`
  return `${year}${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

export function formatDate(iso: string): string {
  const d = beijing(iso)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** "3分钟前", "2小时前", "昨天", else the date. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const diff = now.getTime() - new Date(iso).getTime()
  if (diff < 60_000) return '刚刚'
  if (diff < 3600_000) return `${Math.floor(diff / 60_000)}分钟前`
  if (diff < 24 * 3600_000) return `${Math.floor(diff / 3600_000)}小时前`
  if (diff < 48 * 3600_000) return '昨天'
  return formatDateTime(iso, now)
}

/** Time left until a deadline, or how late it is. */
export function formatDue(iso: string, now: Date = new Date()): { late: boolean; text: string } {
  const diff = new Date(iso).getTime() - now.getTime()
  const abs = Math.abs(diff)
  const span = abs < 3600_000 ? `${Math.max(1, Math.round(abs / 60_000))}分钟` : abs < 48 * 3600_000 ? `${Math.round(abs / 3600_000)}小时` : `${Math.round(abs / (24 * 3600_000))}天`
  return diff >= 0 ? { late: false, text: `${span}内需受理` } : { late: true, text: `已超时${span}` }
}

/** "11月29日": for lists where space is short. */
export function formatShortDate(iso: string): string {
  const d = beijing(iso)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** "2" → "2单元"; a unit already named "2单元" (or "东单元") stays as it is. */
export function unitLabel(unit: string): string {
  return /单元$/.test(unit) ? unit : `${unit}单元`
}
