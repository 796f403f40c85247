import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import { navigate } from '@/navigation'
import LoadState from '@/components/LoadState'
import CaseCard, { CaseAction, CaseActions, CaseActionsRow, CaseCardRow, PhoneCallPill } from '@/components/CaseCard'
import { AgreementPhoto, OutcomeHeadline, SessionStatusText } from '@/components/MediationRecord'
import StatusTag from '@/components/StatusTag'
import TextSheet from '@/components/TextSheet'
import {
  agreementConfirmationLabels, mediationStageLabels, mediationTierLabels, mediationTypeLabels,
} from '@/types/enums'
import type { MediationView, PartyView } from '@/types/mediation'
import type { FnOutput, Result } from '@/types/registry'
import { formatDate, formatDateTime } from '@/lib/dates'
import { textLimits } from '@/types/limits'
import { AnswerSheet, EscalateSheet, ExtendSheet, FollowUpSheet, MediatorsSheet, OutcomeSheet, AttachSheet, PartiesSheet, RecordSessionSheet, ScheduleSheet } from './sheets'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

type Sheet =
  | 'escalate' | 'mediators' | 'parties' | 'schedule' | 'record' | 'outcome' | 'attach' | 'followUp' | 'extend' | 'route' | 'answer'
  | null
type Answer = Result<FnOutput<'mediations.get'>>

