/**
 * What a disabled submit button says (issue 14): every missing field at once, not one at a time.
 * `missing` holds a field's name where it is missing and false where it is fine; `waiting` is a
 * reason that is not a field (photos still uploading).
 */
export function missingBlocker(missing: (string | false)[], waiting: string | null = null): string | null {
  const names = missing.filter((m): m is string => typeof m === 'string')
  if (names.length > 0) return `还需要：${names.join('、')}`
  return waiting
}
