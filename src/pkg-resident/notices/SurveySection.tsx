import { View, Text } from '@tarojs/components'
import { call } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import { navigate } from '@/navigation'
import { lastDay } from '@/lib/dates'
import type { MyMonthSurvey } from '@/types/survey'
import ReminderOptIn from '../survey/ReminderOptIn'

const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`

/**
 * The surveys half of "通知与问卷" (issue 10): this month's open survey of my community (answered or
 * not, and the way to answer), earlier months' with whether I took part, and "下月问卷提醒".
 * Quietly absent for anyone who is not a resident of a community (the call refuses them).
 */
export default function SurveySection() {
  const mine = useRemote(() => call('surveys.listForMe', {}), [], { reloadOnShow: true })
  const data = mine.state.status === 'error' ? null : mine.state.data
  if (!data) return null
  const open = (s: MyMonthSurvey) => navigate('surveyAnswer', { id: s.id })
  return (
    <View className="notices__surveys">
      <Text className="notices__section">本月问卷</Text>
      {data.current ? (
        <View className="notices__row notices__survey" onClick={() => open(data.current!)}>
          <View className="notices__survey-text">
            <Text className="notices__title">{`${monthLabel(data.current.month)}${data.current.title}`}</Text>
            <Text className="notices__summary">
              {lastDay(data.current.closesAt)}截止 · 已有 {data.current.answerCount} 位居民参与
            </Text>
            {!data.current.answered && !data.verified && <Text className="notices__summary">需先核实社区居民身份，点开查看核实方法</Text>}
          </View>
          {data.current.answered ? <Text className="notices__done">已填写</Text> : <Text className="notices__go">去填写</Text>}
        </View>
      ) : (
        <Text className="notices__muted">本月问卷还没有发布，发布后会出现在这里。</Text>
      )}
      <ReminderOptIn waiting={data.remindNext} />
      {data.past.length > 0 && <Text className="notices__section">往期问卷</Text>}
      {data.past.map((s) => (
        <View key={s.id} className="notices__row notices__survey" onClick={() => open(s)}>
          <View className="notices__survey-text">
            <Text className="notices__title">{`${monthLabel(s.month)}${s.title}`}</Text>
            <Text className="notices__summary">已结束 · {s.answerCount} 位居民参与</Text>
          </View>
          <Text className={s.answered ? 'notices__done' : 'notices__muted'}>{s.answered ? '我已参与' : '未参与'}</Text>
        </View>
      ))}
      <Text className="notices__section">社区通知</Text>
    </View>
  )
}
