import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { Result } from '@/types/registry'
import type { CallError } from '@/services'

interface PageOf<T> {
  items: T[]
  nextCursor: string | null
}

/**
 * A cursor-paged list: first page on mount and whenever `key` changes (a filter), the next page on
 * "加载更多", and a fresh first page when the page is shown again (states change elsewhere).
 */
export function usePaged<P extends PageOf<unknown>>(load: (cursor: string | undefined) => Promise<Result<P>>, key: string) {
  type Item = P['items'][number]
  const [items, setItems] = useState<Item[] | null>(null)
  const [first, setFirst] = useState<P | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<CallError | null>(null)
  const loadRef = useRef(load)
  loadRef.current = load
  const seq = useRef(0)
  const mounted = useRef(false)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    setError(null)
    const res = await loadRef.current(undefined)
    if (mine !== seq.current) return
    setLoading(false)
    if (!res.ok) return setError(res.error)
    setFirst(res.data)
    setItems(res.data.items)
    setCursor(res.data.nextCursor)
  }, [])

  const more = useCallback(async () => {
    if (!cursor || loading) return
    const mine = ++seq.current
    setLoading(true)
    setError(null)
    const res = await loadRef.current(cursor)
    if (mine !== seq.current) return
    setLoading(false)
    if (!res.ok) return setError(res.error)
    setItems((prev) => [...(prev ?? []), ...res.data.items])
    setCursor(res.data.nextCursor)
  }, [cursor, loading])

  useEffect(() => {
    setItems(null)
    void reload()
  }, [key, reload])

  useDidShow(() => {
    if (mounted.current) void reload()
    mounted.current = true
  })

  return { items, first, hasMore: cursor !== null, loading, error, reload, more }
}
