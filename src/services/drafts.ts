import Taro from '@tarojs/taro'
import dayjs from 'dayjs'

/**
 * Form drafts kept on the device, so a resident on a weak network never retypes a report, and a
 * grid worker called away mid-form never retypes a household. A draft also keeps its
 * clientRequestId: a retry of the same draft can never create a second case or household.
 */
export type DraftKind = 'report' | 'help' | 'mediation'
/** One draft per form and subject: the case forms by kind; the household form per household (`new` for an added one). */
export type DraftKey = DraftKind | `household:${string}`

interface Stored<T> {
  savedAt: number
  value: T
}

const prefix = 'fq.draft.'
/** Drafts older than this many days are stale (the resident has likely reported another way). */
const maxAgeDays = 7

export function saveDraft<T>(kind: DraftKey, value: T): void {
  try {
    Taro.setStorageSync(prefix + kind, { savedAt: Date.now(), value } satisfies Stored<T>)
  } catch {
    // Storage full or unavailable: the form still works, only the draft is lost.
  }
}

export function loadDraft<T>(kind: DraftKey): { value: T; savedAt: number } | null {
  try {
    const stored = Taro.getStorageSync(prefix + kind) as Stored<T> | '' | undefined
    if (!stored || typeof stored !== 'object' || dayjs().diff(stored.savedAt, 'day', true) > maxAgeDays) return null
    return stored
  } catch {
    return null
  }
}

export function clearDraft(kind: DraftKey): void {
  try {
    Taro.removeStorageSync(prefix + kind)
  } catch {
    // nothing to clear
  }
}

/** A fresh id for one create attempt; reused on every retry of the same draft. */
export function newClientRequestId(): string {
  const random = Array.from({ length: 4 }, () => Math.random().toString(36).slice(2, 8)).join('')
  return `${Date.now().toString(36)}-${random}`.slice(0, 40)
}
