import { View, Text } from '@tarojs/components'
import Section from '@/components/Section'
import type { QuestionResult, SurveyAnswerItem, SurveyQuestion, SurveyResidentView } from '@/types/survey'
import { formatDateTime } from '@/lib/dates'

/**
 * After answering (or once the survey closed): what I answered, question by question, beside what the
 * community answered so far (the published summary: counts only, never who said what).
 */
export default function MyAnswer({ view }: { view: SurveyResidentView }) {
  const mine = new Map((view.myAnswer?.items ?? []).map((item) => [item.questionId, item]))
  const results = new Map((view.summary?.questions ?? []).map((r) => [r.questionId, r]))
  return (
    <View>
      {view.myAnswer && (
        <View className="survey__notice survey__notice--done">
          <Text className="survey__notice-title">您已提交，谢谢参与</Text>
          <Text>提交时间：{formatDateTime(view.myAnswer.answeredAt)}。每份问卷每人只能填写一次。</Text>
        </View>
      )}
      {view.questions.map((q, i) => (
        <Section key={q.id} title={`${i + 1}. ${q.title}`}>
          {view.myAnswer && <Text className="survey__mine">我的回答：{describe(q, mine.get(q.id))}</Text>}
          {results.get(q.id) && <Summary question={q} result={results.get(q.id)!} mine={mine.get(q.id)} />}
        </Section>
      ))}
    </View>
  )
}

function describe(q: SurveyQuestion, item: SurveyAnswerItem | undefined): string {
  if (!item) return '未作答'
  if ((q.type === 'single' || q.type === 'multiple') && item.choices) return item.choices.map((i) => q.options[i] ?? '').join('、')
  if (item.rating !== undefined) return `${item.rating} 分`
  return item.text || '未作答'
}

function Summary({ question: q, result, mine }: { question: SurveyQuestion; result: QuestionResult; mine: SurveyAnswerItem | undefined }) {
  if (q.type === 'text') return <Text className="survey__mine">共收到 {result.texts.length} 条意见建议</Text>
  const rows =
    q.type === 'rating'
      ? [...result.distribution].reverse().map((d) => ({ label: `${d.score} 分`, count: d.count, percent: d.percent, mine: mine?.rating === d.score }))
      : result.options.map((o, i) => ({ label: o.label, count: o.count, percent: o.percent, mine: mine?.choices?.includes(i) ?? false }))
  return (
    <View>
      {q.type === 'rating' && result.average !== null && <Text className="survey__mine">平均 {result.average} 分（{result.answered} 人打分）</Text>}
      {rows.map((row) => (
        <View key={row.label} className="survey-q__bar-row">
          <View className="survey-q__bar-label">
            <Text className={row.mine ? 'survey-q__bar-mine' : undefined}>
              {row.label}
              {row.mine ? '（我的选择）' : ''}
            </Text>
            <Text>
              {row.count} 人 · {row.percent}%
            </Text>
          </View>
          <View className="survey-q__bar">
            <View className="survey-q__bar-fill" style={{ width: `${row.percent}%` }} />
          </View>
        </View>
      ))}
    </View>
  )
}
