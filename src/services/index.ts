/** The one door from pages to the backend and the platform. Pages import from here only. */
export { call, type CallError } from './call'
export { compressPhoto, uploadPhoto, type UploadOutcome } from './photos'
export { requestSubscribe } from './subscribe'
export { needsPrivacyConsent, consentOutdated, versionInForce, giveConsent, openPlatformPrivacyGuide, privacyGuideVersion, isConsentRefusal } from './privacy'
export { saveDraft, loadDraft, clearDraft, newClientRequestId, type DraftKind } from './drafts'
export { isWeapp, isH5 } from './platform'
export { signInAgain } from './signin'
export { canPickMapPoint, pickMapPoint, type PickedPoint } from './location'
