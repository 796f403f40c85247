import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call, canPickMapPoint, newClientRequestId, pickMapPoint } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import { navigate } from '@/navigation'
import LoadState from '@/components/LoadState'
import Section from '@/components/Section'
import BottomSheet from '@/components/BottomSheet'
import ChoiceGrid from '@/components/ChoiceGrid'
import FormTextArea from '@/components/FormTextArea'
import PhotoPicker from '@/components/PhotoPicker'
import { patrolStatusLabels, reportCategories, reportCategoryLabels, type ReportCategory } from '@/types/enums'
import { patrolLimits, textLimits } from '@/types/limits'
import type { PatrolView } from '@/types/patrol'
import { formatDateTime } from '@/lib/dates'
import BuildingChips from '../components/BuildingChips'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

const categoryOptions = reportCategories.map((value) => ({ value, label: reportCategoryLabels[value] }))

/** One patrol: while it runs, the buildings passed, "记录发现" and "结束巡逻"; afterwards its summary. */
export default function PatrolPage() {
  const id = useRouter().params.id ?? ''
  const remote = useRemote(async () => {
    const res = await call('patrols.get', { patrolId: id })
    if (!res.ok) return res
    const org = await call('session.listCommunities', { communityId: res.data.patrol.communityId })
    const buildings = org.ok ? org.data.buildings.map((b) => ({ id: b.id, name: b.name })) : []
    return { ok: true as const, data: { patrol: res.data.patrol, buildings } }
  }, [id])
  const [patrol, setPatrol] = useState<PatrolView | null>(null)
  useEffect(() => setPatrol(remote.state.data?.patrol ?? null), [remote.state.data])

  return (
    <View className={`patrol${elderClass()}`}>
      <LoadState state={remote.state} onRetry={remote.reload}>
        {({ buildings }) => patrol && <PatrolBody patrol={patrol} buildings={buildings} onChange={setPatrol} />}
      </LoadState>
    </View>
  )
}

function minutesBetween(from: string, to: string | null): number {
  return Math.max(1, Math.round(((to ? Date.parse(to) : Date.now()) - Date.parse(from)) / 60_000))
}

function PatrolBody({ patrol, buildings, onChange }: { patrol: PatrolView; buildings: { id: string; name: string }[]; onChange: (p: PatrolView) => void }) {
  const running = patrol.status === 'active' && patrol.mine
  const [finding, setFinding] = useState(false)
  const [ending, setEnding] = useState(false)
  const passed = patrol.route.map((r) => r.buildingId)

  const pass = async (buildingId: string, point?: { latitude: number; longitude: number }) => {
    const res = await call('patrols.pass', { patrolId: patrol.id, buildingId, ...(point ? { point } : {}) })
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none' })
    onChange(res.data.patrol)
  }
  const markHere = async () => {
    const pick = await pickMapPoint()
    if ('refused' in pick) return void Taro.showToast({ title: pick.refused, icon: 'none' })
    const last = patrol.route[patrol.route.length - 1]
    if ('point' in pick && last) await pass(last.buildingId, { latitude: pick.point.latitude, longitude: pick.point.longitude })
  }
  // Planned buildings first, then the rest of the community.
  const planned = new Set(patrol.plannedBuildings.map((b) => b.id))
  const ordered = [...buildings.filter((b) => planned.has(b.id)), ...buildings.filter((b) => !planned.has(b.id))]

  return (
    <View>
      <View className={`patrol__head patrol__head--${patrol.status}`}>
        <Text className="patrol__title">
          {patrol.communityName} · {patrolStatusLabels[patrol.status]}
        </Text>
        <Text className="patrol__meta">
          {patrol.volunteerName} · {formatDateTime(patrol.startedAt)} 开始
          {patrol.endedAt ? ` · 用时 ${minutesBetween(patrol.startedAt, patrol.endedAt)} 分钟` : ''}
        </Text>
      </View>

      {running ? (
        <Section title="途经楼栋" hint="走到哪栋楼，点一下记下来">
          <BuildingChips buildings={ordered} chosen={passed} onTap={(b) => !passed.includes(b) && void pass(b)} />
          {canPickMapPoint && patrol.route.length > 0 && (
            <Text className="patrol__link" onClick={markHere}>
              标记当前位置（已记录 {patrol.pointCount} 个）
            </Text>
          )}
        </Section>
      ) : (
        <Section title="巡逻路线">
          <Text className="patrol__text">{patrol.routeText || '没有记录途经楼栋'}</Text>
        </Section>
      )}

      <Section title={`发现的隐患（${patrol.findingCount}）`}>
        {patrol.findings.length === 0 && <Text className="patrol__muted">{running ? '路上发现隐患，点下面“记录发现”上报给社区民警。' : '这次巡逻没有上报隐患。'}</Text>}
        {patrol.findings.map((f) => (
          <View key={f.caseId} className="patrol__finding" onClick={() => navigate('caseDetail', { id: f.caseId })}>
            <Text className="patrol__finding-title">
              {f.buildingName ?? ''} · {reportCategoryLabels[f.category]}
            </Text>
            <Text className="patrol__finding-text">{f.description}</Text>
            <Text className="patrol__link">查看处理进展 ›</Text>
          </View>
        ))}
      </Section>

      {patrol.endNote && (
        <Section title="巡逻小结">
          <Text className="patrol__text">{patrol.endNote}</Text>
        </Section>
      )}

      {running && (
        <View className="patrol__actions">
          <Button type="primary" size="large" block onClick={() => setFinding(true)}>
            记录发现
          </Button>
          <Button fill="outline" type="primary" size="large" block onClick={() => setEnding(true)}>
            结束巡逻
          </Button>
        </View>
      )}

      <FindingSheet visible={finding} patrol={patrol} buildings={ordered} onClose={() => setFinding(false)} onDone={(p) => { setFinding(false); onChange(p) }} />
      <EndSheet visible={ending} patrol={patrol} onClose={() => setEnding(false)} onDone={(p) => { setEnding(false); onChange(p) }} />
    </View>
  )
}

