import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { requestSubscribe } from '@/services'
import { loadSession } from '@/session'

/**
 * "下月问卷提醒": a one-time subscribe message when next month's survey is published. Asked only on
 * the resident's tap (WeChat refuses it otherwise), through the app's one subscribe flow.
 */
export default function ReminderOptIn() {
  const [done, setDone] = useState<'granted' | 'declined' | null>(null)
  const [busy, setBusy] = useState(false)
  const [ids, setIds] = useState<readonly string[]>([])
  // Known before the tap: the subscribe request must be the first thing the tap awaits.
  useEffect(() => {
    void loadSession().then((res) => res.ok && setIds(reminderTemplates(res.data.subscribeTemplates)))
  }, [])

  const optIn = async () => {
    if (busy) return
    setBusy(true)
    const outcome = await requestSubscribe(ids)
    setBusy(false)
    setDone(outcome.accepted.length > 0 ? 'granted' : 'declined')
  }

  if (ids.length === 0) return null
  return (
    <View className="survey__remind">
      {done === 'granted' ? (
        <Text className="survey__remind-done">已订阅：下月问卷发布时会提醒您</Text>
      ) : (
        <Button block type="primary" fill="outline" size="large" loading={busy} onClick={optIn}>
          下月问卷提醒我
        </Button>
      )}
      {done === 'declined' && <Text className="survey__remind-done">没有订阅成功，可以在微信设置中打开通知后再试。</Text>}
    </View>
  )
}

/**
 * The template ids of the "next month's survey" reminder, as whoami hands them per tap (scene
 * `onSurveyReminder`, from the backend's template config); none configured: nothing to ask for.
 */
function reminderTemplates(scenes: Partial<Record<string, readonly string[]>>): readonly string[] {
  return scenes.onSurveyReminder ?? []
}