export default function MediationCasePage() {
  const id = useRouter().params.id ?? ''
  const view = useRemote(() => call('mediations.get', { caseId: id }), [id], { enabled: id !== '', reloadOnShow: true })
  const [sheet, setSheet] = useState<Sheet>(null)
  const [sessionId, setSessionId] = useState<string | null>(null)
  const [contacts, setContacts] = useState<PartyView[] | null>(null)

  /** Runs one action; the answer is the new view. Returns the Chinese message for the sheet, or null when done. */
  const act = async (run: () => Promise<Answer>, done: string): Promise<string | null> => {
    const res = await run()
    if (!res.ok) return res.error.message
    view.setData(res.data)
    setSheet(null)
    void Taro.showToast({ title: done, icon: 'success' })
    return null
  }

  const revealContacts = async (): Promise<PartyView[] | null> => {
    const res = await call('mediations.partyContacts', { caseId: id })
    if (!res.ok) {
      void Taro.showToast({ title: res.error.message, icon: 'none' })
      return null
    }
    setContacts(res.data.parties)
    return res.data.parties
  }

  return (
    <View className={`med-case${elderClass()}`}>
      <LoadState state={view.state} onRetry={view.reload}>
        {({ mediation: m }) => (
          <View>
            <Head m={m} />
            <PartiesCard m={m} contacts={contacts} onReveal={revealContacts} />
            <PeopleCard m={m} />
            {m.referral && (
              <CaseCard label="公调对接">
                <CaseCardRow label="接收单位">{m.referral.body}</CaseCardRow>
                <CaseCardRow label="联系人">{m.referral.contact}</CaseCardRow>
                <CaseCardRow label="移交日期">{formatDate(m.referral.date)}</CaseCardRow>
              </CaseCard>
            )}
            <SessionsCard
              m={m}
              onRecord={(sid) => {
                setSessionId(sid)
                setSheet('record')
              }}
            />
            <OutcomeCard m={m} />
            {m.legalAdvice && (
              <CaseCard label="法律咨询">
                <CaseCardRow label="解答人">{m.legalAdvice.advisorName ?? '尚未转交'}</CaseCardRow>
                <Text className="med-case__text">{m.legalAdvice.answer ?? '尚未答复'}</Text>
              </CaseCard>
            )}

            <CaseActions>
              <CaseAction shown={m.can.scheduleSession} type="primary" onClick={() => setSheet('schedule')}>
                安排调解
              </CaseAction>
              <CaseAction shown={m.can.recordOutcome} type="success" onClick={() => setSheet('outcome')}>
                记录调解结果
              </CaseAction>
              <CaseAction shown={m.can.confirmAgreement} type="primary" onClick={() => void act(() => call('mediations.confirmAgreement', { caseId: m.caseId }), '已确认')}>
                确认协议
              </CaseAction>
              <CaseAction shown={m.can.attachAgreement} fill="outline" type="primary" onClick={() => setSheet('attach')}>
                上传签字协议
              </CaseAction>
              <CaseAction shown={m.can.recordFollowUp} type="primary" onClick={() => setSheet('followUp')}>
                记录回访
              </CaseAction>
              <CaseAction shown={m.can.answerLegalAdvice} type="primary" onClick={() => setSheet('answer')}>
                答复法律咨询
              </CaseAction>
              <CaseAction shown={m.can.escalate} fill="outline" type="warning" onClick={() => setSheet('escalate')}>
                {m.tier === 'police_community' ? '升级到专业助调' : '移交公调对接'}
              </CaseAction>
              <CaseActionsRow>
                {m.can.assignMediators && (
                  <Button fill="outline" size="large" onClick={() => setSheet('mediators')}>
                    指派调解员
                  </Button>
                )}
                {m.can.setParties && (
                  <Button fill="outline" size="large" onClick={() => setSheet('parties')}>
                    编辑当事人
                  </Button>
                )}
              </CaseActionsRow>
              <CaseActionsRow>
                {m.can.extendDeadline && (
                  <Button fill="outline" size="large" onClick={() => setSheet('extend')}>
                    延长期限
                  </Button>
                )}
                {m.can.routeLegalAdvice && (
                  <Button fill="outline" size="large" onClick={() => setSheet('route')}>
                    转专职调解员
                  </Button>
                )}
              </CaseActionsRow>
              <CaseAction fill="none" onClick={() => navigate('staffCase', { id: m.caseId })}>
                查看办理经过
              </CaseAction>
            </CaseActions>

            <EscalateSheet visible={sheet === 'escalate'} m={m} onClose={() => setSheet(null)} onSave={(input) => act(() => call('mediations.escalate', input), '已升级')} />
            <MediatorsSheet visible={sheet === 'mediators'} caseId={m.caseId} onClose={() => setSheet(null)} onSave={(mediatorIds) => act(() => call('mediations.assignMediators', { caseId: m.caseId, mediatorIds }), '已指派')} />
            <PartiesSheet
              visible={sheet === 'parties'}
              current={contacts ?? m.parties}
              loadContacts={m.can.viewContacts && !contacts ? revealContacts : null}
              onClose={() => setSheet(null)}
              onSave={(parties) => act(() => call('mediations.setParties', { caseId: m.caseId, parties }), '已保存')}
            />
            <ScheduleSheet visible={sheet === 'schedule'} m={m} onClose={() => setSheet(null)} onSave={(input) => act(() => call('mediations.scheduleSession', { caseId: m.caseId, ...input }), '已安排')} />
            <RecordSessionSheet
              visible={sheet === 'record'}
              onClose={() => setSheet(null)}
              onSave={(notes, proposals) => act(() => call('mediations.recordSession', { caseId: m.caseId, sessionId: sessionId ?? '', notes, ...(proposals ? { proposals } : {}) }), '已记录')}
            />
            <OutcomeSheet visible={sheet === 'outcome'} onClose={() => setSheet(null)} onSave={(input) => act(() => call('mediations.recordOutcome', { caseId: m.caseId, ...input }), '已记录')} />
            <AttachSheet visible={sheet === 'attach'} onClose={() => setSheet(null)} onSave={(input) => act(() => call('mediations.attachAgreement', { caseId: m.caseId, ...input }), '已保存')} />
            <FollowUpSheet visible={sheet === 'followUp'} onClose={() => setSheet(null)} onSave={(input) => act(() => call('mediations.recordFollowUp', { caseId: m.caseId, ...input }), '已记录')} />
            <ExtendSheet visible={sheet === 'extend'} onClose={() => setSheet(null)} onSave={(days, reason) => act(() => call('mediations.extendDeadline', { caseId: m.caseId, days, reason }), '已延长')} />
            <TextSheet
              visible={sheet === 'route'}
              title="转专职调解员解答"
              placeholder="给专职调解员的说明（可以不填）"
              confirmText="确认转交"
              limit={textLimits.startProgress}
              onClose={() => setSheet(null)}
              onConfirm={(note) => act(() => call('mediations.routeLegalAdvice', { caseId: m.caseId, ...(note ? { note } : {}) }), '已转交')}
            />
            <AnswerSheet visible={sheet === 'answer'} onClose={() => setSheet(null)} onSave={(answer) => act(() => call('mediations.answerLegalAdvice', { caseId: m.caseId, answer }), '已答复')} />
          </View>
        )}
      </LoadState>
    </View>
  )
}

