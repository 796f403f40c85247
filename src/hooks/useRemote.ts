import { startTransition, useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { Result } from '@/types/registry'
import type { CallError } from '@/services/call'

export type Remote<T> =
  | { status: 'loading'; data?: T }
  | { status: 'error'; error: CallError; data?: T }
  | { status: 'ready'; data: T }

interface Options {
  /** Reload when the page is shown again (coming back from a form, from the background). */
  reloadOnShow?: boolean
  /** Skip loading until this is true (e.g. waiting for an id). */
  enabled?: boolean
}

/**
 * Loads one service call for a page and keeps the last good data while reloading, so a reload on
 * a weak network never blanks the screen. `reload()` is what the 重试 button calls.
 */
export function useRemote<T>(load: () => Promise<Result<T>>, deps: readonly unknown[], options: Options = {}) {
  const { reloadOnShow = false, enabled = true } = options
  const [state, setState] = useState<Remote<T>>({ status: 'loading' })
  const loadRef = useRef(load)
  loadRef.current = load
  const seq = useRef(0)
  const shownOnce = useRef(false)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setState((prev) => ({ status: 'loading', data: prev.data }))
    const res = await loadRef.current()
    if (mine !== seq.current) return // a newer load superseded this one
    // Arriving data re-renders the whole page: as a transition React renders it in slices and stays
    // responsive to a tap meanwhile (one long task of ~300 ms on a mid-range phone otherwise).
    startTransition(() => setState((prev) => (res.ok ? { status: 'ready', data: res.data } : { status: 'error', error: res.error, data: prev.data })))
  }, [])

  useEffect(() => {
    if (enabled) void reload()
  }, [enabled, reload, ...deps])

  useDidShow(() => {
    // The first show comes with the mount, which already loads.
    if (!shownOnce.current) {
      shownOnce.current = true
      return
    }
    if (reloadOnShow && enabled) void reload()
  })

  const setData = useCallback((data: T) => setState({ status: 'ready', data }), [])
  return { state, reload, setData }
}
