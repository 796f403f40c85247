import { useCallback, useRef, useState } from 'react'
import type { Result } from '@/types/registry'

/** What a page hands to <ConsentSheet>: whether to show it and how the resident answered. */
export interface ConsentGate {
  asking: boolean
  agreed: () => void
  dismissed: () => void
}

/**
 * Lets a submit survive a changed privacy guide: when the backend refuses the action for want of
 * consent (error code CONSENT_REQUIRED), the consent sheet opens in place, and once the resident agrees the very same call runs
 * again (same input, so a case form's clientRequestId too: never a second case). Closing the sheet
 * hands back the refusal, so the page shows it and keeps the draft.
 */
export function useConsentGate() {
  const [asking, setAsking] = useState(false)
  const answer = useRef<((agreed: boolean) => void) | null>(null)

  const settle = useCallback((agreed: boolean) => {
    const resolve = answer.current
    answer.current = null
    setAsking(false)
    resolve?.(agreed)
  }, [])

  const withConsent = useCallback(async <T>(run: () => Promise<Result<T>>): Promise<Result<T>> => {
    // Another refusal after agreeing asks again: each round waits for the resident's tap.
    for (;;) {
      const res = await run()
      if (res.ok || res.error.code !== 'CONSENT_REQUIRED') return res
      const agreed = await new Promise<boolean>((resolve) => {
        answer.current?.(false)
        answer.current = resolve
        setAsking(true)
      })
      if (!agreed) return res
    }
  }, [])

  const gate: ConsentGate = { asking, agreed: () => settle(true), dismissed: () => settle(false) }
  return { withConsent, gate }
}
