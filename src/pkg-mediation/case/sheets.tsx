/**
 * The forms of the mediation case page, one bottom sheet each. Every sheet hands its input to
 * `onSave`, which resolves to the backend's Chinese message (shown in the sheet) or null when done.
 */
import { useEffect, useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import BottomSheet from '@/components/BottomSheet'
import ChoiceGrid from '@/components/ChoiceGrid'
import PhotoPicker from '@/components/PhotoPicker'
import { call } from '@/services'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import { useRemote } from '@/hooks/useRemote'
import { mediationOutcomes, mediationOutcomeLabels, type MediationOutcome } from '@/types/enums'
import type { MediationView, PartyView } from '@/types/mediation'
import type { FnInput } from '@/types/registry'
import { beijing } from '@/lib/dates'
import '@/components/TextSheet.scss'

type Save<T> = (input: T) => Promise<string | null>
interface SheetProps<T> {
  visible: boolean
  onClose: () => void
  onSave: Save<T>
}

/** A sheet with fields and one confirm button; `check` names what is missing before anything is sent. */
function FormSheet(props: { visible: boolean; title: string; confirmText: string; onClose: () => void; onConfirm: () => Promise<string | null>; check?: string | null; children: ReactNode }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (props.visible) setError(null)
  }, [props.visible])
  const confirm = async () => {
    if (busy) return
    if (props.check) return setError(props.check)
    setBusy(true)
    const problem = await props.onConfirm()
    setBusy(false)
    setError(problem)
  }
  return (
    <BottomSheet visible={props.visible} title={props.title} onClose={props.onClose}>
      <View className="fq-sheet med-sheet">
        {props.children}
        {error && <Text className="fq-sheet__error">{error}</Text>}
        <Button block type="primary" size="large" loading={busy} onClick={confirm}>
          {props.confirmText}
        </Button>
      </View>
    </BottomSheet>
  )
}

function Label({ children }: { children: ReactNode }) {
  return <Text className="med-sheet__label">{children}</Text>
}

function Area(props: { value: string; onChange: (v: string) => void; placeholder: string; max: number; rows?: number }) {
  return <TextArea className="fq-sheet__text" value={props.value} onChange={props.onChange} placeholder={props.placeholder} maxLength={props.max} showCount rows={props.rows ?? 3} />
}

function Line(props: { value: string; onChange: (v: string) => void; placeholder: string; max: number; type?: 'text' | 'tel' | 'number' }) {
  return <Input className="med-sheet__input" value={props.value} onChange={props.onChange} placeholder={props.placeholder} maxLength={props.max} type={props.type ?? 'text'} />
}

/** Resets a sheet's fields each time it opens. */
function useFresh<T>(visible: boolean, initial: () => T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(initial)
  useEffect(() => {
    if (visible) setValue(initial())
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible])
  return [value, setValue]
}

const tooShort = (text: string, min: number, what: string) => (text.trim().length < min ? `请填写${what}（至少 ${min} 个字）` : null)

// ---- escalate ----
export function EscalateSheet({ m, ...props }: SheetProps<FnInput<'mediations.escalate'>> & { m: MediationView }) {
  const toJoint = m.tier === 'professional'
  const [reason, setReason] = useFresh(props.visible, () => '')
  const [body, setBody] = useFresh(props.visible, () => '')
  const [contact, setContact] = useFresh(props.visible, () => '')
  const check = tooShort(reason, 2, '升级原因') ?? (toJoint && (!body.trim() || !contact.trim()) ? '请填写接收单位和联系人' : null)
  const save = () =>
    props.onSave(
      toJoint
        ? { caseId: m.caseId, toTier: 'joint_office', reason, referral: { body: body.trim(), contact: contact.trim(), date: new Date().toISOString() } }
        : { caseId: m.caseId, toTier: 'professional', reason },
    )
  return (
    <FormSheet visible={props.visible} title={toJoint ? '移交公调对接' : '升级到专业助调'} confirmText="确认升级" onClose={props.onClose} onConfirm={save} check={check}>
      <Text className="fq-sheet__hint">
        {toJoint ? '移交街道综治中心或司法所，之后继续跟进。' : '由所里的专职人民调解员主持调解，居民会收到通知。'}
      </Text>
      {toJoint && (
        <View>
          <Label>接收单位</Label>
          <Line value={body} onChange={setBody} placeholder="例如：街道综治中心" max={40} />
          <Label>对方联系人</Label>
          <Line value={contact} onChange={setContact} placeholder="姓名和电话" max={40} />
        </View>
      )}
      <Label>升级原因</Label>
      <Area value={reason} onChange={setReason} placeholder="为什么需要升级，例如：双方分歧较大，需要专业调解" max={300} />
    </FormSheet>
  )
}

