import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { navigate } from '@/navigation'
import { useRemote } from '@/hooks/useRemote'
import { isCaseHandler, loadSession } from '@/session'
import { useCaseView } from '@/hooks/useCaseView'
import LoadState from '@/components/LoadState'
import CaseFacts from '@/components/CaseFacts'
import CaseCard, { CaseAction, CaseActions, CaseActionsRow, CaseCardRow, PhoneCallPill } from '@/components/CaseCard'
import Timeline from '@/components/Timeline'
import TextSheet from '@/components/TextSheet'
import ChoiceGrid from '@/components/ChoiceGrid'
import type { StaffCaseView } from '@/types/case'
import type { FnOutput, Result } from '@/types/registry'
import {
  mediationOutcomes, mediationOutcomeLabels, mediationTiers, mediationTierLabels, noteVisibilityLabels,
  type MediationOutcome, type MediationTier, type NoteVisibility,
} from '@/types/enums'
import { formatDue } from '@/lib/relativeTime'
import { textLimits } from '@/types/limits'
import TemplatePicker from './TemplatePicker'
import { HelpersRow, PressButton } from './Teamwork'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

type Sheet = 'note' | 'start' | 'resolve' | 'reject' | 'transfer' | null
type StaffAnswer = Result<FnOutput<'cases.accept'>>

// issue 11: a note is internal unless "让居民看到" is chosen.
const visibilityOptions = (['internal', 'resident'] as const).map((value) => ({
  value,
  label: value === 'resident' ? '让居民看到' : noteVisibilityLabels[value],
  hint: value === 'resident' ? '居民在办理经过里能看到，并收到通知' : '只有工作人员能看到（默认）',
}))
const outcomeOptions = mediationOutcomes.map((value) => ({ value, label: mediationOutcomeLabels[value] }))
const tierOptions = mediationTiers.map((value) => ({ value, label: mediationTierLabels[value] }))

