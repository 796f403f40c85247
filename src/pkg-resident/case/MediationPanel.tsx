import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import CaseCard from '@/components/CaseCard'
import { AgreementPhoto, OutcomeHeadline, SessionStatusText } from '@/components/MediationRecord'
import { agreementConfirmationLabels, mediationTierLabels } from '@/types/enums'
import type { MediationView } from '@/types/mediation'
import { formatDate, formatDateTime } from '@/lib/dates'
import './MediationPanel.scss'

/**
 * What only a mediation has, for the party who asked for it: the tier and who leads it, the sessions,
 * the outcome and agreement, and "确认协议" when the backend says the resident may confirm.
 * `onChanged` lets the case page reload its timeline after a confirmation.
 */
export default function MediationPanel({ caseId, version, onChanged }: { caseId: string; version: string; onChanged: () => void }) {
  const remote = useRemote(() => call('mediations.get', { caseId }), [caseId, version])
  const [busy, setBusy] = useState(false)
  if (remote.state.status !== 'ready') return null
  const m = remote.state.data.mediation

  const confirm = async () => {
    setBusy(true)
    const res = await call('mediations.confirmAgreement', { caseId })
    setBusy(false)
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none' })
    remote.setData(res.data)
    void Taro.showToast({ title: '已确认协议', icon: 'success' })
    onChanged()
  }

  return (
    <View className="case-med">
      <CaseCard label="调解进展">
        <Steps m={m} />
        {m.handler && (
          <Text className="case-med__line">
            主持调解：{m.handler.name} · {m.handler.title}
          </Text>
        )}
        {m.mediators.length > 0 && <Text className="case-med__line">调解员：{m.mediators.map((x) => x.name).join('、')}</Text>}
        {m.referral && (
          <Text className="case-med__line">
            已移交{m.referral.body}（{formatDate(m.referral.date)}）
          </Text>
        )}
        {m.deadline && m.deadline.daysLeft >= 0 && <Text className="case-med__muted">预计 {formatDate(m.deadline.at)} 前完成调解</Text>}
      </CaseCard>

      {m.sessions.length > 0 && (
        <CaseCard label="调解安排">
          {m.sessions.map((s) => (
            <View key={s.id} className="case-med__session">
              <Text className="case-med__when">{formatDateTime(s.at)}</Text>
              <SessionStatusText status={s.status} />
              <Text className="case-med__muted case-med__place">{s.place}</Text>
            </View>
          ))}
        </CaseCard>
      )}

      {m.outcome && (
        <CaseCard label="调解结果">
          <OutcomeHeadline outcome={m.outcome} />
          {m.referredTo && <Text className="case-med__line">移交：{m.referredTo}</Text>}
          {m.agreement && (
            <View>
              <Text className="case-med__label">调解协议</Text>
              <Text className="case-med__terms">{m.agreement.terms}</Text>
              {m.agreement.file?.url && <AgreementPhoto url={m.agreement.file.url} />}
              <Text className="case-med__muted">
                {m.agreement.confirmation
                  ? `${agreementConfirmationLabels[m.agreement.confirmation.by]}（${formatDateTime(m.agreement.confirmation.at)}）`
                  : '请您看一下协议内容，没有问题请点“确认协议”。'}
              </Text>
              {m.can.confirmAgreement && (
                <View className="case-med__confirm">
                  <Button block type="primary" size="large" loading={busy} onClick={confirm}>
                    确认协议
                  </Button>
                </View>
              )}
            </View>
          )}
          {m.followUp && !m.followUp.done && <Text className="case-med__muted">民警会在 {formatDate(m.followUp.dueAt)} 前后回访协议履行情况。</Text>}
        </CaseCard>
      )}
    </View>
  )
}

/** The three tiers as steps: done, current, still ahead. */
function Steps({ m }: { m: MediationView }) {
  const tiers = ['police_community', 'professional', 'joint_office'] as const
  const at = m.tier ? tiers.indexOf(m.tier) : -1
  return (
    <View className="case-med__steps">
      {tiers.map((tier, i) => (
        <Text key={tier} className={`case-med__step${i < at ? ' case-med__step--done' : ''}${i === at ? ' case-med__step--now' : ''}`}>
          {mediationTierLabels[tier]}
        </Text>
      ))}
    </View>
  )
}
