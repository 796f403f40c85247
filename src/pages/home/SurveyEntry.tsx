import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call } from '@/services/call'
import { isReady, type Session } from '@/session'
import { navigate } from '@/navigation'
import type { SurveyResidentView } from '@/types/survey'

/**
 * The monthly opinion survey on home (issue 10): a resident sees the open survey of their community
 * while it runs (officers reach "本月问卷" from the workbench table). Styled with home's
 * own row classes: nothing new in the main package but these few lines.
 */
export default function SurveyEntry({ me }: { me: Session }) {
  const [open, setOpen] = useState<SurveyResidentView | null>(null)
  const resident = isReady(me)
  // Quietly secondary, like the badge: no survey or a failed call shows nothing.
  useDidShow(() => {
    if (resident) void call('surveys.current', {}).then((res) => setOpen(res.ok ? res.data.survey : null))
  })
  return (
    <View>
      {open && open.status !== 'draft' && (
        <View className="home__workbench" onClick={() => navigate('surveyAnswer', { id: open.id })}>
          <View className="home__entry-text">
            <Text className="home__entry-title">{open.title}</Text>
            <Text className="home__entry-hint">已有 {open.answerCount} 位居民参与{open.status === 'closed' ? ' · 已结束' : ''}</Text>
          </View>
          {open.myAnswer ? <Text className="home__entry-hint">已填写</Text> : <Text className="home__mine-badge">去填写</Text>}
          <Text className="home__chevron">›</Text>
        </View>
      )}
    </View>
  )
}
