import { useState } from 'react'
import { giveConsent } from '@/services'
import { loadSession } from '@/session'

/**
 * The "同意并继续" tap of a consent step (first use, or a changed guide): records consent to
 * `version`, refreshes the cached session (it still says "not consented"), then `onAgreed`.
 * `refusedText` is what to say when the resident declines WeChat's own confirmation.
 */
export function useConsent(version: string, refusedText: string, onAgreed: () => void) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const agree = async () => {
    setBusy(true)
    setError(null)
    const outcome = await giveConsent(version)
    setBusy(false)
    if (outcome === 'agreed') {
      void loadSession(true)
      onAgreed()
    } else setError(outcome === 'refused' ? refusedText : outcome.failed)
  }
  return { busy, error, agree }
}
