import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ComponentProps, ReactNode } from 'react'
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

/** A label and its value on one line of a case card (网格, 负责人, 主持…). */
export function CaseCardRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="fq-case-card__row">
      <Text className="fq-case-card__row-label">{label}</Text>
      <View className="fq-case-card__row-value">{children}</View>
    </View>
  )
}

/** A blue pill in a case card that calls `phone` when tapped (a reporter, a party to a mediation). */
export function PhoneCallPill({ phone, children }: { phone: string; children: ReactNode }) {
  return (
    <Text className="fq-case-card__pill" onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>
      {children}
    </Text>
  )
}

/** The column of action buttons at the bottom of a case page. */
export function CaseActions({ children }: { children: ReactNode }) {
  return <View className="fq-case-actions">{children}</View>
}

/** A full-width large button of CaseActions, there only when `shown` (what the backend says the viewer may do). */
export function CaseAction({ shown = true, ...button }: ComponentProps<typeof Button> & { shown?: boolean }) {
  return shown ? <Button block size="large" {...button} /> : null
}

/** Secondary buttons side by side, of equal width, inside CaseActions (转派 | 不予受理). */
export function CaseActionsRow({ children }: { children: ReactNode }) {
  return <View className="fq-case-actions__row">{children}</View>
}
