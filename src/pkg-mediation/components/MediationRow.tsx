import { View, Text } from '@tarojs/components'
import { mediationStageLabels, mediationTierLabels } from '@/types/enums'
import type { MediationItem } from '@/types/mediation'
import { formatDateTime, formatShortDate } from '@/lib/dates'
import StatusTag from '@/components/StatusTag'
import '@/components/CaseRow.scss'
import './MediationRow.scss'

/** The line under the title: parties, the next session, the follow-up, the days left of the one-month limit. */
function metaOf(item: MediationItem): string {
  return [
    item.partiesLabel || null,
    item.nextSessionAt ? `调解 ${formatDateTime(item.nextSessionAt)}` : null,
    item.followUpDueAt && item.stage !== 'done' ? `回访 ${formatShortDate(item.followUpDueAt)}` : null,
  ]
    .filter(Boolean)
    .join(' · ')
}

/** One mediation on the workbench, in the look of the case rows (tier, stage, state, limit). */
export default function MediationRow({ item, onOpen }: { item: MediationItem; onOpen: (id: string) => void }) {
  const late = item.daysLeft !== null && item.daysLeft < 0
  const meta = metaOf(item)
  return (
    <View className={`fq-case-row med-row${late ? ' fq-case-row--overdue' : ''}`} onClick={() => onOpen(item.caseId)}>
      <View className="fq-case-row__head">
        <Text className="med-row__tier">{item.tier ? mediationTierLabels[item.tier] : '法律咨询'}</Text>
        <Text className={`med-row__stage med-row__stage--${item.stage}`}>{mediationStageLabels[item.stage]}</Text>
        <View className="fq-case-row__spacer" />
        <StatusTag status={item.status} />
      </View>
      <View className="fq-case-row__title">
        <Text>{item.title}</Text>
      </View>
      {meta && <Text className="fq-case-row__meta">{meta}</Text>}
      {item.daysLeft !== null && item.stage === 'active' && (
        <Text className={`fq-case-row__time${item.daysLeft <= 7 ? ' med-row__late' : ''}`}>
          {late ? `已超过调解期限 ${-item.daysLeft} 天` : `距调解期限还有 ${item.daysLeft} 天`}
        </Text>
      )}
    </View>
  )
}
