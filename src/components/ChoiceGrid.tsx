import { View, Text } from '@tarojs/components'
import './ChoiceGrid.scss'

interface Choice<V extends string> {
  value: V
  label: string
  hint?: string
}

interface Props<V extends string> {
  options: readonly Choice<V>[]
  value: V | undefined
  onChange: (value: V) => void
  columns?: 2 | 3
  tone?: 'default' | 'danger'
}

/** Big tappable tiles instead of a dropdown: easier for elderly residents, every option visible. */
export default function ChoiceGrid<V extends string>({ options, value, onChange, columns = 2 }: Props<V>) {
  return (
    <View className={`fq-choices fq-choices--${columns}`}>
      {options.map((option) => (
        <View
          key={option.value}
          className={`fq-choices__item${option.value === value ? ' fq-choices__item--on' : ''}`}
          onClick={() => onChange(option.value)}
        >
          <Text className="fq-choices__label">{option.label}</Text>
          {option.hint && <Text className="fq-choices__hint">{option.hint}</Text>}
          {option.value === value && <Text className="fq-choices__tick">✓</Text>}
        </View>
      ))}
    </View>
  )
}
