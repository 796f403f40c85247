import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ReactNode } from 'react'
import { signInAgain } from '@/services/signin'
import { type CallError } from '@/services/call'
import { goHome } from '@/navigation'
import './LoadState.scss'

interface Props<T> {
  state: { status: 'loading' | 'error' | 'ready'; data?: T; error?: CallError }
  onRetry: () => void
  /** Rendered once data is there (also while a reload runs or after a failed reload). */
  children: (data: T) => ReactNode
  loadingText?: string
}

/**
 * The three faces of a page that loads: loading, failed (Chinese message + 重试), and the content.
 * Keeps showing the last good data when a reload fails, with a slim banner instead of a blank page.
 */
export default function LoadState<T>({ state, onRetry, children, loadingText = '正在加载…' }: Props<T>) {
  if (state.data !== undefined) {
    return (
      <View>
        {state.status === 'error' && state.error && (
          <View className="fq-load__banner" onClick={onRetry}>
            <Text>{state.error.message}</Text>
            <Text className="fq-load__banner-retry">点此重试</Text>
          </View>
        )}
        {children(state.data)}
      </View>
    )
  }
  if (state.status === 'error' && state.error) return <LoadError error={state.error} onRetry={onRetry} />
  return (
    <View className="fq-load">
      <View className="fq-load__spinner" />
      <Text className="fq-load__text">{loadingText}</Text>
    </View>
  )
}

export function LoadError({ error, onRetry }: { error: CallError; onRetry: () => void }) {
  // Retrying cannot help when the answer is "not yours" or "gone": offer the way home instead.
  const kind = error.code === 'UNAUTHENTICATED' ? 'signIn' : error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND' ? 'home' : 'retry'
  const title = { signIn: '需要先登录', home: '无法查看', retry: '没有加载出来' }[kind]
  const action = { signIn: '去登录', home: '回到首页', retry: '重试' }[kind]
  const onTap = { signIn: signInAgain, home: goHome, retry: onRetry }[kind]
  return (
    <View className="fq-load fq-load--error">
      <View className="fq-load__icon">!</View>
      <Text className="fq-load__title">{title}</Text>
      <Text className="fq-load__text">{error.message}</Text>
      <Button type="primary" size="large" className="fq-load__button" onClick={onTap}>
        {action}
      </Button>
    </View>
  )
}
