import { View, Text } from '@tarojs/components'
import { TextArea } from '@nutui/nutui-react-taro'
import '../../styles/form.scss'
// The stars look as on the case rating page.
import '../rate/index.scss'

/** One option of a choice question. */
export interface Option {
  value: string
  label: string
}

/** Single choice: big tiles, one on. */
export function SingleChoice({ options, value, onChange }: { options: readonly Option[]; value: string | undefined; onChange: (v: string) => void }) {
  return (
    <View className="survey-q__options">
      {options.map((o) => (
        <View key={o.value} className={`survey-q__option${o.value === value ? ' survey-q__option--on' : ''}`} onClick={() => onChange(o.value)}>
          <Text className="survey-q__mark">{o.value === value ? '●' : '○'}</Text>
          <Text className="survey-q__label">{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** Multiple choice: each tile toggles; "可多选" is said in the question's hint. */
export function MultiChoice({ options, value, onChange }: { options: readonly Option[]; value: readonly string[]; onChange: (v: string[]) => void }) {
  const toggle = (v: string) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v])
  return (
    <View className="survey-q__options">
      {options.map((o) => {
        const on = value.includes(o.value)
        return (
          <View key={o.value} className={`survey-q__option${on ? ' survey-q__option--on' : ''}`} onClick={() => toggle(o.value)}>
            <Text className="survey-q__mark">{on ? '☑' : '☐'}</Text>
            <Text className="survey-q__label">{o.label}</Text>
          </View>
        )
      })}
    </View>
  )
}

const ratingWords = ['很不满意', '不太满意', '一般', '比较满意', '非常满意']

/** 1–5 as five large stars, the score also said in words (as on the rating page). */
export function Rating({ value, onChange, words = ratingWords }: { value: number; onChange: (v: number) => void; words?: readonly string[] }) {
  return (
    <View>
      <View className="rate__row">
        {[1, 2, 3, 4, 5].map((n) => (
          <View key={n} className={`rate__star${n <= value ? ' rate__star--on' : ''}`} onClick={() => onChange(n)}>
            <Text>★</Text>
          </View>
        ))}
      </View>
      <Text className="rate__word">{value > 0 ? `${value} 分 · ${words[value - 1]}` : '点星星打分，5 分最好'}</Text>
    </View>
  )
}

/** Short text with the room left said in Chinese, so nobody types past the limit without knowing. */
export function ShortText({ value, onChange, maxLength }: { value: string; onChange: (v: string) => void; maxLength: number }) {
  const left = maxLength - [...value].length
  return (
    <View>
      <TextArea className="form-page__textarea" value={value} onChange={onChange} placeholder="请写下您的意见或建议" maxLength={maxLength} rows={3} />
      <Text className={`survey-q__count${left <= 20 ? ' survey-q__count--low' : ''}`}>
        已输入 {[...value].length} 字，还可以输入 {Math.max(0, left)} 字
      </Text>
    </View>
  )
}
