/**
 * The roster's closed lists and text limits (issue 11). Zod-free, so pages import them without
 * bringing zod into a package.
 */

/** The tags every station knows; a grid may add free tags of its own. */
export const presetHouseholdTags = ['独居', '困难', '残疾', '重点关注'] as const;

export const visitMethods = ['home', 'phone'] as const;
export type VisitMethod = (typeof visitMethods)[number];
export const visitMethodLabels: Record<VisitMethod, string> = { home: '上门走访', phone: '电话联系' };

export const rosterTextLimits = {
  tag: { min: 1, max: 10 },
  nameSearch: { min: 1, max: 10 },
  visitors: { min: 1, max: 50 },
  found: { min: 2, max: 500 },
  helpNeeded: { min: 2, max: 300 },
  // issue 11: a household added or edited in the app
  unit: { min: 1, max: 10 },
  room: { min: 1, max: 10 },
  headName: { min: 1, max: 20 },
  callName: { min: 1, max: 10 },
  note: { min: 0, max: 500 },
  members: { min: 1, max: 20 },
  tags: { max: 8 },
} as const;

/** Rules a station starts with until its admin sets its own: weekly for 独居, monthly for 困难. */
export const defaultVisitRules = {
  rules: [
    { tag: '独居', days: 7 },
    { tag: '重点关注', days: 14 },
    { tag: '困难', days: 30 },
    { tag: '残疾', days: 30 },
  ],
  pairedDays: 7,
} as const;