interface SheetProps {
  visible: boolean
  patrol: PatrolView
  onClose: () => void
  onDone: (p: PatrolView) => void
}

/** A finding on the way: category, building, what was seen, photos. It becomes a report case for the grid's officer. */
function FindingSheet({ visible, patrol, buildings, onClose, onDone }: SheetProps & { buildings: { id: string; name: string }[] }) {
  const [category, setCategory] = useState<ReportCategory | undefined>()
  const [buildingId, setBuildingId] = useState<string | undefined>()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const uploads = usePhotoUploads([])
  // Kept until the finding is recorded: a retry after a lost answer never makes a second case.
  const requestId = useRef(newClientRequestId())
  const last = patrol.route[patrol.route.length - 1]
  useEffect(() => {
    if (visible && !buildingId && last) setBuildingId(last.buildingId)
  }, [visible, buildingId, last])

  const description = text.trim()
  const blocker = !category
    ? '请选择隐患类别'
    : !buildingId
      ? '请选择楼栋'
      : description.length < textLimits.caseDescription.min
        ? `请用至少 ${textLimits.caseDescription.min} 个字说说情况`
        : uploads.uploading
          ? '照片正在上传，请稍等'
          : null

  const submit = async () => {
    if (blocker || !category || !buildingId) return
    setBusy(true)
    const res = await call('patrols.addFinding', {
      patrolId: patrol.id, clientRequestId: requestId.current, category, buildingId, description, photos: uploads.fileIds,
    })
    setBusy(false)
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none' })
    requestId.current = newClientRequestId()
    setCategory(undefined)
    setText('')
    uploads.setPhotos([])
    void Taro.showToast({ title: '已上报给社区民警', icon: 'none' })
    onDone(res.data.patrol)
  }

  return (
    <BottomSheet visible={visible} title="记录发现" onClose={onClose}>
      <View className="patrol__sheet">
        <Text className="patrol__sheet-label">隐患类别</Text>
        <ChoiceGrid options={categoryOptions} value={category} onChange={setCategory} />
        <Text className="patrol__sheet-label">在哪栋楼</Text>
        <BuildingChips buildings={buildings} chosen={buildingId ? [buildingId] : []} onTap={setBuildingId} />
        <Text className="patrol__sheet-label">看到的情况</Text>
        <FormTextArea value={text} onChange={setText} placeholder="例如：2单元楼梯间有两辆电动车正在充电" maxLength={textLimits.caseDescription.max} />
        <Text className="patrol__sheet-label">拍照片</Text>
        <PhotoPicker photos={uploads.photos} onAdd={uploads.add} onRemove={uploads.remove} onRetry={uploads.retry} />
        {blocker && <Text className="patrol__muted">{blocker}</Text>}
        <Button type="primary" size="large" block loading={busy} disabled={!!blocker} onClick={submit}>
          上报隐患
        </Button>
      </View>
    </BottomSheet>
  )
}

function EndSheet({ visible, patrol, onClose, onDone }: SheetProps) {
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const end = async () => {
    setBusy(true)
    const res = await call('patrols.end', { patrolId: patrol.id, ...(note.trim() ? { endNote: note.trim() } : {}) })
    setBusy(false)
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none' })
    onDone(res.data.patrol)
  }
  return (
    <BottomSheet visible={visible} title="结束巡逻" onClose={onClose}>
      <View className="patrol__sheet">
        <Text className="patrol__muted">
          本次巡逻 {minutesBetween(patrol.startedAt, null)} 分钟，经过 {patrol.route.length} 栋楼，上报 {patrol.findingCount} 处隐患。
        </Text>
        <Text className="patrol__sheet-label">巡逻小结（可不填）</Text>
        <FormTextArea value={note} onChange={setNote} placeholder="例如：外来车辆2辆，已登记" maxLength={patrolLimits.endNote.max} rows={3} />
        <Button type="primary" size="large" block loading={busy} onClick={end}>
          确认结束
        </Button>
      </View>
    </BottomSheet>
  )
}
