import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call, isRetryable } from '@/services'
import { useRouteParam } from '@/hooks/useRouteParam'
import { useRemote } from '@/hooks/useRemote'
import LoadState from '@/components/LoadState'
import Section from '@/components/Section'
import SubmitBar from '@/components/SubmitBar'
import type { SubmitState } from '@/hooks/useCaseDraft'
import { surveyLimits } from '@/types/limits'
import type { SurveyAnswerItem, SurveyQuestion, SurveyResidentView } from '@/types/survey'
import { lastDay } from '@/lib/dates'
import { MultiChoice, Rating, ShortText, SingleChoice } from './inputs'
import { arriveFromGroup } from './arrival'
import MyAnswer from './MyAnswer'
import ReminderOptIn from './ReminderOptIn'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

type Draft = Record<string, SurveyAnswerItem>

/**
 * The month's opinion survey as a resident opens it, usually from the card in the community's group.
 * Arriving from the group is told to the backend first (it makes the resident a verified member);
 * then the survey: the questions to answer, or, once answered, my answer and the published summary.
 */
export default function SurveyAnswerPage() {
  const id = useRouteParam('id') ?? ''
  const survey = useRemote(async () => {
    // The arrival is a side matter: a failure never keeps the resident from the survey.
    await arriveFromGroup(id)
    return call('surveys.getForMe', { surveyId: id })
  }, [id])

  return (
    <View className={`survey${elderClass()}`}>
      <LoadState state={survey.state} onRetry={survey.reload}>
        {(view) => <SurveyBody view={view} onChanged={survey.setData} />}
      </LoadState>
    </View>
  )
}

function SurveyBody({ view, onChanged }: { view: SurveyResidentView; onChanged: (view: SurveyResidentView) => void }) {
  return (
    <View>
      <View className="survey__head">
        <Text className="survey__title">{view.title}</Text>
        <Text className="survey__sub">
          {view.status === 'closed' ? '已结束' : `${lastDay(view.closesAt)}截止`} · 已有 {view.answerCount} 位居民参与
        </Text>
      </View>
      {view.myAnswer ? (
        <MyAnswer view={view} />
      ) : view.canAnswer ? (
        <AnswerForm view={view} onAnswered={onChanged} />
      ) : (
        <CannotAnswer view={view} />
      )}
      {view.status !== 'closed' && view.myAnswer && <ReminderOptIn waiting={view.remindNext} />}
    </View>
  )
}

function CannotAnswer({ view }: { view: SurveyResidentView }) {
  if (view.status === 'published' && view.verified === false) return <NotVerified />
  const text =
    view.status === 'closed'
      ? '本次问卷已经结束，感谢关注。下面是大家的意见汇总。'
      : view.status === 'draft'
        ? '问卷还没有发布，请稍后再来。'
        : '这份问卷只请本社区的居民填写。'
  return (
    <View>
      <View className="survey__notice survey__notice--closed">
        <Text>{text}</Text>
      </View>
      {view.summary && <MyAnswer view={view} />}
    </View>
  )
}

/**
 * A self-declared resident (bound to the community without arriving from its group) cannot answer:
 * say how to become a verified member instead of showing a form that would fail on submit.
 */
function NotVerified() {
  return (
    <View className="survey__notice">
      <Text className="survey__notice-title">请先核实社区居民身份</Text>
      <Text className="survey__step">问卷只请本社区核实过的居民填写，您的身份还没有核实。核实方法（任选一种）：</Text>
      <Text className="survey__step">1. 在您所住小区的居民微信群里，点开社区民警分享的问卷卡片，从卡片进入即自动核实，随后就能填写；</Text>
      <Text className="survey__step">2. 请社区民警在走访或到警务室时为您核实。</Text>
    </View>
  )
}

