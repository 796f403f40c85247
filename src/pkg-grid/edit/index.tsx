import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { call, newClientRequestId, type DraftKey } from '@/services'
import { redirect } from '@/navigation'
import { useRemote } from '@/hooks/useRemote'
import { useDraft } from '@/hooks/useDraft'
import { DraftRestored } from '@/components/SubmitBar'
import Section from '@/components/Section'
import ChoiceGrid from '@/components/ChoiceGrid'
import FormTextArea from '@/components/FormTextArea'
import { presetHouseholdTags, rosterTextLimits as L } from '@/types/rosterLimits'
import type { HouseholdRecord } from '@/types/roster'
import { elderClass } from '@/lib/elderMode'
import '../components/Chips.scss'
import '../../styles/form.scss'
import './index.scss'

const PHONE = /^1\d{10}$/

interface Form {
  gridId: string
  buildingId: string
  unit: string
  room: string
  headName: string
  callName: string
  members: string
  phone: string
  tags: string[]
  note: string
  paired: boolean
  /** A new household's create attempt, kept with the draft: a retry after a lost answer adds no second one. */
  clientRequestId: string
}

const empty = (gridId: string): Form => ({
  gridId, buildingId: '', unit: '', room: '', headName: '', callName: '', members: '1', phone: '', tags: [], note: '', paired: false, clientRequestId: newClientRequestId(),
})

/** The record as the form starts from it. `phone` stays empty: a draft holds only a number the user typed. */
function fromRecord(h: HouseholdRecord): Form {
  return {
    gridId: h.gridId, buildingId: h.buildingId, unit: h.unit, room: h.room, headName: h.headName, callName: h.callName ?? '', members: String(h.members),
    phone: '', tags: h.tags, note: h.note, paired: h.pairedOfficerName !== null, clientRequestId: newClientRequestId(),
  }
}

function blockerOf(f: Form): string | null {
  const members = Number(f.members)
  if (!f.buildingId) return '请选择楼栋'
  if (!f.unit.trim()) return '请填写单元，如 1单元'
  if (!f.room.trim()) return '请填写门牌号，如 301'
  if (!f.headName.trim()) return '请填写户主姓名'
  if (!Number.isInteger(members) || members < L.members.min || members > L.members.max) return `家庭人数应为 ${L.members.min}–${L.members.max} 人`
  if (f.phone.trim() && !PHONE.test(f.phone.trim())) return '手机号应为 11 位数字'
  if (f.tags.length > L.tags.max) return `标签最多 ${L.tags.max} 个`
  return null
}

/**
 * issue 11: add a household to the grid, or edit one: building, who lives there, tags (presets and
 * free ones), contact, note, 结对帮扶 with the grid's officer. The full phone number is never loaded
 * here (reading it is audited on the record page): a new number replaces it, an empty box keeps it.
 * What the user typed is a draft on the phone per household (a new one, or household X), restored
 * when the form opens again after an interruption and cleared once saved.
 */