function Head({ m }: { m: MediationView }) {
  const late = m.deadline !== null && m.deadline.daysLeft < 0
  return (
    <View className="med-case__head">
      <View className="med-case__tags">
        <Text className="med-case__tier">{m.tier ? mediationTierLabels[m.tier] : '法律咨询'}</Text>
        <Text className="med-case__stage">{mediationStageLabels[m.stage]}</Text>
        <View className="med-case__spacer" />
        <StatusTag status={m.status} />
      </View>
      <Text className="med-case__title">{m.title}</Text>
      {m.mediationType && <Text className="med-case__muted">{mediationTypeLabels[m.mediationType]}</Text>}
      {m.deadline && (
        <Text className={`med-case__deadline${late || m.deadline.daysLeft <= 7 ? ' med-case__deadline--late' : ''}`}>
          {late ? `已超过调解期限 ${-m.deadline.daysLeft} 天` : `距调解期限还有 ${m.deadline.daysLeft} 天`}（{formatDate(m.deadline.at)}
          {m.deadline.extensions > 0 ? `，已延长 ${m.deadline.extensions} 次` : ''}）
        </Text>
      )}
    </View>
  )
}

function PartiesCard({ m, contacts, onReveal }: { m: MediationView; contacts: PartyView[] | null; onReveal: () => Promise<unknown> }) {
  const parties = contacts ?? m.parties
  // A legal question has no parties to a dispute.
  if (parties.length === 0 && !m.can.setParties) return null
  return (
    <CaseCard label="当事人">
      {parties.map((p, i) => (
        <View key={`${p.name}-${i}`} className="med-case__party">
          <Text className="med-case__party-name">{p.name}</Text>
          <Text className="med-case__muted">{p.relation}</Text>
          <View className="med-case__spacer" />
          {p.phone &&
            (contacts ? (
              <PhoneCallPill phone={p.phone}>{p.phone}</PhoneCallPill>
            ) : (
              <Text className="med-case__muted">{p.phone}</Text>
            ))}
        </View>
      ))}
      {m.can.viewContacts && !contacts && (
        <Text className="med-case__link" onClick={() => void onReveal()}>
          查看完整联系方式（查看记录将留存备查）
        </Text>
      )}
    </CaseCard>
  )
}

function PeopleCard({ m }: { m: MediationView }) {
  return (
    <CaseCard label="调解人员">
      <CaseCardRow label="主持">{m.handler ? `${m.handler.name} · ${m.handler.title}` : '尚未受理'}</CaseCardRow>
      {m.mediators.length > 0 && (
        <CaseCardRow label="调解员">{m.mediators.map((x) => `${x.name}${x.isMe ? '（我）' : ''}`).join('、')}</CaseCardRow>
      )}
    </CaseCard>
  )
}

function SessionsCard({ m, onRecord }: { m: MediationView; onRecord: (sessionId: string) => void }) {
  if (m.sessions.length === 0) return null
  return (
    <CaseCard label={`调解会（${m.sessions.length}）`}>
      {m.sessions.map((s) => (
        <View key={s.id} className="med-case__session">
          <View className="med-case__tags">
            <Text className="med-case__session-when">{formatDateTime(s.at)}</Text>
            <View className="med-case__spacer" />
            <SessionStatusText status={s.status} />
          </View>
          <Text className="med-case__muted">
            {s.place} · {s.attendees.join('、')}
          </Text>
          {s.notes && <Text className="med-case__text">{s.notes}</Text>}
          {s.proposals && <Text className="med-case__text">方案：{s.proposals}</Text>}
          {s.status === 'scheduled' && m.can.recordSession && (
            <Text className="med-case__link" onClick={() => onRecord(s.id)}>
              记录这次调解
            </Text>
          )}
        </View>
      ))}
    </CaseCard>
  )
}

function OutcomeCard({ m }: { m: MediationView }) {
  if (!m.outcome && !m.followUp) return null
  const url = m.agreement?.file?.url
  return (
    <CaseCard label="调解结果">
      {m.outcome && <OutcomeHeadline outcome={m.outcome} />}
      {m.referredTo && <CaseCardRow label="移交">{m.referredTo}</CaseCardRow>}
      {m.agreement && (
        <View className="med-case__agreement">
          <Text className="med-case__label">调解协议</Text>
          <Text className="med-case__text">{m.agreement.terms}</Text>
          {url && <AgreementPhoto url={url} />}
          <Text className="med-case__muted">
            {m.agreement.confirmation
              ? `${agreementConfirmationLabels[m.agreement.confirmation.by]} · ${formatDateTime(m.agreement.confirmation.at)}`
              : '当事人尚未确认'}
          </Text>
        </View>
      )}
      {m.followUp && (
        <CaseCardRow label="回访">
          {m.followUp.done
            ? `${m.followUp.done.honoured ? '协议正在履行' : '协议未履行'}：${m.followUp.done.note}`
            : `${formatDate(m.followUp.dueAt)}${m.followUp.due ? '（已到期）' : ''}`}
        </CaseCardRow>
      )}
    </CaseCard>
  )
}
