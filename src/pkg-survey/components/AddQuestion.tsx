import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import ChoiceGrid from '@/components/ChoiceGrid'
import type { CallError } from '@/services'
import '../../styles/form.scss'
import './AddQuestion.scss'

export type QuestionKind = 'single' | 'multiple' | 'rating' | 'text'

export interface NewQuestion {
  kind: QuestionKind
  title: string
  options: string[]
  required: boolean
}

interface Limits {
  titleMax: number
  optionMax: number
  optionsMin: number
  optionsMax: number
}

const kinds: { value: QuestionKind; label: string; hint: string }[] = [
  { value: 'single', label: '单选', hint: '只能选一项' },
  { value: 'multiple', label: '多选', hint: '可以选几项' },
  { value: 'rating', label: '打分', hint: '1–5 分' },
  { value: 'text', label: '简答', hint: '200 字以内' },
]

const requiredChoices = [
  { value: 'yes', label: '必答' },
  { value: 'no', label: '选答' },
] as const

/**
 * The officer's own question about a local matter (停车、加装电梯…), added to the month's survey
 * before it is published. Choice questions need at least two options.
 */
export default function AddQuestion({ limits, onAdd }: { limits: Limits; onAdd: (q: NewQuestion) => Promise<CallError | null> }) {
  const [kind, setKind] = useState<QuestionKind>('single')
  const [title, setTitle] = useState('')
  const [options, setOptions] = useState<string[]>(['', ''])
  const [required, setRequired] = useState<'yes' | 'no'>('no')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const isChoice = kind === 'single' || kind === 'multiple'
  const filled = options.map((o) => o.trim()).filter(Boolean)
  const blocker = !title.trim()
    ? '请填写问题'
    : isChoice && filled.length < limits.optionsMin
      ? `请至少填写 ${limits.optionsMin} 个选项`
      : null

  const add = async () => {
    if (blocker || busy) return
    setBusy(true)
    setError(null)
    const failed = await onAdd({ kind, title: title.trim(), options: isChoice ? filled : [], required: required === 'yes' })
    setBusy(false)
    if (failed) return setError(failed.message)
    setTitle('')
    setOptions(['', ''])
  }

  return (
    <View className="survey-add">
      <Text className="survey-add__label">题型</Text>
      <ChoiceGrid options={kinds} value={kind} onChange={setKind} />
      <Text className="survey-add__label">问题</Text>
      <Input className="form-page__input" value={title} onChange={setTitle} placeholder="例如：您是否支持在5号楼加装电梯？" maxLength={limits.titleMax} />
      {isChoice && (
        <View>
          <Text className="survey-add__label">选项</Text>
          {options.map((option, i) => (
            <View key={i} className="survey-add__option">
              <Input
                className="form-page__input"
                value={option}
                onChange={(v) => setOptions(options.map((o, j) => (j === i ? v : o)))}
                placeholder={`选项 ${i + 1}`}
                maxLength={limits.optionMax}
              />
              {options.length > limits.optionsMin && (
                <Text className="survey-add__remove" onClick={() => setOptions(options.filter((_, j) => j !== i))}>
                  删除
                </Text>
              )}
            </View>
          ))}
          {options.length < limits.optionsMax && (
            <Text className="survey-add__more" onClick={() => setOptions([...options, ''])}>
              ＋ 添加选项
            </Text>
          )}
        </View>
      )}
      <Text className="survey-add__label">是否必答</Text>
      <ChoiceGrid options={requiredChoices} value={required} onChange={setRequired} />
      {error && <Text className="form-page__error">{error}</Text>}
      {blocker && <Text className="survey-add__blocker">{blocker}</Text>}
      <Button block type="primary" fill="outline" size="large" loading={busy} disabled={blocker !== null} onClick={add}>
        添加这道题
      </Button>
    </View>
  )
}