// ---- mediators ----
export function MediatorsSheet({ caseId, ...props }: SheetProps<string[]> & { caseId: string }) {
  const options = useRemote(() => call('mediations.mediatorOptions', { caseId }), [caseId], { enabled: props.visible })
  const [picked, setPicked] = useFresh<string[]>(props.visible, () => [])
  const community = options.state.status === 'ready' ? options.state.data.community : []
  const toggle = (id: string) => setPicked(picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id])
  return (
    <FormSheet visible={props.visible} title="指派社区调解员" confirmText="确认指派" onClose={props.onClose} onConfirm={() => props.onSave(picked)} check={picked.length ? null : '请至少选择一位调解员'}>
      {options.state.status === 'loading' && <Text className="fq-sheet__hint">正在加载…</Text>}
      {options.state.status === 'error' && <Text className="fq-sheet__error">{options.state.error.message}</Text>}
      {options.state.status === 'ready' && community.length === 0 && <Text className="fq-sheet__hint">这个社区还没有社区调解员。</Text>}
      <View className="fq-choices fq-choices--2">
        {community.map((c) => {
          const on = c.assigned || picked.includes(c.id)
          return (
            <View key={c.id} className={`fq-choices__item${on ? ' fq-choices__item--on' : ''}`} onClick={() => !c.assigned && toggle(c.id)}>
              <Text className="fq-choices__label">{c.name}</Text>
              <Text className="fq-choices__hint">{c.assigned ? '已指派' : c.title}</Text>
              {on && <Text className="fq-choices__tick">✓</Text>}
            </View>
          )
        })}
      </View>
    </FormSheet>
  )
}

// ---- parties ----
type PartyDraft = { name: string; relation: string; phone: string }
const toDraft = (p: PartyView): PartyDraft => ({ name: p.name, relation: p.relation, phone: p.phone && !p.phone.includes('*') ? p.phone : '' })

export function PartiesSheet({ current, loadContacts, ...props }: SheetProps<FnInput<'mediations.setParties'>['parties']> & { current: PartyView[]; loadContacts: (() => Promise<PartyView[] | null>) | null }) {
  const [rows, setRows] = useFresh<PartyDraft[]>(props.visible, () => current.map(toDraft))
  // Editing needs the full numbers (else a saved list would drop them): reading them is the audited read.
  useEffect(() => {
    if (props.visible && loadContacts) void loadContacts().then((full) => full && setRows(full.map(toDraft)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.visible])
  const patch = (i: number, change: Partial<PartyDraft>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)))
  const filled = rows.filter((r) => r.name.trim() && r.relation.trim())
  const save = () => props.onSave(filled.map((r) => ({ name: r.name.trim(), relation: r.relation.trim(), ...(r.phone.trim() ? { phone: r.phone.trim() } : {}) })))
  return (
    <FormSheet visible={props.visible} title="编辑当事人" confirmText="保存当事人" onClose={props.onClose} onConfirm={save} check={filled.length < 2 ? '至少需要两位当事人（姓名和关系）' : null}>
      {rows.map((r, i) => (
        <View key={i} className="med-sheet__party">
          <Line value={r.name} onChange={(name) => patch(i, { name })} placeholder="姓名" max={20} />
          <Line value={r.relation} onChange={(relation) => patch(i, { relation })} placeholder="关系，例如：对方当事人" max={20} />
          <Line value={r.phone} onChange={(phone) => patch(i, { phone })} placeholder="手机号（不知道可不填）" max={11} type="tel" />
        </View>
      ))}
      {rows.length < 6 && (
        <Text className="med-sheet__add" onClick={() => setRows([...rows, { name: '', relation: '', phone: '' }])}>
          + 添加当事人
        </Text>
      )}
    </FormSheet>
  )
}

// ---- sessions ----
const sessionTimes = ['09:00', '10:00', '14:00', '15:00', '16:00', '19:00'] as const

/** Tomorrow and the six days after it, as tiles: easier than a wheel picker, and covers a week. */
function nextDays() {
  const today = beijing(Date.now()).startOf('day')
  return Array.from({ length: 7 }, (_, i) => {
    const day = today.add(i + 1, 'day')
    return { value: day.format('YYYY-MM-DD'), label: day.format('M月D日'), hint: day.format('dddd') }
  })
}

