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

type ConsentOutcome = 'agreed'

/** The id of every "同意并继续" button: WeChat wants it back when an API waited for the agreement. */
export const agreeButtonId = 'fq-privacy-agree'

/**
 * Props for the consent step's "同意并继续" button. In weapp `openType="agreePrivacyAuthorization"`
 * records WeChat's agreement with the same tap that records ours: one consent, never WeChat's own popup
 * after ours.
 */
export const agreeButtonProps: { id: string; openType?: 'agreePrivacyAuthorization' } =
  process.env.TARO_ENV === 'weapp' ? { id: agreeButtonId, openType: 'agreePrivacyAuthorization' } : { id: agreeButtonId }

/** What WeChat's onNeedPrivacyAuthorization hands us: answer it once the user has decided. */
type PlatformResolve = (answer: { event: 'agree'; buttonId: string } | { event: 'disagree' }) => void
let waitingApi: PlatformResolve | null = null

/** The wx object on weapp, without assuming which APIs this base library has. */
function weappApi(): Record<string, unknown> | null {
  if (process.env.TARO_ENV !== 'weapp') return null
  return (globalThis as unknown as { wx?: Record<string, unknown> }).wx ?? null
}

/**
 * Installed once at app start (weapp, base library 2.32.3+): with a listener WeChat shows no popup of
 * its own when an API needs the agreement; the API waits until our consent step's button is tapped.
 * A privacy API called where no consent step is on screen (a form opened from a shared link on a new
 * phone) is refused and the user is told where to agree; the backend still asks before anything is sent.
 */
export function installPrivacyListener(onUnanswered: () => void): void {
  const wx = weappApi()
  const listen = wx?.onNeedPrivacyAuthorization
  if (typeof listen !== 'function') return
  listen((resolve: PlatformResolve) => {
    waitingApi?.({ event: 'disagree' })
    waitingApi = resolve
    if (!consentStepShown) {
      waitingApi = null
      resolve({ event: 'disagree' })
      onUnanswered()
    }
  })
}

/** Whether a consent step (join, home, the consent sheet) is on screen: set by useConsent's owner. */
let consentStepShown = false
export function consentStepVisible(visible: boolean): void {
  consentStepShown = visible
  if (!visible && waitingApi) {
    waitingApi({ event: 'disagree' })
    waitingApi = null
  }
}

/**
 * Whether the consent step must be shown before we touch any personal data: the backend's record
 * (from session.whoami) is the truth; in weapp WeChat may also still want its own agreement
 * (getPrivacySetting, base library 2.32.3+; older ones have no platform agreement to ask for).
 */
export async function needsPrivacyConsent(backend: ConsentRecord): Promise<boolean> {
  if (!backend.privacyConsented || backend.privacyVersion !== versionInForce(backend)) return true
  const getSetting = weappApi()?.getPrivacySetting
  if (typeof getSetting !== 'function') return false
  return new Promise<boolean>((resolve) => {
    getSetting({
      success: (res: { needAuthorization: boolean }) => resolve(res.needAuthorization),
      fail: () => resolve(false),
    })
  })
}

/**
 * Called from the "同意并继续" tap of our consent step (its button carries agreeButtonProps, so in
 * weapp the same tap is WeChat's agreement). An API that was waiting for the agreement goes on; the
 * backend keeps our record (which version, when), so consent follows the person, not the phone.
 */
export async function giveConsent(version: string = PRIVACY_VERSION): Promise<ConsentOutcome | { failed: string }> {
  waitingApi?.({ event: 'agree', buttonId: agreeButtonId })
  waitingApi = null
  const res = await call('session.consentPrivacy', { version })
  return res.ok ? 'agreed' : { failed: res.error.message }
}

/** Opens WeChat's own page for the declared guide where it exists (2.32.3+); else the caller shows ours. */
export function openPlatformPrivacyGuide(): boolean {
  const open = weappApi()?.openPrivacyContract
  if (typeof open !== 'function') return false
  open({})
  return true
}