function AnswerForm({ view, onAnswered }: { view: SurveyResidentView; onAnswered: (view: SurveyResidentView) => void }) {
  const [draft, setDraft] = useState<Draft>({})
  const [state, setState] = useState<SubmitState>({ phase: 'editing' })
  const set = (item: SurveyAnswerItem) => setDraft((prev) => ({ ...prev, [item.questionId]: item }))

  const missing = view.questions.map((q, i) => ({ q, n: i + 1 })).filter(({ q }) => q.required && !isAnswered(draft[q.id]))
  const blocker =
    missing.length === 0
      ? null
      : missing.length === 1
        ? `第 ${missing[0]!.n} 题「${missing[0]!.q.title}」是必答题，请先回答`
        : `还有 ${missing.length} 道必答题没有回答：第 ${missing.map((m) => m.n).join('、')} 题`

  const submit = async () => {
    if (blocker) return
    setState({ phase: 'sending' })
    const items = view.questions.map((q) => draft[q.id]).filter((item): item is SurveyAnswerItem => isAnswered(item)).map(clean)
    const res = await call('surveys.answer', { surveyId: view.id, items })
    if (!res.ok) {
      setState({ phase: 'failed', error: res.error, retryable: isRetryable(res.error) })
      return
    }
    // A second submit (another phone, a double tap) keeps the first answer: say so instead of thanking twice.
    void Taro.showToast({ title: res.data.alreadyAnswered ? '您已经填过了' : '提交成功，谢谢您', icon: res.data.alreadyAnswered ? 'none' : 'success' })
    onAnswered(res.data.survey)
  }

  return (
    <View>
      {view.intro && (
        <View className="survey__notice">
          <Text>{view.intro}</Text>
        </View>
      )}
      {view.questions.map((q, i) => (
        <Section key={q.id} title={`${i + 1}. ${q.title}`} required={q.required} hint={hintOf(q)}>
          <QuestionInput question={q} item={draft[q.id]} onChange={set} />
        </Section>
      ))}
      <SubmitBar state={state} label="提交问卷" blocker={blocker} onSubmit={submit} />
    </View>
  )
}

function hintOf(q: SurveyQuestion): string | undefined {
  if (q.type === 'multiple') return '可以选多项'
  if (q.type === 'text') return q.required ? undefined : '可以不填'
  return undefined
}

function QuestionInput({ question: q, item, onChange }: { question: SurveyQuestion; item: SurveyAnswerItem | undefined; onChange: (item: SurveyAnswerItem) => void }) {
  const id = q.id
  switch (q.type) {
    case 'single': {
      const options = q.options.map((label, i) => ({ value: String(i), label }))
      const chosen = item?.choices?.[0]
      return <SingleChoice options={options} value={chosen === undefined ? undefined : String(chosen)} onChange={(v) => onChange({ questionId: id, choices: [Number(v)] })} />
    }
    case 'multiple': {
      const options = q.options.map((label, i) => ({ value: String(i), label }))
      return (
        <MultiChoice
          options={options}
          value={(item?.choices ?? []).map(String)}
          onChange={(vs) => onChange({ questionId: id, choices: vs.map(Number).sort((a, b) => a - b) })}
        />
      )
    }
    case 'rating':
      return <Rating value={item?.rating ?? 0} onChange={(rating) => onChange({ questionId: id, rating })} words={q.topic === 'safety' ? safetyWords : undefined} />
    case 'text':
      return <ShortText value={item?.text ?? ''} onChange={(text) => onChange({ questionId: id, text })} maxLength={surveyLimits.answerText.max} />
  }
}

const safetyWords = ['很不安全', '不太安全', '一般', '比较安全', '很安全'] as const

function isAnswered(item: SurveyAnswerItem | undefined): item is SurveyAnswerItem {
  if (!item) return false
  if (item.choices) return item.choices.length > 0
  if (item.rating !== undefined) return item.rating > 0
  return (item.text ?? '').trim().length > 0
}

function clean(item: SurveyAnswerItem): SurveyAnswerItem {
  return item.text !== undefined ? { questionId: item.questionId, text: item.text.trim() } : item
}
