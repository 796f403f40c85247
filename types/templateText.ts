/**
 * issue 11: filling a response template's placeholders from the case (zod-free: the staff case page
 * imports it at run time). Unknown placeholders stay as written, so a typo shows instead of vanishing.
 */
export const templatePlaceholders = ['楼栋', '小区', '居民称呼'] as const;
export type TemplatePlaceholder = (typeof templatePlaceholders)[number];

export function fillTemplate(text: string, values: Partial<Record<TemplatePlaceholder, string | null>>): string {
  return text.replace(/\{(楼栋|小区|居民称呼)\}/g, (whole: string, key: TemplatePlaceholder) => values[key] || whole);
}

/** The values of a case as the staff page has it; an anonymous reporter is addressed as 居民. */
export function caseTemplateValues(c: {
  location: { communityName: string; buildingName: string | null };
  reporter: { anonymous: true } | { anonymous: false; name: string };
}): Record<TemplatePlaceholder, string> {
  return {
    楼栋: c.location.buildingName ?? '小区内',
    小区: c.location.communityName,
    居民称呼: c.reporter.anonymous ? '居民' : c.reporter.name,
  };
}
