import { useEffect, useState } from 'react'
import { agreeButtonProps, consentStepVisible, giveConsent } from '@/services/privacy'
import { loadSession } from '@/session'

/**
 * The "同意并继续" tap of a consent step (first use, or a changed guide): records consent to
 * `version`, refreshes the cached session (it still says "not consented"), then `onAgreed`.
 * Spread `buttonProps` on the button: in weapp the same tap is WeChat's own agreement.
 * `shown`: whether the step is on screen, so an API waiting for WeChat's agreement waits for this tap.
 */
export function useConsent(version: string, onAgreed: () => void, shown = true) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    consentStepVisible(shown)
    return () => consentStepVisible(false)
  }, [shown])
  const agree = async () => {
    setBusy(true)
    setError(null)
    const outcome = await giveConsent(version)
    setBusy(false)
    if (outcome === 'agreed') {
      void loadSession(true)
      onAgreed()
    } else setError(outcome.failed)
  }
  return { busy, error, agree, buttonProps: agreeButtonProps }
}
