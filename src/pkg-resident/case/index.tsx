import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call } from '@/services'
import { useCaseView } from '@/hooks/useCaseView'
import { useConsentGate } from '@/hooks/useConsentGate'
import { navigate } from '@/navigation'
import LoadState from '@/components/LoadState'
import CaseFacts from '@/components/CaseFacts'
import CaseCard, { CaseAction, CaseActions } from '@/components/CaseCard'
import Timeline from '@/components/Timeline'
import TextSheet from '@/components/TextSheet'
import ConsentSheet from '@/components/ConsentSheet'
import MediationPanel from './MediationPanel'
import type { ResidentCaseView } from '@/types/case'
import { maxPhotos, textLimits } from '@/types/limits'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import PhotoPicker from '@/components/PhotoPicker'
import ServiceLevel from './ServiceLevel'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

type Sheet = 'addInfo' | 'withdraw' | 'reopen' | null

export default function CasePage() {
  const id = useRouter().params.id ?? ''
  const view = useCaseView(id, 'resident', '这不是您的事项', { reloadOnShow: true })
  const [sheet, setSheet] = useState<Sheet>(null)
  // Photos for 补充情况, with the report form's picker (issue 14).
  const uploads = usePhotoUploads()
  const { withConsent, gate } = useConsentGate()

  // Refused for a changed privacy guide: the text sheet stays (busy) under the consent sheet, and the same action runs again after agreeing.
  const act = async (run: Parameters<typeof view.act>[0]) => {
    const problem = await view.act(() => withConsent(run))
    if (!problem) setSheet(null)
    return problem
  }

  return (
    <View className={`case-page${elderClass()}`}>
      <LoadState state={view.state} onRetry={view.reload}>
        {(item: ResidentCaseView) => (
          <View>
            <CaseFacts item={item} />
            <ServiceLevel item={item} />
            {!item.isReporter && <Text className="case-page__joined">您通过“我也遇到了”关注了这件事，进展会通知您。</Text>}
            {item.handler && (
              <CaseCard label="负责人">
                <Text className="case-page__handler">
                  {item.handler.name} · {item.handler.title}
                </Text>
              </CaseCard>
            )}
            {item.rating && (
              <CaseCard label="我的评价">
                <Text className="case-page__rating">
                  满意度 <Text className="case-page__stars">{'★'.repeat(item.rating.satisfaction)}</Text> · 安全感{' '}
                  <Text className="case-page__stars">{'★'.repeat(item.rating.safety)}</Text>
                </Text>
                {item.rating.comment && <Text className="case-page__comment">{item.rating.comment}</Text>}
              </CaseCard>
            )}
            {/* The applicant sees the mediation's own progress; neighbours who only follow the case do not. */}
            {item.detail.kind === 'mediation' && item.isReporter && (
              <MediationPanel caseId={item.id} version={item.updatedAt} onChanged={() => void view.reload()} />
            )}
            <CaseCard label="办理经过">
              <Timeline entries={item.timeline} />
            </CaseCard>

            <CaseActions>
              <CaseAction shown={item.can.rate} type="primary" onClick={() => navigate('rate', { id: item.id })}>
                评价这次办理
              </CaseAction>
              <CaseAction shown={item.can.reopen} fill="outline" type="danger" onClick={() => setSheet('reopen')}>
                问题没有解决
              </CaseAction>
              <CaseAction shown={item.can.addInfo} fill="outline" type="primary" onClick={() => setSheet('addInfo')}>
                补充情况
              </CaseAction>
              <CaseAction shown={item.can.withdraw} fill="none" type="default" onClick={() => setSheet('withdraw')}>
                撤回这件事
              </CaseAction>
            </CaseActions>

            <TextSheet
              visible={sheet === 'addInfo'}
              title="补充情况"
              placeholder="新的情况、变化，民警会看到"
              confirmText="提交补充"
              limit={textLimits.addInfo}
              extra={<PhotoPicker photos={uploads.photos} onAdd={uploads.add} onRemove={uploads.remove} onRetry={uploads.retry} max={Math.max(0, maxPhotos - item.photos.length)} />}
              waiting={uploads.uploading ? '照片正在上传，请稍等' : uploads.failed ? '有照片没传上去：点照片重传，或删掉它' : null}
              onClose={() => setSheet(null)}
              onConfirm={async (text) => {
                const problem = await act(() => call('cases.addInfo', { caseId: item.id, text, photos: uploads.fileIds }))
                if (!problem) uploads.setPhotos([])
                return problem
              }}
            />
            <TextSheet
              visible={sheet === 'reopen'}
              title="问题没有解决"
              placeholder="说说现在还有什么问题，事项会重新交给民警办理"
              confirmText="重新办理"
              limit={textLimits.reopenReason}
              onClose={() => setSheet(null)}
              onConfirm={(reason) => act(() => call('cases.reopen', { caseId: item.id, reason }))}
            />
            <TextSheet
              visible={sheet === 'withdraw'}
              title="撤回这件事"
              placeholder="撤回的原因（可以不填），例如：已经自己解决了"
              confirmText="确认撤回"
              danger
              limit={textLimits.withdrawReason}
              onClose={() => setSheet(null)}
              onConfirm={(reason) => act(() => call('cases.withdraw', { caseId: item.id, ...(reason ? { reason } : {}) }))}
            />
          </View>
        )}
      </LoadState>
      <ConsentSheet gate={gate} />
    </View>
  )
}
