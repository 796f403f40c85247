import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import BottomSheet from '@/components/BottomSheet'
import { call, clearDraft } from '@/services'
import type { Session } from '@/session'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import { askForCaseUpdates, fieldError, hasLocation, useCaseDraft, type DraftBase } from '@/hooks/useCaseDraft'
import { redirect } from '@/navigation'
import CaseFormPage from '@/components/CaseFormPage'
import FormTextArea from '@/components/FormTextArea'
import Section from '@/components/Section'
import ChoiceGrid from '@/components/ChoiceGrid'
import PhotoPicker from '@/components/PhotoPicker'
import LocationField, { defaultLocation } from '@/components/LocationField'
import SubmitBar, { DraftRestored } from '@/components/SubmitBar'
import ConsentSheet from '@/components/ConsentSheet'
import NoEmergencyService from '@/components/NoEmergencyService'
import { reportCategories, reportCategoryLabels, caseStatusLabels, type ReportCategory } from '@/types/enums'
import type { SimilarCase } from '@/types/case'
import { formatRelative } from '@/lib/relativeTime'
import { maxPhotos, textLimits } from '@/types/limits'
import { missingBlocker } from '@/lib/missing'
import './index.scss'

interface ReportDraft extends DraftBase {
  category?: ReportCategory
  description: string
  anonymous: boolean
}

// Two labelled tiles rather than a switch: an elderly resident sees both choices and which is on.
const anonymityOptions = [
  { value: 'no' as const, label: '留下称呼' },
  { value: 'yes' as const, label: '匿名上报' },
]
const categoryOptions = reportCategories.map((value) => ({ value, label: reportCategoryLabels[value] }))

export default function ReportPage() {
  return <CaseFormPage>{(me) => <ReportForm me={me} />}</CaseFormPage>
}

function ReportForm({ me }: { me: Session }) {
  const form = useCaseDraft<ReportDraft>('report', () => ({ description: '', anonymous: false, location: defaultLocation(me), photos: [] }))
  const { draft, update, submit } = form
  const uploads = usePhotoUploads(draft.photos)
  const [similar, setSimilar] = useState<SimilarCase[] | null>(null)
  const [joining, setJoining] = useState(false)

  useEffect(() => update({ photos: uploads.photos }), [uploads.photos, update])

  const description = draft.description.trim()
  const blocker = missingBlocker(
    [
      !draft.category && '问题类别',
      description.length < textLimits.caseDescription.min && `情况说明（至少 ${textLimits.caseDescription.min} 个字）`,
      !hasLocation(draft.location) && '问题所在的位置',
    ],
    uploads.uploading ? '照片正在上传，请稍等' : uploads.failed ? '有照片没传上去：点照片重传，或删掉它' : null,
  )

  const create = () => {
    if (!draft.category) return
    void form.send({
      kind: 'report',
      category: draft.category,
      description,
      anonymous: draft.anonymous,
      photos: uploads.fileIds,
    })
  }

  const onSubmit = async () => {
    if (blocker || !draft.category) return
    await askForCaseUpdates(me)
    // Same problem in the same building this week? Offer to join it instead of a new case.
    if (draft.location.buildingId && submit.phase !== 'failed') {
      const res = await call('cases.findSimilar', { category: draft.category, buildingId: draft.location.buildingId })
      if (res.ok && res.data.items.length > 0) {
        setSimilar(res.data.items)
        return
      }
    }
    create()
  }

  const joinSimilar = async (caseId: string) => {
    setJoining(true)
    // What they wrote and the photos they took are kept on that case as their own contribution.
    const text = description.slice(0, textLimits.addInfo.max)
    const res = await form.withConsent(() => call('cases.joinSimilar', { caseId, ...(text ? { text } : {}), photos: uploads.fileIds }))
    setJoining(false)
    if (!res.ok) {
      void Taro.showToast({ title: res.error.message, icon: 'none' })
      return
    }
    clearDraft('report')
    setSimilar(null)
    void Taro.showToast({ title: res.data.alreadyJoined ? '您已反映过这件事' : '已记录，您会收到进展', icon: 'none' })
    redirect('caseDetail', { id: caseId })
  }

  return (
    <View>
      <NoEmergencyService />
      <DraftRestored savedAt={form.restoredAt} onDiscard={() => { form.discard(); uploads.setPhotos([]) }} />
      <Section title="遇到了什么问题" required error={fieldError(submit, 'category')}>
        <ChoiceGrid options={categoryOptions} value={draft.category} onChange={(category) => update({ category })} />
      </Section>

      <Section title="说说情况" required hint="在哪里、什么时候、有多严重" error={fieldError(submit, 'description')}>
        <FormTextArea
          value={draft.description}
          onChange={(description) => update({ description })}
          placeholder="例如：3号楼2单元一楼楼道里停了两辆电动车，晚上在充电"
          maxLength={textLimits.caseDescription.max}
        />
      </Section>

      <Section title="拍照片" hint={`最多 ${maxPhotos} 张，会自动压缩，省流量`}>
        <PhotoPicker photos={uploads.photos} onAdd={uploads.add} onRemove={uploads.remove} onRetry={uploads.retry} />
      </Section>

      <Section title="问题在哪里" required error={fieldError(submit, 'location')}>
        <LocationField me={me} value={draft.location} onChange={(location) => update({ location })} />
      </Section>

      <Section title="匿名上报">
        <ChoiceGrid options={anonymityOptions} value={draft.anonymous ? 'yes' : 'no'} onChange={(v) => update({ anonymous: v === 'yes' })} />
        <Text className="form-page__explain">
          {draft.anonymous
            ? '民警只看到问题、照片和位置，看不到您的姓名和电话，也无法给您回电。处理进展仍会通知您。'
            : '民警能看到您的称呼，需要时可以联系您了解情况。您的电话不会给其他居民看到。'}
        </Text>
      </Section>

      <SubmitBar state={submit} label="提交上报" blocker={blocker} onSubmit={onSubmit} />


      <BottomSheet visible={similar !== null} title="附近有人反映过同样的问题" onClose={() => setSimilar(null)}>
        <View className="form-page__similar">
          <Text className="form-page__explain">如果是同一件事，点“我也遇到了”，民警会知道更多人受影响，您也能收到处理进展。</Text>
          {similar?.map((item) => (
            <View key={item.id} className="form-page__similar-item">
              <Text className="form-page__similar-title">
                {item.buildingName} · {reportCategoryLabels[item.category]}
              </Text>
              <Text className="form-page__similar-meta">
                {caseStatusLabels[item.status]} · {formatRelative(item.createdAt)} · 已有 {item.peopleCount} 人反映
              </Text>
              <Button type="primary" size="large" block loading={joining} onClick={() => joinSimilar(item.id)}>
                我也遇到了
              </Button>
            </View>
          ))}
          <Button
            fill="outline"
            size="large"
            block
            onClick={() => {
              setSimilar(null)
              create()
            }}
          >
            不是同一件事，继续提交
          </Button>
        </View>
      </BottomSheet>
      {/* Last: it may open over the similar-cases sheet (我也遇到了 needs consent too). */}
      <ConsentSheet gate={form.consent} />
    </View>
  )
}
