import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { SubmitState } from '@/hooks/useCaseDraft'
import { formatDateTime } from '@/lib/dates'
import './SubmitBar.scss'

interface Props {
  state: SubmitState
  label: string
  /** Why the button is not ready yet (e.g. "请选择问题类别"); null when ready. */
  blocker: string | null
  onSubmit: () => void
}

/** The bottom of a form: what is missing, the submit button, and after a failure the kept draft + 重试. */
export default function SubmitBar({ state, label, blocker, onSubmit }: Props) {
  const failed = state.phase === 'failed' ? state : null
  return (
    <View className="fq-submit">
      {failed && (
        <View className={`fq-submit__failed${failed.retryable ? '' : ' fq-submit__failed--fix'}`}>
          <Text className="fq-submit__failed-title">{failed.retryable ? '没有提交成功' : '请修改后再提交'}</Text>
          <Text className="fq-submit__failed-text">{failed.error.message}</Text>
          {failed.retryable && <Text className="fq-submit__failed-text">您填写的内容已保存在手机上，不会丢失。</Text>}
        </View>
      )}
      {blocker && !failed && <Text className="fq-submit__blocker">{blocker}</Text>}
      <Button block type="primary" size="large" loading={state.phase === 'sending'} disabled={blocker !== null} onClick={onSubmit}>
        {state.phase === 'sending' ? '正在提交…' : failed?.retryable ? '重试提交' : label}
      </Button>
    </View>
  )
}

/** "上次没填完的内容已恢复" with a way to start over. */
export function DraftRestored({ savedAt, onDiscard }: { savedAt: number | null; onDiscard: () => void }) {
  if (savedAt === null) return null
  return (
    <View className="fq-submit__draft">
      <Text>已恢复 {formatDateTime(savedAt)} 保存的草稿</Text>
      <Text className="fq-submit__draft-discard" onClick={onDiscard}>
        清空重填
      </Text>
    </View>
  )
}
