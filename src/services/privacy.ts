import Taro from '@tarojs/taro'
import { PRIVACY_VERSION } from '@/types/privacy'
import { call } from './call'

/**
 * The guide version this build shows; one value with the functions and the seed (types/privacy.ts).
 * Bump it there when the guide changes: residents are asked again.
 */
export { PRIVACY_VERSION as privacyGuideVersion } from '@/types/privacy'

/** What session.whoami says about consent; `currentPrivacyVersion` is the backend's guide version. */
interface ConsentRecord {
  privacyConsented: boolean
  privacyVersion: string | null
  currentPrivacyVersion?: string
}

/** The version to consent to: the backend's when it says (it may be newer than this build), else ours. */
export function versionInForce(backend: ConsentRecord): string {
  return backend.currentPrivacyVersion ?? PRIVACY_VERSION
}

/** Consented once, but to an older guide than the one in force: ask again. */
export function consentOutdated(backend: ConsentRecord): boolean {
  return backend.privacyConsented && backend.privacyVersion !== versionInForce(backend)
}

type ConsentOutcome = 'agreed' | 'refused'

/**
 * Whether the consent step must be shown before we touch any personal data: the backend's record
 * (from session.whoami) is the truth; in weapp WeChat may also still want its own confirmation.
 */
export async function needsPrivacyConsent(backend: ConsentRecord): Promise<boolean> {
  if (!backend.privacyConsented || backend.privacyVersion !== versionInForce(backend)) return true
  if (process.env.TARO_ENV === 'weapp') {
    const platformNeeds = await new Promise<boolean>((resolve) => {
      Taro.getPrivacySetting({
        success: (res) => resolve(res.needAuthorization),
        fail: () => resolve(false),
      })
    })
    if (platformNeeds) return true
  }
  return false
}

/**
 * Called from the "同意并继续" tap of our consent step. In weapp it runs WeChat's
 * requirePrivacyAuthorize flow (the platform shows its own confirmation when the user has not yet
 * agreed to the declared guide); in H5 our in-app step is the whole consent.
 */
export async function giveConsent(version: string = PRIVACY_VERSION): Promise<ConsentOutcome | { failed: string }> {
  // Base libraries before 2.32.3 have no requirePrivacyAuthorize: there our step is the whole consent.
  if (process.env.TARO_ENV === 'weapp' && typeof Taro.requirePrivacyAuthorize === 'function') {
    const agreed = await new Promise<boolean>((resolve) => {
      Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
    })
    if (!agreed) return 'refused'
  }
  // The backend keeps the record (which version, when), so consent follows the person, not the phone.
  const res = await call('session.consentPrivacy', { version })
  return res.ok ? 'agreed' : { failed: res.error.message }
}

/** Opens WeChat's own page for the declared guide; H5 shows our page instead (the caller navigates). */
export function openPlatformPrivacyGuide(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false
  Taro.openPrivacyContract({})
  return true
}
