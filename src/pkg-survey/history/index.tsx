import { View } from '@tarojs/components'
import { call } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import { navigate } from '@/navigation'
import LoadState from '@/components/LoadState'
import type { SurveySummary } from '@/types/survey'
import SurveyRow from '../components/SurveyRow'
import Empty from '../components/Empty'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

/** Past surveys, newest month first: a draft opens its page, the others their results. */
export default function SurveyHistory() {
  const list = useRemote(() => call('surveys.listForStaff', { limit: 24 }), [], { reloadOnShow: true })
  const open = (item: SurveySummary) => (item.status === 'draft' ? navigate('surveyManage', { id: item.id }) : navigate('surveyResults', { id: item.id }))
  return (
    <View className={`survey-history${elderClass()}`}>
      <LoadState state={list.state} onRetry={list.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty title="还没有问卷" hint="每月1日系统会自动生成本月问卷。" />
          ) : (
            <View>
              {items.map((item) => (
                <SurveyRow key={item.id} item={item} onOpen={open} />
              ))}
            </View>
          )
        }
      </LoadState>
    </View>
  )
}