export default function StaffCasePage() {
  const id = useRouter().params.id ?? ''
  const view = useCaseView(id, 'staff', '没有权限办理这件事')
  const [sheet, setSheet] = useState<Sheet>(null)
  const [accepting, setAccepting] = useState(false)

  /** Returns an error message for the sheet, or null after closing it with a toast saying what happened. */
  const act = async (run: () => Promise<StaffAnswer>, done: string): Promise<string | null> => {
    const problem = await view.act(run)
    if (problem) return problem
    setSheet(null)
    void Taro.showToast({ title: done, icon: 'success' })
    return null
  }

  const accept = async (caseId: string) => {
    setAccepting(true)
    const problem = await act(() => call('cases.accept', { caseId }), '已受理')
    setAccepting(false)
    if (problem) void Taro.showToast({ title: problem, icon: 'none' })
  }

  return (
    <View className={`staff-case${elderClass()}`}>
      <LoadState state={view.state} onRetry={view.reload}>
        {(item: StaffCaseView) => (
          <View>
            <CaseFacts item={item} />
            <CaseCard>
              <CaseCardRow label="上报人">
                <Reporter reporter={item.reporter} />
              </CaseCardRow>
              {item.source && (
                <CaseCardRow label="来源">{`巡逻发现：${item.source.volunteerName} · ${item.source.startedAt} · 路线 ${item.source.route}`}</CaseCardRow>
              )}
              <CaseCardRow label="网格">{item.grid.name}</CaseCardRow>
              <CaseCardRow label="负责人">{item.assignee ? `${item.assignee.name}${item.assignee.isMe ? '（我）' : ''}` : '尚未受理'}</CaseCardRow>
              {item.slaDueAt && (item.status === 'submitted' || item.status === 'reopened') && (
                <CaseCardRow label="时限">
                  <Text className={formatDue(item.slaDueAt).late ? 'staff-case__late' : ''}>{formatDue(item.slaDueAt).text}</Text>
                </CaseCardRow>
              )}
              {item.escalated && <CaseCardRow label="督办">已超时上报所领导</CaseCardRow>}
              {(item.work.helpers.length > 0 || item.work.manageHelpers) && (
                <CaseCardRow label="协办">
                  <HelpersRow item={item} act={act} />
                </CaseCardRow>
              )}
            </CaseCard>

            <CaseCard label="办理经过">
              <Timeline entries={item.timeline} />
            </CaseCard>

            <CaseActions>
              {/* Sessions, tiers, agreement and follow-up live on the mediation page once the case is accepted. */}
              <CaseAction shown={item.detail.kind === 'mediation' && item.status !== 'submitted'} type="primary" onClick={() => navigate('mediationCase', { id: item.id })}>
                进入调解
              </CaseAction>
              {/* A legal question can go to the station's judicial mediator, from the mediation page. */}
              <CaseAction shown={item.detail.kind === 'help' && item.detail.helpType === 'legal_advice'} fill="outline" type="primary" onClick={() => navigate('mediationCase', { id: item.id })}>
                法律咨询：转专职调解员
              </CaseAction>
              {(item.work.press || item.work.pressedToday) && <PressButton item={item} act={act} />}
              <CaseAction shown={item.can.accept} type="primary" loading={accepting} onClick={() => accept(item.id)}>
                受理
              </CaseAction>
              <CaseAction shown={item.can.startProgress} type="primary" onClick={() => setSheet('start')}>
                开始处理
              </CaseAction>
              <CaseAction shown={item.can.resolve} type="success" onClick={() => setSheet('resolve')}>
                办结
              </CaseAction>
              <CaseAction shown={item.can.note} fill="outline" type="primary" onClick={() => setSheet('note')}>
                添加备注
              </CaseAction>
              <CaseActionsRow>
                {item.can.transfer && (
                  <Button fill="outline" size="large" onClick={() => setSheet('transfer')}>
                    转派
                  </Button>
                )}
                {item.can.reject && (
                  <Button fill="outline" type="danger" size="large" onClick={() => setSheet('reject')}>
                    不予受理
                  </Button>
                )}
              </CaseActionsRow>
            </CaseActions>

            <NoteSheet item={item} visible={sheet === 'note'} onClose={() => setSheet(null)} onSave={(text, visibility) => act(() => call('cases.note', { caseId: item.id, text, visibility }), '已添加')} />
            <TextSheet
              visible={sheet === 'start'}
              title="开始处理"
              placeholder="告诉居民您打算怎么处理（可以不填）"
              confirmText="开始处理"
              limit={textLimits.startProgress}
              onClose={() => setSheet(null)}
              onConfirm={(text) => act(() => call('cases.startProgress', { caseId: item.id, ...(text ? { text } : {}) }), '已开始处理')}
            />
            <ResolveSheet
              item={item}
              visible={sheet === 'resolve'}
              isMediation={item.detail.kind === 'mediation'}
              currentTier={item.detail.kind === 'mediation' ? item.detail.tier : undefined}
              onClose={() => setSheet(null)}
              onSave={(input) => act(() => call('cases.resolve', { caseId: item.id, ...input }), '已办结')}
            />
            <TextSheet
              visible={sheet === 'reject'}
              title="不予受理"
              placeholder="原因会告诉居民，例如：不属于派出所管辖，已告知居民联系物业"
              confirmText="确认不予受理"
              limit={textLimits.staffReason}
              danger
              onClose={() => setSheet(null)}
              onConfirm={(reason) => act(() => call('cases.reject', { caseId: item.id, reason }), '已处理')}
            />
            <TransferSheet
              visible={sheet === 'transfer'}
              currentGridId={item.grid.id}
              onClose={() => setSheet(null)}
              onSave={(toGridId, reason) => act(() => call('cases.transfer', { caseId: item.id, toGridId, reason }), '已转派')}
            />
          </View>
        )}
      </LoadState>
    </View>
  )
}

/** Anonymous reporters are never identified; a phone appears only when the resident allowed a call back. */
function Reporter({ reporter }: { reporter: StaffCaseView['reporter'] }) {
  if (reporter.anonymous) return <Text className="staff-case__muted">匿名上报（不显示上报人）</Text>
  const phone = reporter.phone
  return (
    <View className="staff-case__reporter">
      <Text>{reporter.name}</Text>
      {phone && (
        <PhoneCallPill phone={phone}>回电 {phone}</PhoneCallPill>
      )}
    </View>
  )
}

