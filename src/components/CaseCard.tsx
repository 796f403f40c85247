import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import './CaseCard.scss'

/** One white block of a case page under the facts ("负责人", "办理经过"), resident or staff. */
export default function CaseCard({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <View className="fq-case-card">
      {label && <Text className="fq-case-card__label">{label}</Text>}
      {children}
    </View>
  )
}

/** The column of action buttons at the bottom of a case page. */
export function CaseActions({ children }: { children: ReactNode }) {
  return <View className="fq-case-actions">{children}</View>
}