export function ScheduleSheet({ m, ...props }: SheetProps<{ at: string; place: string; attendees: string[] }> & { m: MediationView }) {
  const days = nextDays()
  const [day, setDay] = useFresh<string | undefined>(props.visible, () => undefined)
  const [time, setTime] = useFresh<string | undefined>(props.visible, () => undefined)
  const [place, setPlace] = useFresh(props.visible, () => '')
  const [attendees, setAttendees] = useFresh(props.visible, () => [...m.parties.map((p) => p.name), ...(m.handler ? [m.handler.name] : [])].join('、'))
  // Only 、 and new lines separate: a party may be called "601的车主，姓钱".
  const names = attendees.split(/[、\n]+/).map((s) => s.trim()).filter(Boolean)
  const check = !day || !time ? '请选择日期和时间' : !place.trim() ? '请填写调解地点' : names.length === 0 ? '请填写参加人员' : null
  const save = () => props.onSave({ at: beijing(`${day}T${time}:00+08:00`).toISOString(), place: place.trim(), attendees: names })
  return (
    <FormSheet visible={props.visible} title="安排调解" confirmText="确认安排" onClose={props.onClose} onConfirm={save} check={check}>
      <Label>日期</Label>
      <ChoiceGrid options={days} value={day} onChange={setDay} columns={3} />
      <Label>时间</Label>
      <ChoiceGrid options={sessionTimes.map((t) => ({ value: t, label: t }))} value={time} onChange={setTime} columns={3} />
      <Label>地点</Label>
      <Line value={place} onChange={setPlace} placeholder="例如：社区警务室调解室" max={60} />
      <Label>参加人员（用顿号分开）</Label>
      <Line value={attendees} onChange={setAttendees} placeholder="例如：刘玉芬、赵先生、周建军" max={200} />
      <Text className="fq-sheet__hint">当事人会收到调解时间的通知。</Text>
    </FormSheet>
  )
}

export function RecordSessionSheet(props: { visible: boolean; onClose: () => void; onSave: (notes: string, proposals: string) => Promise<string | null> }) {
  const [notes, setNotes] = useFresh(props.visible, () => '')
  const [proposals, setProposals] = useFresh(props.visible, () => '')
  return (
    <FormSheet visible={props.visible} title="记录调解" confirmText="保存记录" onClose={props.onClose} onConfirm={() => props.onSave(notes.trim(), proposals.trim())} check={tooShort(notes, 1, '调解经过')}>
      <Label>调解经过（仅工作人员可见）</Label>
      <Area value={notes} onChange={setNotes} placeholder="双方说了什么、争议在哪里" max={2000} rows={4} />
      <Label>调解方案（可以不填）</Label>
      <Area value={proposals} onChange={setProposals} placeholder="提出的解决方案" max={1000} />
    </FormSheet>
  )
}

// ---- outcome and agreement ----
type OutcomeInput = Omit<FnInput<'mediations.recordOutcome'>, 'caseId'>
const outcomeOptions = mediationOutcomes.map((value) => ({ value, label: mediationOutcomeLabels[value] }))

function PaperToggle({ on, onChange }: { on: boolean; onChange: (v: boolean) => void }) {
  return (
    <View className={`fq-choices__item med-sheet__toggle${on ? ' fq-choices__item--on' : ''}`} onClick={() => onChange(!on)}>
      <Text className="fq-choices__label">双方已在书面协议上签字</Text>
      {on && <Text className="fq-choices__tick">✓</Text>}
    </View>
  )
}

export function OutcomeSheet(props: SheetProps<OutcomeInput>) {
  const [outcome, setOutcome] = useFresh<MediationOutcome | undefined>(props.visible, () => undefined)
  const [summary, setSummary] = useFresh(props.visible, () => '')
  const [terms, setTerms] = useFresh(props.visible, () => '')
  const [referredTo, setReferredTo] = useFresh(props.visible, () => '')
  const [paper, setPaper] = useFresh(props.visible, () => false)
  const photos = usePhotoUploads([], 1)
  const check = !outcome
    ? '请选择调解结果'
    : (tooShort(summary, 2, '调解情况') ??
      (outcome === 'success' ? tooShort(terms, 2, '协议内容') : null) ??
      (outcome === 'referred' && !referredTo.trim() ? '请填写移交的法院或部门' : null) ??
      (photos.uploading ? '照片还在上传，请稍候' : null))
  const save = () =>
    props.onSave({
      outcome: outcome ?? 'success',
      summary: summary.trim(),
      ...(outcome === 'referred' ? { referredTo: referredTo.trim() } : {}),
      ...(outcome === 'success' ? { agreement: { terms: terms.trim(), signedOnPaper: paper, ...(photos.fileIds[0] ? { fileId: photos.fileIds[0] } : {}) } } : {}),
    })
  return (
    <FormSheet visible={props.visible} title="记录调解结果" confirmText="确认结果" onClose={props.onClose} onConfirm={save} check={check}>
      <ChoiceGrid options={outcomeOptions} value={outcome} onChange={setOutcome} columns={3} />
      <Label>调解情况（居民能看到）</Label>
      <Area value={summary} onChange={setSummary} placeholder="经过调解，双方达成了什么" max={500} />
      {outcome === 'referred' && (
        <View>
          <Label>移交到</Label>
          <Line value={referredTo} onChange={setReferredTo} placeholder="法院或部门名称" max={40} />
        </View>
      )}
      {outcome === 'success' && (
        <View>
          <Label>调解协议内容</Label>
          <Area value={terms} onChange={setTerms} placeholder="协议条款，例如：双方约定车位使用时间……" max={2000} rows={4} />
          <Label>签字协议照片（可以稍后上传）</Label>
          <PhotoPicker photos={photos.photos} max={1} onAdd={() => void photos.add()} onRemove={photos.remove} onRetry={photos.retry} />
          <PaperToggle on={paper} onChange={setPaper} />
        </View>
      )}
    </FormSheet>
  )
}