function NoteSheet({ item, visible, onClose, onSave }: { item: StaffCaseView; visible: boolean; onClose: () => void; onSave: (text: string, v: NoteVisibility) => Promise<string | null> }) {
  const [visibility, setVisibility] = useState<NoteVisibility>('internal')
  const [preset, setPreset] = useState({ text: '', n: 0 })
  // A grid worker's notes stay internal: the officer (or the admin) speaks to the resident.
  const session = useRemote(() => loadSession(), [])
  const canShow = session.state.status === 'ready' && isCaseHandler(session.state.data)
  useEffect(() => {
    if (visible) setVisibility('internal')
  }, [visible])
  return (
    <TextSheet visible={visible} title="添加备注" placeholder="备注内容" confirmText={visibility === 'resident' ? '保存并告诉居民' : '保存内部备注'} limit={textLimits.note} preset={preset} onClose={onClose} onConfirm={(text) => onSave(text, visibility)}>
      <View className="staff-case__sheet-choice">
        {canShow ? <ChoiceGrid options={visibilityOptions} value={visibility} onChange={setVisibility} /> : <Text className="staff-case__muted">备注仅内部可见，民警和所领导能看到</Text>}
        {canShow && <TemplatePicker item={item} visible={visible} onPick={(text) => setPreset((p) => ({ text, n: p.n + 1 }))} />}
      </View>
    </TextSheet>
  )
}

interface ResolveInput {
  whatWasDone: string
  mediation?: { outcome: MediationOutcome; tier?: MediationTier; agreement?: string }
}

function ResolveSheet(props: { item: StaffCaseView; visible: boolean; isMediation: boolean; currentTier?: MediationTier; onClose: () => void; onSave: (input: ResolveInput) => Promise<string | null> }) {
  const [preset, setPreset] = useState({ text: '', n: 0 })
  const [outcome, setOutcome] = useState<MediationOutcome | undefined>()
  const [tier, setTier] = useState<MediationTier | undefined>(props.currentTier)
  const [agreement, setAgreement] = useState('')
  const save = async (whatWasDone: string) => {
    if (!props.isMediation) return props.onSave({ whatWasDone })
    if (!outcome) return '请选择调解结果'
    return props.onSave({
      whatWasDone,
      mediation: { outcome, ...(tier ? { tier } : {}), ...(agreement.trim() ? { agreement: agreement.trim() } : {}) },
    })
  }
  return (
    <TextSheet visible={props.visible} title="办结" placeholder="做了什么、结果如何（居民能看到）" confirmText="确认办结" limit={textLimits.whatWasDone} preset={preset} onClose={props.onClose} onConfirm={save}>
      <TemplatePicker item={props.item} visible={props.visible} onPick={(text) => setPreset((p) => ({ text, n: p.n + 1 }))} />
      {props.isMediation && (
        <View className="staff-case__sheet-choice">
          <Text className="staff-case__label">调解结果</Text>
          <ChoiceGrid options={outcomeOptions} value={outcome} onChange={setOutcome} columns={3} />
          <Text className="staff-case__label">调解方式</Text>
          <ChoiceGrid options={tierOptions} value={tier} onChange={setTier} columns={3} />
          {outcome === 'success' && (
            <TextArea className="staff-case__agreement" value={agreement} onChange={setAgreement} placeholder="调解协议要点（可以不填）" maxLength={textLimits.mediationAgreement.max} rows={2} />
          )}
        </View>
      )}
    </TextSheet>
  )
}

function TransferSheet(props: { visible: boolean; currentGridId: string; onClose: () => void; onSave: (toGridId: string, reason: string) => Promise<string | null> }) {
  const [target, setTarget] = useState<string | undefined>()
  const targets = useRemote(() => call('cases.transferTargets', {}), [], { enabled: props.visible })
  const options =
    targets.state.status === 'ready'
      ? targets.state.data.grids
          .filter((g) => g.id !== props.currentGridId)
          // issue 11: who receives it; a grid without an officer is answered by the station.
          .map((g) => ({ value: g.id, label: g.name, hint: `${g.communityName} · ${g.officerName ? `由${g.officerName}接收` : '暂无民警，由派出所接收'}` }))
      : []
  return (
    <TextSheet
      visible={props.visible}
      title="转派到其他网格"
      placeholder="转派原因，例如：位置属于隔壁网格"
      confirmText="确认转派"
      limit={textLimits.staffReason}
      onClose={props.onClose}
      onConfirm={(reason) => (target ? props.onSave(target, reason) : Promise.resolve('请先选择网格'))}
    >
      <View className="staff-case__sheet-choice staff-case__targets">
        {targets.state.status === 'error' && (
          <Text className="staff-case__late" onClick={targets.reload}>
            {targets.state.error.message}（点此重试）
          </Text>
        )}
        {targets.state.status === 'loading' && <Text className="staff-case__muted">正在加载网格…</Text>}
        <ChoiceGrid options={options} value={target} onChange={setTarget} />
      </View>
    </TextSheet>
  )
}
