import { useCallback, useEffect, useRef, useState } from 'react'
import { clearDraft, loadDraft, saveDraft, type DraftKey } from '@/services'

type Next<T> = T | ((prev: T) => T)

/**
 * A form's draft on the device (`services/drafts`): restored on open, saved on every change the user
 * makes, cleared once the form is sent (`finish`). `key` names the form and its subject and must not
 * change during the page's life. Only what the user typed or picked becomes a draft: values the page
 * fills in itself (`replace`, e.g. a record loaded from the backend) are not saved until the user
 * changes something.
 */
export function useDraft<T extends object>(key: DraftKey, blank: () => T) {
  const [restored] = useState(() => loadDraft<T>(key))
  const [draft, setDraft] = useState<T>(() => restored?.value ?? blank())
  const [restoredAt, setRestoredAt] = useState<number | null>(restored?.savedAt ?? null)
  const done = useRef(false)
  const touched = useRef(restored !== null)
  const blankNow = useRef(blank)
  blankNow.current = blank

  useEffect(() => {
    if (touched.current && !done.current) saveDraft(key, draft)
  }, [key, draft])

  /** The user changed these fields; an unchanged value does not start a draft. */
  const update = useCallback((change: Partial<T>) => {
    setDraft((d) => {
      const changed = (Object.keys(change) as (keyof T)[]).some((k) => JSON.stringify(d[k]) !== JSON.stringify(change[k]))
      if (!changed) return d
      touched.current = true
      return { ...d, ...change }
    })
  }, [])

  /** The page sets the value itself (loaded or defaulted), which alone is no draft. */
  const replace = useCallback((next: Next<T>) => setDraft(next), [])

  /** 清空重填: the draft is gone and the form starts again from `next` (default: blank). */
  const discard = useCallback(
    (next?: T) => {
      touched.current = false
      setRestoredAt(null)
      clearDraft(key)
      setDraft(next ?? blankNow.current())
    },
    [key],
  )

  /** Sent: the draft is cleared and nothing typed after this is kept. */
  const finish = useCallback(() => {
    done.current = true
    clearDraft(key)
  }, [key])

  return { draft, restoredAt, update, replace, discard, finish }
}
