import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call, requestSubscribe } from '@/services'
import { loadSession } from '@/session'
import './ReminderOptIn.scss'

/**
 * "下月问卷提醒": a one-time subscribe message when my community's next survey is published. Asked
 * only on the resident's tap (WeChat refuses it otherwise), through the app's one subscribe flow;
 * when WeChat says yes, the opt-in is recorded (`surveys.remindMe`) and publishing tells me once.
 * Shown after answering and on the notices-and-surveys list; `waiting` is what the backend knows.
 */
export default function ReminderOptIn({ waiting = false }: { waiting?: boolean }) {
  const [done, setDone] = useState<'granted' | 'declined' | 'failed' | null>(waiting ? 'granted' : null)
  const [busy, setBusy] = useState(false)
  const [ids, setIds] = useState<readonly string[]>([])
  // Known before the tap: the subscribe request must be the first thing the tap awaits.
  useEffect(() => {
    void loadSession().then((res) => res.ok && setIds(reminderTemplates(res.data.subscribeTemplates)))
  }, [])
  useEffect(() => {
    if (waiting) setDone('granted')
  }, [waiting])

  const optIn = async () => {
    if (busy) return
    setBusy(true)
    const outcome = await requestSubscribe(ids)
    if (outcome.accepted.length === 0) {
      setBusy(false)
      setDone('declined')
      return
    }
    const recorded = await call('surveys.remindMe', {})
    setBusy(false)
    setDone(recorded.ok ? 'granted' : 'failed')
  }

  if (ids.length === 0) return null
  return (
    <View className="survey-remind">
      {done === 'granted' ? (
        <Text className="survey-remind__done">已订阅：下月问卷发布时会提醒您</Text>
      ) : (
        <Button block type="primary" fill="outline" size="large" loading={busy} onClick={optIn}>
          下月问卷提醒我
        </Button>
      )}
      {done === 'declined' && <Text className="survey-remind__note">没有订阅成功，可以在微信设置中打开通知后再试。</Text>}
      {done === 'failed' && <Text className="survey-remind__note">网络不太好，没有记下您的订阅，请再点一次。</Text>}
    </View>
  )
}

/**
 * The template ids of the "next month's survey" reminder, as whoami hands them per tap (scene
 * `onSurveyReminder`, from the backend's template config); none configured: nothing to ask for.
 */
function reminderTemplates(scenes: { onSurveyReminder?: readonly string[] }): readonly string[] {
  return scenes.onSurveyReminder ?? []
}
