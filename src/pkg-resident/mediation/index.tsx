import { View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { Session } from '@/session'
import { askForCaseUpdates, fieldError, hasLocation, useCaseDraft, type DraftBase } from '@/hooks/useCaseDraft'
import CaseFormPage from '@/components/CaseFormPage'
import FormTextArea from '@/components/FormTextArea'
import Section from '@/components/Section'
import ChoiceGrid from '@/components/ChoiceGrid'
import LocationField, { defaultLocation } from '@/components/LocationField'
import SubmitBar, { DraftRestored } from '@/components/SubmitBar'
import ConsentSheet from '@/components/ConsentSheet'
import { mediationTypes, mediationTypeLabels, type MediationType } from '@/types/enums'
import { textLimits } from '@/types/limits'
import { missingBlocker } from '@/lib/missing'

interface MediationDraft extends DraftBase {
  mediationType?: MediationType
  otherParty: string
  description: string
  wants: string
}

const typeOptions = mediationTypes.map((value) => ({ value, label: mediationTypeLabels[value] }))

export default function MediationPage() {
  return <CaseFormPage>{(me) => <MediationForm me={me} />}</CaseFormPage>
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
  const blocker = missingBlocker([
    !draft.mediationType && '纠纷类型',
    !otherParty && '对方是谁',
    description.length < textLimits.caseDescription.min && `发生了什么（至少 ${textLimits.caseDescription.min} 个字）`,
    !wants && '希望怎么解决',
    !hasLocation(draft.location) && '位置',
  ])

  const onSubmit = async () => {
    if (blocker || !draft.mediationType) return
    await askForCaseUpdates(me)
    void form.send({
      kind: 'mediation',
      mediationType: draft.mediationType,
      otherParty,
      description,
      wants,
    })
  }

  return (
    <View>
      <DraftRestored savedAt={form.restoredAt} onDiscard={form.discard} />
      <Section title="什么纠纷" required error={fieldError(submit, 'mediationType')}>
        <ChoiceGrid options={typeOptions} value={draft.mediationType} onChange={(mediationType) => update({ mediationType })} />
      </Section>

      <Section title="对方是谁" required hint="知道多少写多少，例如：楼上 502 的住户，姓张" error={fieldError(submit, 'otherParty')}>
        <Input
          className="form-page__input"
          value={draft.otherParty}
          onChange={(value) => update({ otherParty: value })}
          placeholder="对方的称呼、门牌号"
          maxLength={textLimits.otherParty.max}
        />
      </Section>

      <Section title="发生了什么" required error={fieldError(submit, 'description')}>
        <FormTextArea value={draft.description} onChange={(description) => update({ description })} placeholder="事情的经过，持续多久了" maxLength={textLimits.caseDescription.max} />
      </Section>

      <Section title="希望怎么解决" required error={fieldError(submit, 'wants')}>
        <FormTextArea value={draft.wants} onChange={(wants) => update({ wants })} placeholder="例如：希望对方晚上十点后不要装修" maxLength={textLimits.wants.max} rows={3} />
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

      <ConsentSheet gate={form.consent} />
    </View>
  )
}
