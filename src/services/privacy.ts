import Taro from '@tarojs/taro'
import { call } from './call'

/** Bump when the privacy guide changes: residents are asked again. */
export const privacyGuideVersion = '2026-11'

export type ConsentOutcome = 'agreed' | 'refused'

/**
 * Whether the consent step must be shown before we touch any personal data: the backend's record
 * (from session.whoami) is the truth; in weapp WeChat may also still want its own confirmation.
 */
export async function needsPrivacyConsent(backend: { privacyConsented: boolean; privacyVersion: string | null }): Promise<boolean> {
  if (!backend.privacyConsented || backend.privacyVersion !== privacyGuideVersion) return true
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
export async function giveConsent(): Promise<ConsentOutcome | { failed: string }> {
  if (process.env.TARO_ENV === 'weapp') {
    const agreed = await new Promise<boolean>((resolve) => {
      Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
    })
    if (!agreed) return 'refused'
  }
  // The backend keeps the record (which version, when), so consent follows the person, not the phone.
  const res = await call('session.consentPrivacy', { version: privacyGuideVersion })
  return res.ok ? 'agreed' : { failed: res.error.message }
}

/** Opens WeChat's own page for the declared guide; H5 shows our page instead (the caller navigates). */
export function openPlatformPrivacyGuide(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false
  Taro.openPrivacyContract({})
  return true
}
