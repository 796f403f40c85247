import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { isReady, loadSession, type Session } from '@/session'
import { useRemote } from '@/hooks/useRemote'
import { elderClass } from '@/lib/elderMode'
import LoadState from './LoadState'
import NeedsCommunity from './NeedsCommunity'
import '../styles/form.scss'

/** The frame of the three case forms: who is asking, and the community step first when they have not joined. */
export default function CaseFormPage({ children }: { children: (me: Session) => ReactNode }) {
  const session = useRemote(() => loadSession(), [])
  return (
    <View className={`form-page${elderClass()}`}>
      <LoadState state={session.state} onRetry={session.reload}>
        {(me) => (isReady(me) ? children(me) : <NeedsCommunity />)}
      </LoadState>
    </View>
  )
}
