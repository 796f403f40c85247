import { View, Text } from '@tarojs/components'
import type { SurveySummary } from '@/types/survey'
import { surveyStatusLabels } from '@/types/surveyEnums'
import { monthLabel } from './month'
import './SurveyRow.scss'

/** One month's survey of a community in a list: month, community, state, answers. */
export default function SurveyRow({ item, onOpen }: { item: SurveySummary; onOpen: (item: SurveySummary) => void }) {
  return (
    <View className="survey-row" onClick={() => onOpen(item)}>
      <View className="survey-row__head">
        <Text className="survey-row__month">{monthLabel(item.month)}</Text>
        <Text className={`survey-row__status survey-row__status--${item.status}`}>{surveyStatusLabels[item.status]}</Text>
      </View>
      <Text className="survey-row__title">{item.title}</Text>
      <Text className="survey-row__meta">
        {item.communityName} · {item.questionCount} 道题 · {item.answerCount} 人已答
      </Text>
    </View>
  )
}
