import { beijing } from '@/lib/dates'

/** "2026-11" → "2026年11月". */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-')
  return `${year}年${Number(m)}月`
}

/** "2026-11" → "11月": chart axes, where the year is clear from the range. */
export function shortMonth(month: string): string {
  return `${Number(month.split('-')[1])}月`
}

/** This month in the station's zone, as surveys name it ("YYYY-MM"). */
export function currentMonth(now: number = Date.now()): string {
  return beijing(now).format('YYYY-MM')
}
