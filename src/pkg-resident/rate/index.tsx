import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call, isRetryable } from '@/services'
import { redirect } from '@/navigation'
import Section from '@/components/Section'
import SubmitBar from '@/components/SubmitBar'
import ConsentSheet from '@/components/ConsentSheet'
import FormTextArea from '@/components/FormTextArea'
import type { SubmitState } from '@/hooks/useCaseDraft'
import { useConsentGate } from '@/hooks/useConsentGate'
import { textLimits } from '@/types/limits'
import { Button } from '@nutui/nutui-react-taro'
import LoadState from '@/components/LoadState'
import { useRemote } from '@/hooks/useRemote'
import { missingBlocker } from '@/lib/missing'
import type { CaseView } from '@/types/case'
import { elderClass } from '@/lib/elderMode'
import '../../styles/form.scss'
import './index.scss'

const satisfactionWords = ['很不满意', '不太满意', '一般', '满意', '非常满意']
const safetyWords = ['很不安全', '不太安全', '一般', '比较安全', '很安全']

/**
 * The rate page first asks whether this case can be rated by me (issue 14): if not, it says why
 * (not mine, not resolved yet, already rated) instead of showing stars that fail on submit.
 */
export default function RatePage() {
  const id = useRouter().params.id ?? ''
  const view = useRemote(() => call('cases.get', { caseId: id, as: 'resident' }), [id])
  return (
    <View className={`form-page${elderClass()}`}>
      <LoadState state={view.state} onRetry={view.reload}>
        {(c: CaseView) =>
          c.viewer === 'resident' && c.rateRefusal === null ? (
            <RateForm id={id} />
          ) : (
            <View className="rate__refusal">
              <Text className="rate__refusal-title">现在还不能评价</Text>
              <Text className="rate__refusal-text">{c.viewer === 'resident' ? c.rateRefusal : '只有提交这件事的居民可以评价'}</Text>
              <Button type="primary" size="large" block onClick={() => redirect('caseDetail', { id })}>
                查看这件事
              </Button>
            </View>
          )
        }
      </LoadState>
    </View>
  )
}

function RateForm({ id }: { id: string }) {
  const [satisfaction, setSatisfaction] = useState(0)
  const [safety, setSafety] = useState(0)
  const [comment, setComment] = useState('')
  const [state, setState] = useState<SubmitState>({ phase: 'editing' })
  const { withConsent, gate } = useConsentGate()

  const blocker = missingBlocker([satisfaction === 0 && '办理结果打分', safety === 0 && '安全感打分'])

  const onSubmit = async () => {
    if (blocker) return
    setState({ phase: 'sending' })
    const input = { caseId: id, satisfaction, safety, ...(comment.trim() ? { comment: comment.trim() } : {}) }
    const res = await withConsent(() => call('cases.rate', input))
    if (!res.ok) {
      setState({ phase: 'failed', error: res.error, retryable: isRetryable(res.error) })
      return
    }
    void Taro.showToast({ title: '谢谢您的评价', icon: 'success' })
    redirect('caseDetail', { id })
  }

  return (
    <View>
      <Section title="对这次办理满意吗" required>
        <Stars value={satisfaction} words={satisfactionWords} onChange={setSatisfaction} />
      </Section>
      <Section title="现在您觉得安全吗" required hint="您在小区里的安全感">
        <Stars value={safety} words={safetyWords} onChange={setSafety} />
      </Section>
      <Section title="还想说点什么" hint="可以不填">
        <FormTextArea value={comment} onChange={setComment} placeholder="您的意见和建议" maxLength={textLimits.rateComment.max} rows={3} />
      </Section>
      <SubmitBar state={state} label="提交评价" blocker={blocker} onSubmit={onSubmit} />
      <ConsentSheet gate={gate} />
    </View>
  )
}

/** Five large stars with the chosen score said in words: "4 星" means little to many elderly users. */
function Stars({ value, words, onChange }: { value: number; words: string[]; onChange: (v: number) => void }) {
  return (
    <View className="rate__stars">
      <View className="rate__row">
        {[1, 2, 3, 4, 5].map((n) => (
          <View key={n} className={`rate__star${n <= value ? ' rate__star--on' : ''}`} onClick={() => onChange(n)}>
            <Text>★</Text>
          </View>
        ))}
      </View>
      <Text className="rate__word">{value > 0 ? words[value - 1] : '点星星打分'}</Text>
    </View>
  )
}
