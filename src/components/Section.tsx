import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import './Section.scss'

interface Props {
  title?: string
  hint?: string
  /** A field error from the backend (INVALID_INPUT names the field). */
  error?: string
  required?: boolean
  children: ReactNode
  extra?: ReactNode
}

/** A white card with a title: one question of a form, or one block of a page. */
export default function Section({ title, hint, error, required, children, extra }: Props) {
  return (
    <View className={`fq-section${error ? ' fq-section--error' : ''}`}>
      {title && (
        <View className="fq-section__head">
          <Text className="fq-section__title">
            {title}
            {required && <Text className="fq-section__required"> *</Text>}
          </Text>
          {extra}
        </View>
      )}
      {hint && <Text className="fq-section__hint">{hint}</Text>}
      <View className={title || hint ? 'fq-section__body' : undefined}>{children}</View>
      {error && <Text className="fq-section__error">{error}</Text>}
    </View>
  )
}
