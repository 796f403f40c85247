/**
 * The version of the privacy-protection guide (隐私保护指引) residents consent to. One value for
 * the mini-program (which asks for consent), the functions (which record and report it) and the
 * demo seed (whose people have already consented). Bump it when the guide changes.
 */
export const PRIVACY_VERSION = '2026-11';
