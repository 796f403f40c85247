/** "2" → "2单元"; a unit already named "2单元" (or "东单元") stays as it is. */
export function unitLabel(unit: string): string {
  return /单元$/.test(unit) ? unit : `${unit}单元`
}