export default function HouseholdEditPage() {
  const params = useRouter().params
  const id = params.id
  const record = useRemote(() => call('roster.get', { householdId: id ?? '' }), [id], { enabled: !!id })
  const draftKey: DraftKey = `household:${id ?? 'new'}`
  const { draft: form, restoredAt, update, replace, discard, finish } = useDraft<Form>(draftKey, () => empty(params.gridId ?? ''))
  // Editing starts from the record, unless a draft of this household was restored.
  const [ready, setReady] = useState(!id || restoredAt !== null)
  const gridId = form.gridId
  const place = useRemote(() => call('roster.list', { pageSize: 1, ...(gridId ? { gridId } : {}) }), [gridId], { enabled: ready })
  const [freeTag, setFreeTag] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const h = record.state.status === 'ready' ? record.state.data : null
  useEffect(() => {
    if (!h || ready) return
    replace(fromRecord(h))
    setReady(true)
  }, [h, ready])
  const places = place.state.status === 'ready' ? place.state.data : null
  useEffect(() => {
    // A new household starts in the first grid the caller may open.
    if (places && ready && !form.gridId) replace((f) => ({ ...f, gridId: places.grid.id }))
  }, [places, ready])

  if (!ready) return <Text className="hh-edit__blocker">{record.state.status === 'error' ? record.state.error.message : '正在加载…'}</Text>
  const set = <K extends keyof Form>(key: K, value: Form[K]) => update({ [key]: value } as Partial<Form>)
  const startOver = () => {
    if (!id) return discard()
    // Back to the record as saved; while it is still loading, the form waits for it.
    discard(h ? fromRecord(h) : undefined)
    if (!h) setReady(false)
  }
  const grid = places?.grids.find((g) => g.id === form.gridId) ?? places?.grid ?? null
  const toggleTag = (t: string) => set('tags', form.tags.includes(t) ? form.tags.filter((x) => x !== t) : [...form.tags, t])
  const addFreeTag = () => {
    const t = freeTag.trim()
    if (!t) return
    if (form.tags.length >= L.tags.max) return setError(`标签最多 ${L.tags.max} 个`)
    if (!form.tags.includes(t)) set('tags', [...form.tags, t])
    setFreeTag('')
  }
  const blocker = blockerOf(form)

  const submit = async () => {
    if (blocker || busy) return
    setBusy(true)
    setError(null)
    const fields = {
      buildingId: form.buildingId, unit: form.unit.trim(), room: form.room.trim(), headName: form.headName.trim(),
      callName: form.callName.trim() || null, members: Number(form.members), tags: form.tags, note: form.note.trim(), paired: form.paired,
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
    }
    const res = id ? await call('roster.editHousehold', { householdId: id, ...fields }) : await call('roster.addHousehold', { clientRequestId: form.clientRequestId, ...fields })
    setBusy(false)
    if (!res.ok) return setError(res.error.message)
    finish()
    void Taro.showToast({ title: id ? '已保存' : '已新增住户', icon: 'success' })
    if (id) return void Taro.navigateBack()
    redirect('gridHousehold', { id: res.data.household.id })
  }

  const presetTags: readonly string[] = presetHouseholdTags
  const freeTags = form.tags.filter((t) => !presetTags.includes(t))
  return (
    <View className={`form-page hh-edit${elderClass()}`}>
      <DraftRestored savedAt={restoredAt} onDiscard={startOver} />
      {places && places.grids.length > 1 && (
        <Section title="网格" required>
          <ChoiceGrid options={places.grids.map((g) => ({ value: g.id, label: g.name }))} value={form.gridId} onChange={(g) => update({ gridId: g, buildingId: '' })} />
        </Section>
      )}
      <Section title="楼栋" required>
        <View className="grid-chips">
          {!places && <Text className="hh-edit__hint">正在加载楼栋…</Text>}
          {(places?.buildings ?? []).map((b) => (
            <Text key={b.id} className={`grid-chip${b.id === form.buildingId ? ' grid-chip--on' : ''}`} onClick={() => set('buildingId', b.id)}>{b.name}</Text>
          ))}
        </View>
      </Section>
      <Section title="单元和门牌号" required>
        <View className="hh-edit__pair">
          <Input className="form-page__input" value={form.unit} onChange={(v) => set('unit', v)} placeholder="如 1单元" maxLength={L.unit.max} />
          <Input className="form-page__input" value={form.room} onChange={(v) => set('room', v)} placeholder="如 301" maxLength={L.room.max} />
        </View>
      </Section>
      <Section title="户主姓名" required>
        <Input className="form-page__input" value={form.headName} onChange={(v) => set('headName', v)} placeholder="如 邢桂珍" maxLength={L.headName.max} />
      </Section>
      <Section title="称呼" hint="邻里怎么称呼，如 邢奶奶；可不填">
        <Input className="form-page__input" value={form.callName} onChange={(v) => set('callName', v)} placeholder="如 邢奶奶" maxLength={L.callName.max} />
      </Section>
      <Section title="家庭人数" required>
        <Input className="form-page__input" type="number" value={form.members} onChange={(v) => set('members', v)} placeholder="1" maxLength={2} />
      </Section>
      <Section title="联系电话" hint={id ? `不修改请留空${h?.phoneMasked ? `（现为 ${h.phoneMasked}）` : ''}；列表中只显示部分号码` : '列表中只显示部分号码，查看完整号码会记入审计日志'}>
        <Input className="form-page__input" type="number" value={form.phone} onChange={(v) => set('phone', v)} placeholder="11 位手机号" maxLength={11} />
      </Section>
      <Section title="标签" hint={`点选常用标签，也可以添加自定义标签（最多 ${L.tags.max} 个）`}>
        <View className="grid-chips">
          {[...presetTags, ...freeTags].map((t) => (
            <Text key={t} className={`grid-chip${form.tags.includes(t) ? ' grid-chip--on' : ''}`} onClick={() => toggleTag(t)}>{t}</Text>
          ))}
        </View>
        <View className="hh-edit__pair">
          <Input className="form-page__input" value={freeTag} onChange={setFreeTag} placeholder="自定义标签，如 低保户" maxLength={L.tag.max} />
          <Text className="hh-edit__add" onClick={addFreeTag}>添加</Text>
        </View>
      </Section>
      <Section title="备注">
        <FormTextArea value={form.note} onChange={(v) => set('note', v)} placeholder="如 独居老人，女儿在外地" maxLength={L.note.max} rows={3} />
      </Section>
      <Section title="结对帮扶" hint={grid?.officerName ? `与本网格民警 ${grid.officerName} 结对` : '该网格暂无社区民警，暂不能结对'}>
        <ChoiceGrid
          options={[{ value: 'no', label: '不结对' }, { value: 'yes', label: grid?.officerName ? `与${grid.officerName}结对` : '结对' }]}
          value={form.paired ? 'yes' : 'no'}
          onChange={(v) => set('paired', v === 'yes' && !!grid?.officerName)}
        />
      </Section>
      <View className="form-page__actions">
        {error && <Text className="form-page__error">{error}</Text>}
        {blocker && !error && <Text className="hh-edit__blocker">{blocker}</Text>}
        <Button block type="primary" size="large" loading={busy} disabled={blocker !== null} onClick={submit}>
          {id ? '保存修改' : '新增住户'}
        </Button>
      </View>
    </View>
  )
}
