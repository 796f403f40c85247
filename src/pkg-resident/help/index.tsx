import { View, Text } from '@tarojs/components'
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
import NoEmergencyService from '@/components/NoEmergencyService'
import { helpTypes, helpTypeLabels, urgencyLabels, type HelpType, type Urgency } from '@/types/enums'
import { phoneLength, phonePattern, textLimits } from '@/types/limits'
import { missingBlocker } from '@/lib/missing'
import './index.scss'

interface HelpDraft extends DraftBase {
  helpType?: HelpType
  urgency: Urgency
  description: string
  callbackAllowed: boolean
  phone: string
}

const typeOptions = helpTypes.map((value) => ({ value, label: helpTypeLabels[value] }))
const callbackOptions = [
  { value: 'yes' as const, label: '可以回电' },
  { value: 'no' as const, label: '不用回电' },
]
const urgencyOptions = [
  { value: 'normal' as const, label: urgencyLabels.normal, hint: '24 小时内有人联系' },
  { value: 'urgent' as const, label: urgencyLabels.urgent, hint: '30 分钟内受理' },
]

export default function HelpPage() {
  return <CaseFormPage>{(me) => <HelpForm me={me} />}</CaseFormPage>
}

function HelpForm({ me }: { me: Session }) {
  const form = useCaseDraft<HelpDraft>('help', () => ({
    urgency: 'normal',
    description: '',
    // A call back is offered by default only when we have a number to call (joining asks for one, optionally).
    callbackAllowed: me.hasPhone === true,
    phone: '',
    location: defaultLocation(me),
    photos: [],
  }))
  const { draft, update, submit } = form
  const description = draft.description.trim()
  const phone = draft.phone.trim()
  const blocker = missingBlocker([
    !draft.helpType && '需要哪种帮助',
    description.length < textLimits.caseDescription.min && `求助内容（至少 ${textLimits.caseDescription.min} 个字）`,
    !hasLocation(draft.location) && '您所在的位置',
    draft.callbackAllowed && !phone && me.hasPhone !== true && '回电号码',
    phone !== '' && !phonePattern.test(phone) && `正确的手机号（${phoneLength} 位数字）`,
  ])

  const onSubmit = async () => {
    if (blocker || !draft.helpType) return
    await askForCaseUpdates(me)
    void form.send({
      kind: 'help',
      helpType: draft.helpType,
      urgency: draft.urgency,
      callbackAllowed: draft.callbackAllowed,
      ...(draft.callbackAllowed && phone ? { phone } : {}),
      description,
    })
  }

  return (
    <View>
      <NoEmergencyService />
      <DraftRestored savedAt={form.restoredAt} onDiscard={form.discard} />
      {draft.urgency === 'urgent' && (
        <View className="help__emergency">
          <Text>遇到危险或正在发生的违法犯罪，请直接拨打 110。</Text>
        </View>
      )}
      <Section title="需要哪种帮助" required error={fieldError(submit, 'helpType')}>
        <ChoiceGrid options={typeOptions} value={draft.helpType} onChange={(helpType) => update({ helpType })} />
      </Section>

      <Section title="有多急" required>
        <ChoiceGrid options={urgencyOptions} value={draft.urgency} onChange={(urgency) => update({ urgency })} />
      </Section>

      <Section title="需要什么帮助" required error={fieldError(submit, 'description')}>
        <FormTextArea
          value={draft.description}
          onChange={(description) => update({ description })}
          placeholder="例如：家里卫生间水管漏水，老人独自在家，不会修"
          maxLength={textLimits.caseDescription.max}
        />
      </Section>

      <Section title="在哪里" required error={fieldError(submit, 'location')}>
        <LocationField me={me} value={draft.location} onChange={(location) => update({ location })} />
      </Section>

      <Section title="可以给您回电话吗" error={fieldError(submit, 'phone')}>
        <ChoiceGrid options={callbackOptions} value={draft.callbackAllowed ? 'yes' : 'no'} onChange={(v) => update({ callbackAllowed: v === 'yes' })} />
        {draft.callbackAllowed && (
          <View className="help__phone">
            <Input
              className="form-page__input"
              type="number"
              value={draft.phone}
              onChange={(value) => update({ phone: value })}
              placeholder={me.hasPhone ? '回电号码（不填就用您登记的号码）' : '请填写回电号码'}
              maxLength={phoneLength}
            />
          </View>
        )}
        <Text className="form-page__explain">号码只给负责的民警看，不会给其他居民。</Text>
      </Section>

      <SubmitBar state={submit} label="提交求助" blocker={blocker} onSubmit={onSubmit} />

      <ConsentSheet gate={form.consent} />
    </View>
  )
}
