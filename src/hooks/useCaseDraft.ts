import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { call, clearDraft, loadDraft, newClientRequestId, requestSubscribe, saveDraft, type CallError, type DraftKind } from '@/services'
import type { Session } from '@/session'
import { redirect } from '@/navigation'
import type { FnInput } from '@/types/registry'
import type { PickedPhoto } from './usePhotoUploads'

export interface Located {
  buildingId?: string
  buildingName?: string
  unit?: string
  point?: { latitude: number; longitude: number; address?: string }
}

export interface DraftBase {
  clientRequestId: string
  location: Located
  photos: PickedPhoto[]
}

export type SubmitState =
  | { phase: 'editing' }
  | { phase: 'sending' }
  /** Failed: the draft is kept; `retryable` false means the resident must change something. */
  | { phase: 'failed'; error: CallError; retryable: boolean }

const fixable = new Set(['INVALID_INPUT', 'CONTENT_RISKY', 'FORBIDDEN', 'NOT_FOUND'])

/**
 * A case form's draft: restored from the device on open, saved on every change, and kept with
 * its clientRequestId until the case exists, so a retry after a lost answer never makes a second case.
 */
export function useCaseDraft<T extends DraftBase>(kind: DraftKind, blank: () => Omit<T, 'clientRequestId'>) {
  const [restored] = useState(() => loadDraft<T>(kind))
  const [draft, setDraft] = useState<T>(() => restored?.value ?? ({ ...blank(), clientRequestId: newClientRequestId() } as T))
  const [submit, setSubmit] = useState<SubmitState>({ phase: 'editing' })
  const [restoredAt, setRestoredAt] = useState<number | null>(restored?.savedAt ?? null)
  const done = useRef(false)
  // Only what the resident actually typed or picked becomes a draft, not an untouched blank form.
  const touched = useRef(restored !== null)

  useEffect(() => {
    if (touched.current && !done.current) saveDraft(kind, draft)
  }, [kind, draft])

  const update = useCallback((change: Partial<T>) => {
    setDraft((d) => {
      const changed = (Object.keys(change) as (keyof T)[]).some((k) => JSON.stringify(d[k]) !== JSON.stringify(change[k]))
      if (!changed) return d
      touched.current = true
      return { ...d, ...change }
    })
  }, [])

  const discard = useCallback(() => {
    touched.current = false
    setRestoredAt(null)
    clearDraft(kind)
    setDraft({ ...blank(), clientRequestId: newClientRequestId() } as T)
    setSubmit({ phase: 'editing' })
  }, [kind])

  /** Creates the case; on failure the draft (and its clientRequestId) stays for 重试. */
  const send = useCallback(
    async (input: FnInput<'cases.create'>) => {
      setSubmit({ phase: 'sending' })
      const res = await call('cases.create', input)
      if (!res.ok) {
        setSubmit({ phase: 'failed', error: res.error, retryable: !fixable.has(res.error.code) })
        return
      }
      done.current = true
      clearDraft(kind)
      void Taro.showToast({ title: res.data.duplicate ? '已提交过，为您打开' : '提交成功', icon: 'success' })
      redirect('caseDetail', { id: res.data.case.id })
    },
    [kind],
  )

  return { draft, update, restoredAt, submit, setSubmit, send, discard }
}

/** The contract's location from the form's, dropping display-only fields. */
export function locationInput(l: Located): FnInput<'cases.create'>['location'] {
  return {
    ...(l.buildingId ? { buildingId: l.buildingId } : {}),
    ...(l.buildingId && l.unit ? { unit: l.unit } : {}),
    ...(l.point ? { point: l.point } : {}),
  }
}

/** Field errors from INVALID_INPUT name a dotted path; forms show them at the top-level field. */
export function fieldOf(state: SubmitState): string | null {
  return state.phase === 'failed' && state.error.field ? state.error.field.split('.')[0] ?? null : null
}

/**
 * The submit tap is the natural moment to ask for status notifications. It must be the first
 * thing the tap awaits: WeChat refuses the dialog once a network call has happened in between.
 */
export function askForCaseUpdates(me: Session): Promise<string[]> {
  return requestSubscribe(me.subscribeTemplates.onSubmit)
}

/** The backend's message when it refused this top-level field, for the field's Section. */
export function fieldError(state: SubmitState, field: string): string | undefined {
  return state.phase === 'failed' && fieldOf(state) === field ? state.error.message : undefined
}
