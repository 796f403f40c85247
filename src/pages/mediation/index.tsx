import { View } from '@tarojs/components'
import { Input, TextArea } from '@nutui/nutui-react-taro'
import { isReady, loadSession, type Session } from '@/session'
import { useRemote } from '@/hooks/useRemote'
import { askForCaseUpdates, fieldError, locationInput, useCaseDraft, type DraftBase } from '@/hooks/useCaseDraft'
import LoadState from '@/components/LoadState'
import Section from '@/components/Section'
import ChoiceGrid from '@/components/ChoiceGrid'
import LocationField, { defaultLocation } from '@/components/LocationField'
import SubmitBar, { DraftNotice } from '@/components/SubmitBar'
import NeedsCommunity from '@/components/NeedsCommunity'
import { mediationTypes, mediationTypeLabels, type MediationType } from '@/types/enums'
import '../../styles/form.scss'

interface MediationDraft extends DraftBase {
  mediationType?: MediationType
  otherParty: string
  description: string
  wants: string
}

const typeOptions = mediationTypes.map((value) => ({ value, label: mediationTypeLabels[value] }))

export default function MediationPage() {
  const session = useRemote(() => loadSession(), [])
  return (
    <View className="form-page">
      <LoadState state={session.state} onRetry={session.reload}>
        {(me) => (isReady(me) ? <MediationForm me={me} /> : <NeedsCommunity />)}
      </LoadState>
    </View>
  )
}

function MediationForm({ me }: { me: Session }) {
  const form = useCaseDraft<MediationDraft>('mediation', () => ({
    otherParty: '',
    description: '',
    wants: '',
    location: defaultLocation(me),
    photos: [],
  }))
  const { draft, update, submit } = form
  const otherParty = draft.otherParty.trim()
  const description = draft.description.trim()
  const wants = draft.wants.trim()
  const blocker = !draft.mediationType
    ? '请选择纠纷类型'
    : !otherParty
      ? '请写一下对方是谁（知道多少写多少）'
      : description.length < 5
        ? '请用至少 5 个字说说发生了什么'
        : !wants
          ? '请写一下您希望怎么解决'
          : !draft.location.buildingId && !draft.location.point
            ? '请选择位置'
            : null

  const onSubmit = async () => {
    if (blocker || !draft.mediationType) return
    await askForCaseUpdates(me)
    void form.send({
      kind: 'mediation',
      mediationType: draft.mediationType,
      otherParty,
      description,
      wants,
      photos: [],
      location: locationInput(draft.location),
      clientRequestId: draft.clientRequestId,
    })
  }

  return (
    <View>
      <DraftNotice savedAt={form.restoredAt} onDiscard={form.discard} />
      <Section title="什么纠纷" required error={fieldError(submit, 'mediationType')}>
        <ChoiceGrid options={typeOptions} value={draft.mediationType} onChange={(mediationType) => update({ mediationType })} />
      </Section>

      <Section title="对方是谁" required hint="知道多少写多少，例如：楼上 502 的住户，姓张" error={fieldError(submit, 'otherParty')}>
        <Input
          className="form-page__input"
          value={draft.otherParty}
          onChange={(value) => update({ otherParty: value })}
          placeholder="对方的称呼、门牌号"
          maxLength={100}
        />
      </Section>

      <Section title="发生了什么" required error={fieldError(submit, 'description')}>
        <TextArea
          className="form-page__textarea"
          value={draft.description}
          onChange={(value) => update({ description: value })}
          placeholder="事情的经过，持续多久了"
          maxLength={500}
          showCount
          rows={4}
        />
      </Section>

      <Section title="希望怎么解决" required error={fieldError(submit, 'wants')}>
        <TextArea
          className="form-page__textarea"
          value={draft.wants}
          onChange={(value) => update({ wants: value })}
          placeholder="例如：希望对方晚上十点后不要装修"
          maxLength={300}
          showCount
          rows={3}
        />
      </Section>

      <Section title="在哪里" required error={fieldError(submit, 'location')}>
        <LocationField me={me} value={draft.location} onChange={(location) => update({ location })} />
      </Section>

      <Section>
        <View className="form-page__explain">
          提交后，社区民警会联系您，和社区调解员一起帮助双方沟通（警民联调）；复杂的纠纷会请派出所的专职人民调解员参与。
        </View>
      </Section>

      <SubmitBar state={submit} label="申请调解" blocker={blocker} onSubmit={onSubmit} />
    </View>
  )
}
