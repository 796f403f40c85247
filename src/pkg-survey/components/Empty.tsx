import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './Empty.scss'

/** "No survey yet" with why, and what to do instead. */
export default function Empty({ title, hint, children }: { title: string; hint: string; children?: ReactNode }) {
  return (
    <View className="survey-empty">
      <Text className="survey-empty__title">{title}</Text>
      <Text className="survey-empty__hint">{hint}</Text>
      {children}
    </View>
  )
}