export function AttachSheet(props: SheetProps<{ fileId?: string; signedOnPaper: boolean }>) {
  const [paper, setPaper] = useFresh(props.visible, () => false)
  const photos = usePhotoUploads([], 1)
  const fileId = photos.fileIds[0]
  const check = photos.uploading ? '照片还在上传，请稍候' : !fileId && !paper ? '请上传签字协议或确认已签署书面协议' : null
  return (
    <FormSheet visible={props.visible} title="签字协议" confirmText="保存" onClose={props.onClose} onConfirm={() => props.onSave({ signedOnPaper: paper, ...(fileId ? { fileId } : {}) })} check={check}>
      <PhotoPicker photos={photos.photos} max={1} onAdd={() => void photos.add()} onRemove={photos.remove} onRetry={photos.retry} />
      <PaperToggle on={paper} onChange={setPaper} />
    </FormSheet>
  )
}

// ---- follow-up and deadline ----
export function FollowUpSheet(props: SheetProps<{ honoured: boolean; note: string; reopen: boolean }>) {
  const [honoured, setHonoured] = useFresh<'yes' | 'no' | undefined>(props.visible, () => undefined)
  const [note, setNote] = useFresh(props.visible, () => '')
  const [reopen, setReopen] = useFresh(props.visible, () => false)
  const check = !honoured ? '请选择协议履行情况' : tooShort(note, 2, '回访情况')
  return (
    <FormSheet visible={props.visible} title="记录回访" confirmText="保存回访" onClose={props.onClose} onConfirm={() => props.onSave({ honoured: honoured === 'yes', note: note.trim(), reopen: honoured === 'no' && reopen })} check={check}>
      <ChoiceGrid
        options={[
          { value: 'yes', label: '协议正在履行' },
          { value: 'no', label: '协议未履行' },
        ]}
        value={honoured}
        onChange={setHonoured}
      />
      <Label>回访情况</Label>
      <Area value={note} onChange={setNote} placeholder="回访了谁、现在情况如何" max={500} />
      {honoured === 'no' && (
        <View className={`fq-choices__item med-sheet__toggle${reopen ? ' fq-choices__item--on' : ''}`} onClick={() => setReopen(!reopen)}>
          <Text className="fq-choices__label">重新调解（重新计算一个月期限）</Text>
          {reopen && <Text className="fq-choices__tick">✓</Text>}
        </View>
      )}
    </FormSheet>
  )
}

export function ExtendSheet(props: { visible: boolean; onClose: () => void; onSave: (days: number, reason: string) => Promise<string | null> }) {
  const [days, setDays] = useFresh<'7' | '15' | '30' | undefined>(props.visible, () => undefined)
  const [reason, setReason] = useFresh(props.visible, () => '')
  const check = !days ? '请选择延长天数' : tooShort(reason, 2, '延长原因')
  return (
    <FormSheet visible={props.visible} title="延长调解期限" confirmText="确认延长" onClose={props.onClose} onConfirm={() => props.onSave(Number(days), reason.trim())} check={check}>
      <ChoiceGrid
        options={(['7', '15', '30'] as const).map((d) => ({ value: d, label: `${d} 天` }))}
        value={days}
        onChange={setDays}
        columns={3}
      />
      <Label>延长原因（记入办理经过）</Label>
      <Area value={reason} onChange={setReason} placeholder="例如：一方当事人外出，需等其返回" max={300} />
    </FormSheet>
  )
}

// ---- legal advice ----
export function AnswerSheet(props: SheetProps<string>) {
  const [answer, setAnswer] = useFresh(props.visible, () => '')
  return (
    <FormSheet visible={props.visible} title="答复法律咨询" confirmText="提交答复" onClose={props.onClose} onConfirm={() => props.onSave(answer.trim())} check={tooShort(answer, 2, '答复')}>
      <Area value={answer} onChange={setAnswer} placeholder="您的解答，居民会看到" max={2000} rows={5} />
    </FormSheet>
  )
}
