import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { call, isRetryable, newClientRequestId, requestSubscribe, type CallError, type DraftKind } from '@/services'
import type { Session } from '@/session'
import { redirect } from '@/navigation'
import type { FnInput } from '@/types/registry'
import type { PickedPhoto } from './usePhotoUploads'
import { useConsentGate } from './useConsentGate'
import { useDraft } from './useDraft'

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

type CreateInput = FnInput<'cases.create'>
/** What a form contributes to `cases.create`: everything but what the draft itself holds. */
type CaseFields = CreateInput extends infer C ? (C extends CreateInput ? Omit<C, 'location' | 'clientRequestId'> : never) : never

/**
 * A case form's draft: restored from the device on open, saved on every change, and kept with
 * its clientRequestId until the case exists, so a retry after a lost answer never makes a second case.
 */
export function useCaseDraft<T extends DraftBase>(kind: DraftKind, blank: () => Omit<T, 'clientRequestId'>) {
  const { draft, restoredAt, update, discard: discardDraft, finish } = useDraft<T>(kind, () => ({ ...blank(), clientRequestId: newClientRequestId() }) as T)
  const [submit, setSubmit] = useState<SubmitState>({ phase: 'editing' })
  const latest = useRef(draft)
  latest.current = draft
  const { withConsent, gate: consent } = useConsentGate()

  const discard = useCallback(() => {
    discardDraft()
    setSubmit({ phase: 'editing' })
  }, [discardDraft])

  /**
   * Creates the case from the form's fields plus the draft's location and clientRequestId;
   * on failure the draft (and its clientRequestId) stays for 重试. Refused for want of consent to the
   * guide in force, it asks (the form renders <ConsentSheet gate={consent} />) and sends the same request again.
   */
  const send = useCallback(
    async (fields: CaseFields) => {
      setSubmit({ phase: 'sending' })
      const { location, clientRequestId } = latest.current
      const input: FnInput<'cases.create'> = { ...fields, location: locationInput(location), clientRequestId }
      const res = await withConsent(() => call('cases.create', input))
      if (!res.ok) {
        setSubmit({ phase: 'failed', error: res.error, retryable: isRetryable(res.error) })
        return
      }
      finish()
      // A new case gets the "submitted" screen (who received it, what happens next); a repeat opens the case.
      if (res.data.duplicate) {
        void Taro.showToast({ title: '已提交过，为您打开', icon: 'none' })
        redirect('caseDetail', { id: res.data.case.id })
      } else {
        redirect('caseSubmitted', { id: res.data.case.id })
      }
    },
    [finish, withConsent],
  )

  return { draft, update, restoredAt, submit, setSubmit, send, discard, withConsent, consent }
}

/** The contract's location from the form's, dropping display-only fields. */
function locationInput(l: Located): FnInput<'cases.create'>['location'] {
  return {
    ...(l.buildingId ? { buildingId: l.buildingId } : {}),
    ...(l.buildingId && l.unit ? { unit: l.unit } : {}),
    ...(l.point ? { point: l.point } : {}),
  }
}

/** Every case needs a place: a building of the community or a point on the map. */
export function hasLocation(l: Located): boolean {
  return Boolean(l.buildingId || l.point)
}

/** Field errors from INVALID_INPUT name a dotted path; forms show them at the top-level field. */
function fieldOf(state: SubmitState): string | null {
  return state.phase === 'failed' && state.error.field ? state.error.field.split('.')[0] ?? null : null
}

/**
 * The submit tap is the natural moment to ask for status notifications. It must be the first
 * thing the tap awaits: WeChat refuses the dialog once a network call has happened in between.
 */
export async function askForCaseUpdates(me: Session): Promise<string[]> {
  return (await requestSubscribe(me.subscribeTemplates.onSubmit)).accepted
}

/** The backend's message when it refused this top-level field, for the field's Section. */
export function fieldError(state: SubmitState, field: string): string | undefined {
  return state.phase === 'failed' && fieldOf(state) === field ? state.error.message : undefined
}
