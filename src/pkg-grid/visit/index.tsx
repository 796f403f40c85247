import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { call, newClientRequestId } from '@/services'
import { redirect } from '@/navigation'
import { useRemote } from '@/hooks/useRemote'
import Section from '@/components/Section'
import ChoiceGrid from '@/components/ChoiceGrid'
import FormTextArea from '@/components/FormTextArea'
import { rosterTextLimits, visitMethods, visitMethodLabels, type VisitMethod } from '@/types/rosterLimits'
import { useSession } from '../components/useRoles'
import { elderClass } from '@/lib/elderMode'
import '../../styles/form.scss'
import './index.scss'

const methodOptions = visitMethods.map((value) => ({ value, label: visitMethodLabels[value] }))
const helpOptions = [
  { value: 'no', label: '暂不需要' },
  { value: 'yes', label: '一键发起求助', hint: '为这户开一件求助，交给网格民警' },
] as const
const urgencyOptions = [
  { value: 'normal', label: '一般' },
  { value: 'urgent', label: '紧急', hint: '30 分钟内受理' },
] as const

/** What a visit found; help needed can become a help case for the household in the same tap. */
export default function VisitPage() {
  const householdId = useRouter().params.householdId ?? ''
  const household = useRemote(() => call('roster.get', { householdId }), [householdId])
  const me = useSession()
  const [method, setMethod] = useState<VisitMethod>('home')
  const [visitors, setVisitors] = useState('')
  const [found, setFound] = useState('')
  const [helpNeeded, setHelpNeeded] = useState('')
  const [openHelpCase, setOpenHelpCase] = useState(false)
  const [urgent, setUrgent] = useState(false)
  // Kept until the visit is recorded: a retry after a lost answer records the same visit.
  const [requestId] = useState(newClientRequestId)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (me && !visitors) setVisitors(me.name ?? '')
  }, [me])

  const h = household.state.data
  const blocker =
    visitors.trim().length < rosterTextLimits.visitors.min ? '请填写走访人'
      : found.trim().length < rosterTextLimits.found.min ? '请填写走访情况'
        : openHelpCase && helpNeeded.trim().length < rosterTextLimits.helpNeeded.min ? '请填写需要的帮助'
          : null

  const submit = async () => {
    if (blocker || busy) return
    setBusy(true)
    setError(null)
    const res = await call('roster.logVisit', {
      householdId, clientRequestId: requestId, method, visitors: visitors.trim(), found: found.trim(),
      ...(helpNeeded.trim() ? { helpNeeded: helpNeeded.trim() } : {}),
      openHelpCase, urgent: openHelpCase && urgent,
    })
    setBusy(false)
    if (!res.ok) return setError(res.error.message)
    const caseId = res.data.visit.caseId
    if (caseId) {
      const go = await Taro.showModal({ title: '已记录走访并发起求助', content: '求助已交给网格民警，可在案件里跟进。', confirmText: '查看案件', cancelText: '返回档案' })
      if (go.confirm) return redirect('staffCase', { id: caseId })
    } else {
      void Taro.showToast({ title: '走访已记录', icon: 'success' })
    }
    void Taro.navigateBack()
  }

  return (
    <View className={`form-page visit${elderClass()}`}>
      {h && (
        <View className="visit__who">
          <Text className="visit__name">{h.callName ? `${h.callName}（${h.headName}）` : h.headName}</Text>
          <Text className="visit__place">{`${h.buildingName} ${h.unit} ${h.room} · ${h.tags.join('、') || '无标签'}`}</Text>
        </View>
      )}
      <Section title="走访方式" required>
        <ChoiceGrid options={methodOptions} value={method} onChange={setMethod} />
      </Section>
      <Section title="走访人" required hint="一起去的人都写上，如：周建军、马丽娜">
        <Input className="form-page__input" value={visitors} onChange={setVisitors} placeholder="走访人姓名" maxLength={rosterTextLimits.visitors.max} />
      </Section>
      <Section title="走访情况" required>
        <FormTextArea value={found} onChange={setFound} placeholder="例如：老人身体还好，帮忙检查了燃气阀门" maxLength={rosterTextLimits.found.max} />
      </Section>
      <Section title="需要的帮助">
        <FormTextArea value={helpNeeded} onChange={setHelpNeeded} placeholder="例如：暖气不热，需要联系热力公司" maxLength={rosterTextLimits.helpNeeded.max} rows={3} />
        <View className="visit__choices">
          <ChoiceGrid options={helpOptions} value={openHelpCase ? 'yes' : 'no'} onChange={(v) => setOpenHelpCase(v === 'yes')} />
        </View>
        {openHelpCase && (
          <View className="visit__choices">
            <ChoiceGrid options={urgencyOptions} value={urgent ? 'urgent' : 'normal'} onChange={(v) => setUrgent(v === 'urgent')} />
          </View>
        )}
      </Section>
      <View className="form-page__actions">
        {error && <Text className="form-page__error">{error}</Text>}
        {blocker && !error && <Text className="visit__blocker">{blocker}</Text>}
        <Button block type="primary" size="large" loading={busy} disabled={blocker !== null} onClick={submit}>
          {openHelpCase ? '记录走访并发起求助' : '记录走访'}
        </Button>
      </View>
    </View>
  )
}
