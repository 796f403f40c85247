/**
 * The limits of what people type and attach, in one place: the zod schemas (types/*.ts) validate
 * with them and the pages enforce the same numbers while typing (maxLength, counters, hints).
 * Zod-free, so pages import it without bringing zod into the mini-program.
 */

/** Photos on one case, and on one added-information entry. */
export const maxPhotos = 9;

/** Characters of each free text (after trimming); `min` absent means it may be empty. */
export const textLimits = {
  /** What happened: every case form. */
  caseDescription: { min: 5, max: 500 },
  /** Mediation: who the dispute is with, and what the resident wants. */
  otherParty: { min: 1, max: 100 },
  wants: { min: 1, max: 300 },
  /** A resident adding information to their case (我也遇到了 / 补充情况). */
  addInfo: { min: 1, max: 500 },
  withdrawReason: { max: 200 },
  reopenReason: { min: 2, max: 300 },
  rateComment: { max: 300 },
  /** Staff. */
  note: { min: 1, max: 500 },
  startProgress: { max: 300 },
  whatWasDone: { min: 2, max: 500 },
  mediationAgreement: { max: 1000 },
  /** Refusing or handing a case on. */
  staffReason: { min: 2, max: 300 },
  /** Where: a unit of a building, an address picked on the map. */
  unit: { min: 1, max: 20 },
  address: { max: 100 },
  /** People: how a resident is called, a staff member's name, title and duty hours. */
  personName: { min: 1, max: 10 },
  staffTitle: { min: 1, max: 20 },
  dutyHours: { min: 1, max: 40 },
  /** "我的信息": typing the confirmation word to delete the account. */
  deleteConfirm: { min: 2, max: 10 },
  /** issue 11: a response template's title (常用回复). */
  templateTitle: { min: 1, max: 20 },
} as const;

export type TextLimit = (typeof textLimits)[keyof typeof textLimits];

/** A mainland mobile number: 11 digits starting with 1. */
export const phonePattern = /^1\d{10}$/;
export const phoneLength = 11;

/** A station desk number (landline with area code, or a mobile). */
export const dutyPhonePattern = /^[0-9-]{5,20}$/;

/** Staff invite codes, upper-cased before they are checked. */
export const inviteCodePattern = /^[A-Z0-9]{6,12}$/;
export const inviteCodeMaxLength = 12;

/** "我的信息": the word a resident types to confirm deleting their account (a stray tap cannot). */
export const DELETE_ACCOUNT_WORD = '注销';

/** Issue 10: the monthly opinion survey (templates, questions, answers). */
export const surveyLimits = {
  templateName: { min: 2, max: 30 },
  questionTitle: { min: 2, max: 60 },
  option: { min: 1, max: 30 },
  maxOptions: 10,
  maxQuestions: 20,
  /** Questions an officer may add to the month's survey about a local matter. */
  maxLocalQuestions: 2,
  /** A short text answer. */
  answerText: { max: 200 },
} as const;
// issue 11: patrols and notices
/** Patrols: buildings on a route, location points kept, the volunteer's closing note. */
export const patrolLimits = { buildings: 60, points: 200, findings: 30, endNote: { max: 300 } } as const;
/** Notices: what the publisher types. */
export const noticeLimits = { title: { min: 2, max: 40 }, text: { min: 5, max: 2000 }, summary: 60 } as const;
/** 受理编号: station code, China date, daily sequence (HY-20261130-0042). */
export const caseNoPattern = /^[A-Z]{1,6}-\d{8}-\d{4,}$/;
