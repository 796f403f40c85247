/**
 * The version of the privacy-protection guide (隐私保护指引) residents consent to. One value for
 * the mini-program (which asks for consent), the functions (which record and report it) and the
 * demo seed (whose people have already consented). Bump it when the guide changes.
 */
export const PRIVACY_VERSION = '2026-12';

/** What an action that collects personal data answers (code CONSENT_REQUIRED) to someone who never consented. */
export const PRIVACY_CONSENT_REQUIRED_MESSAGE = '请先阅读并同意隐私保护指引';

/**
 * What it answers (code CONSENT_REQUIRED) to someone who consented to an older guide. Pages branch on
 * the code, never on this text, to show the consent step again (e.g. a form opened from a shared link).
 */
export const PRIVACY_OUTDATED_MESSAGE = '隐私保护指引已更新，请先阅读并同意后再提交';
