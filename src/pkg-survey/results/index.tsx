import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { saveExport, type FileOutcome } from '@/services/download'
import { useRouteParam } from '@/hooks/useRouteParam'
import { useRemote } from '@/hooks/useRemote'
import LoadState from '@/components/LoadState'
import Section from '@/components/Section'
import type { QuestionResult, SurveyResultsView } from '@/types/survey'
import { surveyQuestionTypeLabels, surveyStatusLabels } from '@/types/surveyEnums'
import { formatDateTime } from '@/lib/dates'
import { monthLabel } from '../components/month'
import { ChoiceChart, RatingChart, TrendChart } from '../components/charts'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

/**
 * A survey's results for its officer and the station admin: aggregates only (answers are anonymous to
 * staff). Per question the counts and percentages with a bar chart, the rating distribution and its
 * average, the texts without names; the answer rate; the satisfaction and safety trend; the CSV.
 */
export default function SurveyResults() {
  const id = useRouteParam('id') ?? ''
  const results = useRemote(() => call('surveys.results', { surveyId: id }), [id])
  return (
    <View className={`survey-results${elderClass()}`}>
      <LoadState state={results.state} onRetry={results.reload}>
        {(view) => <Results view={view} />}
      </LoadState>
    </View>
  )
}

function Results({ view }: { view: SurveyResultsView }) {
  const { survey } = view
  return (
    <View>
      <View className="survey-results__head">
        <Text className="survey-results__month">
          {survey.communityName} · {monthLabel(survey.month)} · {surveyStatusLabels[survey.status]}
        </Text>
        <Text className="survey-results__title">{survey.title}</Text>
        <View className="survey-results__figures">
          <Figure value={`${view.answerCount}`} label="份答卷" />
          <Figure value={`${view.memberCount}`} label="已核实居民" />
          <Figure value={view.answerRate === null ? '—' : `${view.answerRate}%`} label="作答率" />
        </View>
      </View>

      {view.trend.length > 0 && (
        <Section title="满意度和安全感走势" hint="每月问卷中评分题的平均分（5 分最高）">
          <TrendChart points={view.trend} />
          <View className="survey-results__table">
            <View className="survey-results__row survey-results__row--head">
              <Text className="survey-results__row-label">月份</Text>
              <Text className="survey-results__row-percent">满意度</Text>
              <Text className="survey-results__row-percent">安全感</Text>
            </View>
            {view.trend.map((p) => (
              <View key={p.month} className="survey-results__row">
                <Text className="survey-results__row-label">{monthLabel(p.month)}（{p.answers} 份）</Text>
                <Text className="survey-results__row-percent">{p.satisfaction ?? '—'}</Text>
                <Text className="survey-results__row-percent">{p.safety ?? '—'}</Text>
              </View>
            ))}
          </View>
        </Section>
      )}

      {view.questions.map((q, i) => (
        <QuestionBlock key={q.questionId} n={i + 1} result={q} />
      ))}

      <CsvExport surveyId={survey.id} fileName={`${survey.communityName}-${survey.month}-群众意见征求.csv`} answers={view.answerCount} />
    </View>
  )
}

function Figure({ value, label }: { value: string; label: string }) {
  return (
    <View className="survey-results__figure">
      <Text className="survey-results__figure-value">{value}</Text>
      <Text className="survey-results__figure-label">{label}</Text>
    </View>
  )
}

function QuestionBlock({ n, result: q }: { n: number; result: QuestionResult }) {
  const hint = `${surveyQuestionTypeLabels[q.type]} · ${q.answered} 人作答`
  return (
    <Section title={`${n}. ${q.title}`} hint={hint}>
      {(q.type === 'single' || q.type === 'multiple') && (
        <View>
          <ChoiceChart rows={q.options.map((o) => ({ label: o.label, count: o.count }))} />
          <Table rows={q.options.map((o) => ({ label: o.label, count: o.count, percent: o.percent }))} />
        </View>
      )}
      {q.type === 'rating' && (
        <View>
          <Text className="survey-results__average">平均 {q.average === null ? '—' : `${q.average} 分`}</Text>
          <RatingChart rows={q.distribution.map((d) => ({ label: `${d.score}分`, count: d.count }))} />
          <Table rows={q.distribution.map((d) => ({ label: `${d.score} 分`, count: d.count, percent: d.percent }))} />
        </View>
      )}
      {q.type === 'text' &&
        (q.texts.length === 0 ? (
          <Text className="survey-results__muted">还没有收到意见</Text>
        ) : (
          <View>
            {q.texts.map((text, i) => (
              <Text key={i} className="survey-results__text">
                {text}
              </Text>
            ))}
          </View>
        ))}
    </Section>
  )
}

/** The figures under a chart, so they can be read exactly (and by a screen reader). */
function Table({ rows }: { rows: { label: string; count: number; percent: number }[] }) {
  return (
    <View className="survey-results__table">
      {rows.map((row) => (
        <View key={row.label} className="survey-results__row">
          <Text className="survey-results__row-label">{row.label}</Text>
          <Text className="survey-results__row-count">{row.count} 人</Text>
          <Text className="survey-results__row-percent">{row.percent}%</Text>
        </View>
      ))}
    </View>
  )
}

const outcomeText: Record<FileOutcome, string> = {
  downloaded: '已开始下载',
  opened: '已打开文件',
  shared: '已发送文件',
  copied: '下载链接已复制，请在电脑浏览器中打开',
  failed: '没有保存成功，请重试',
}

/** The answers as CSV (one row per answer, no names): the backend writes it and logs who exported it. */
function CsvExport({ surveyId, fileName, answers }: { surveyId: string; fileName: string; answers: number }) {
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<{ url: string; expiresAt: string; rows: number; outcome: FileOutcome } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const exportCsv = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    const res = await call('surveys.exportCsv', { surveyId })
    if (!res.ok) {
      setBusy(false)
      return setError(res.error.message)
    }
    const outcome = await saveExport(res.data.url, fileName)
    setBusy(false)
    setDone({ url: res.data.url, expiresAt: res.data.expiresAt, rows: res.data.rows, outcome })
    if (outcome === 'failed') void Taro.showToast({ title: '没有保存成功', icon: 'none' })
  }

  return (
    <Section title="导出答卷" hint="CSV 文件，每份答卷一行，不含姓名和微信信息；每次导出都会记录在案。">
      {error && <Text className="form-page__error">{error}</Text>}
      {done && (
        <View className="survey-results__export">
          <Text>
            共 {done.rows} 份答卷，{outcomeText[done.outcome]}。
          </Text>
          <Text className="survey-results__export-link" onClick={() => void saveExport(done.url, fileName)}>
            {fileName}（{formatDateTime(done.expiresAt)}前有效）
          </Text>
        </View>
      )}
      <Button block type="primary" fill="outline" size="large" loading={busy} disabled={answers === 0} onClick={exportCsv}>
        下载 CSV
      </Button>
    </Section>
  )
}
