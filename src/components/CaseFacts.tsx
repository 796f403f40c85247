import { View, Text } from '@tarojs/components'
import {
  caseKindLabels, helpTypeLabels, mediationOutcomeLabels, mediationTierLabels, mediationTypeLabels, reportCategoryLabels, urgencyLabels,
} from '@/types/enums'
import type { CaseView } from '@/types/case'
import { formatDateTime } from '@/lib/dates'
import { unitLabel } from '@/lib/address'
import StatusTag from './StatusTag'
import PhotoGrid from './PhotoGrid'
import './CaseFacts.scss'

/** The parts of a case every viewer sees: heading, kind-specific facts, place, words, photos. */
export default function CaseFacts({ item }: { item: CaseView }) {
  const facts = factsOf(item)
  const place = [item.location.communityName, item.location.buildingName, item.location.unit ? unitLabel(item.location.unit) : null]
    .filter(Boolean)
    .join(' · ')
  return (
    <View>
      <View className="fq-facts__head">
        <View className="fq-facts__head-row">
          <Text className="fq-facts__kind">{caseKindLabels[item.kind]}</Text>
          <StatusTag status={item.status} />
        </View>
        <Text className="fq-facts__title">{item.title}</Text>
        <Text className="fq-facts__time">提交于 {formatDateTime(item.createdAt)}</Text>
        {item.caseNo && (
          <Text className="fq-facts__number" userSelect>
            受理编号 {item.caseNo}
          </Text>
        )}
        {item.peopleCount > 1 && <Text className="fq-facts__support">共有 {item.peopleCount} 位居民反映了这个问题</Text>}
      </View>

      <View className="fq-facts__card">
        {facts.map(([label, value]) => (
          <View key={label} className="fq-facts__row">
            <Text className="fq-facts__label">{label}</Text>
            <Text className="fq-facts__value">{value}</Text>
          </View>
        ))}
        <View className="fq-facts__row">
          <Text className="fq-facts__label">位置</Text>
          <Text className="fq-facts__value">
            {place}
            {item.location.point?.address ? `（${item.location.point.address}）` : ''}
          </Text>
        </View>
        <Text className="fq-facts__description">{item.description}</Text>
        {item.photos.length > 0 && <PhotoGrid photos={item.photos} />}
      </View>
    </View>
  )
}

function factsOf(item: CaseView): [string, string][] {
  const d = item.detail
  switch (d.kind) {
    case 'report':
      return [['问题类别', reportCategoryLabels[d.category]], ['匿名', d.anonymous ? '是（民警看不到上报人）' : '否']]
    case 'help':
      return [
        ['求助类型', helpTypeLabels[d.helpType]],
        ['紧急程度', urgencyLabels[d.urgency]],
        ['允许回电', d.callbackAllowed ? '是' : '否'],
      ]
    case 'mediation':
      return [
        ['纠纷类型', mediationTypeLabels[d.mediationType]],
        ['对方', d.otherParty],
        ['诉求', d.wants],
        ['调解方式', mediationTierLabels[d.tier]],
        ...(d.outcome ? ([['调解结果', mediationOutcomeLabels[d.outcome]]] as [string, string][]) : []),
        ...(d.agreement ? ([['调解协议', d.agreement]] as [string, string][]) : []),
      ]
  }
}
