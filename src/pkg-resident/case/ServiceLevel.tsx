import { View, Text } from '@tarojs/components'
import dayjs from 'dayjs'
import type { ResidentCaseView } from '@/types/case'
import { formatDateTime } from '@/lib/dates'
import './ServiceLevel.scss'

/**
 * The station's promise to the resident ("紧急求助 30 分钟内受理") and how it stands: time left while
 * waiting, or when it was accepted (issue 14). Staff business such as escalation is not shown here.
 */
export default function ServiceLevel({ item }: { item: Pick<ResidentCaseView, 'serviceLevel' | 'status'> }) {
  const { promise, dueAt, acceptedAt } = item.serviceLevel
  let state: string | null = null
  let late = false
  if (dueAt) {
    const minutes = dayjs(dueAt).diff(dayjs(), 'minute')
    late = minutes < 0
    state = late
      ? '已超过承诺时间，派出所已收到提醒，会尽快处理'
      : minutes < 60
        ? `还剩 ${Math.max(minutes, 1)} 分钟，最晚 ${formatDateTime(dueAt)} 受理`
        : `还剩约 ${Math.round(minutes / 60)} 小时，最晚 ${formatDateTime(dueAt)} 受理`
  } else if (acceptedAt) {
    state = `已于 ${formatDateTime(acceptedAt)} 受理`
  }
  return (
    <View className={`fq-sla${late ? ' fq-sla--late' : ''}`}>
      <Text className="fq-sla__promise">服务承诺：{promise}</Text>
      {state && <Text className="fq-sla__state">{state}</Text>}
    </View>
  )
}
