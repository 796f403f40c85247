import { useEffect, useRef, useState } from 'react'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call, isH5 } from '@/services'
import { prepareLiveCard, type LiveCardSupport } from '@/services/share'
import { useRouteParam } from '@/hooks/useRouteParam'
import { useRemote } from '@/hooks/useRemote'
import { navigate } from '@/navigation'
import LoadState from '@/components/LoadState'
import Section from '@/components/Section'
import type { Result } from '@/types/registry'
import { pagePath } from '@/types/routes'
import type { ShareCard, SurveyStaffView, SurveySummary } from '@/types/survey'
import { surveyQuestionTypeLabels, surveyStatusLabels } from '@/types/surveyEnums'
import { surveyLimits } from '@/types/limits'
import { lastDay } from '@/lib/dates'
import AddQuestion, { type NewQuestion } from '../components/AddQuestion'
import SurveyRow from '../components/SurveyRow'
import Empty from '../components/Empty'
import { currentMonth, monthLabel } from '../components/month'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

/** Without an id: this month's survey of my community (an admin with several communities picks one). */
type Loaded = { kind: 'survey'; survey: SurveyStaffView } | { kind: 'pick'; items: SurveySummary[] } | { kind: 'none' }

async function loadManaged(id: string | undefined): Promise<Result<Loaded>> {
  if (id) {
    const res = await call('surveys.get', { surveyId: id })
    return res.ok ? { ok: true, data: { kind: 'survey', survey: res.data } } : res
  }
  const list = await call('surveys.listForStaff', { limit: 24 })
  if (!list.ok) return list
  const month = currentMonth()
  const thisMonth = list.data.items.filter((s) => s.month === month)
  if (thisMonth.length === 0) return { ok: true, data: { kind: 'none' } }
  if (thisMonth.length > 1) return { ok: true, data: { kind: 'pick', items: thisMonth } }
  return loadManaged(thisMonth[0]!.id)
}

/**
 * The month's survey for its officer (and the station admin): review the questions of the draft, add a
 * question about a local matter, publish; then share it into the community's group as a live card,
 * follow the answers, open the results.
 */
export default function SurveyManage() {
  const id = useRouteParam('id')
  const [picked, setPicked] = useState<string | undefined>(id)
  const page = useRemote(() => loadManaged(picked), [picked], { reloadOnShow: true })

  return (
    <View className={`survey-manage${elderClass()}`}>
      <LoadState state={page.state} onRetry={page.reload}>
        {(loaded) =>
          loaded.kind === 'none' ? (
            <Empty title="本月问卷还没有生成" hint="每月1日系统会按问卷模板为每个社区生成问卷，生成后会通知您。">
              <HistoryLink />
            </Empty>
          ) : loaded.kind === 'pick' ? (
            <View>
              <Text className="survey-manage__pick">{monthLabel(currentMonth())}各社区问卷</Text>
              {loaded.items.map((item) => (
                <SurveyRow key={item.id} item={item} onOpen={(s) => setPicked(s.id)} />
              ))}
              <HistoryLink />
            </View>
          ) : (
            <Manage survey={loaded.survey} onChanged={(survey) => page.setData({ kind: 'survey', survey })} />
          )
        }
      </LoadState>
    </View>
  )
}

function HistoryLink() {
  return (
    <Text className="survey-manage__link" onClick={() => navigate('surveyHistory')}>
      往期问卷 ›
    </Text>
  )
}

function Manage({ survey, onChanged }: { survey: SurveyStaffView; onChanged: (s: SurveyStaffView) => void }) {
  const localLeft = surveyLimits.maxLocalQuestions - survey.localQuestionIds.length
  const [publishing, setPublishing] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const addQuestion = async (q: NewQuestion) => {
    const question =
      q.kind === 'single' || q.kind === 'multiple'
        ? { type: q.kind, title: q.title, required: q.required, options: q.options }
        : { type: q.kind, title: q.title, required: q.required }
    const res = await call('surveys.addLocalQuestion', { surveyId: survey.id, question })
    if (!res.ok) return res.error
    onChanged(res.data)
    void Taro.showToast({ title: '已添加', icon: 'success' })
    return null
  }

  const publish = async () => {
    const confirm = await Taro.showModal({
      title: '发布问卷',
      content: `发布后题目不能再修改，问卷将在${lastDay(survey.closesAt)}截止。发布后请分享到社区群。`,
      confirmText: '发布',
    })
    if (!confirm.confirm) return
    setPublishing(true)
    setError(null)
    const res = await call('surveys.publish', { surveyId: survey.id })
    setPublishing(false)
    if (!res.ok) return setError(res.error.message)
    onChanged(res.data)
    void Taro.showToast({ title: '已发布', icon: 'success' })
  }

  return (
    <View>
      <View className="survey-manage__head">
        <View className="survey-manage__head-row">
          <Text className="survey-manage__month">
            {survey.communityName} · {monthLabel(survey.month)}
          </Text>
          <Text className={`survey-manage__status survey-manage__status--${survey.status}`}>{surveyStatusLabels[survey.status]}</Text>
        </View>
        <Text className="survey-manage__title">{survey.title}</Text>
        <Text className="survey-manage__sub">
          {survey.status === 'draft' ? `发布后到${lastDay(survey.closesAt)}截止` : `${lastDay(survey.closesAt)}截止`} · 已有 {survey.answerCount} 人作答
        </Text>
      </View>

      {survey.can.share && <ShareBlock survey={survey} />}

      {(survey.can.results || survey.can.exportCsv) && (
        <View className="survey-manage__actions">
          <Button block type="primary" size="large" onClick={() => navigate('surveyResults', { id: survey.id })}>
            查看结果（{survey.answerCount} 份）
          </Button>
        </View>
      )}

      <Section title={`题目（${survey.questions.length} 道）`} hint={survey.status === 'draft' ? '题目来自派出所的问卷模板；发布前可以再加本社区的问题。' : undefined}>
        {survey.questions.map((q, i) => (
          <View key={q.id} className="survey-manage__q">
            <Text className="survey-manage__q-title">
              {i + 1}. {q.title}
            </Text>
            <View className="survey-manage__q-tags">
              <Text className="survey-manage__tag">{surveyQuestionTypeLabels[q.type]}</Text>
              <Text className="survey-manage__tag">{q.required ? '必答' : '选答'}</Text>
              {survey.localQuestionIds.includes(q.id) && <Text className="survey-manage__tag survey-manage__tag--local">本社区</Text>}
            </View>
            {(q.type === 'single' || q.type === 'multiple') && <Text className="survey-manage__q-options">{q.options.join(' / ')}</Text>}
          </View>
        ))}
      </Section>

      {survey.can.addLocalQuestion && localLeft > 0 && (
        <Section title="添加本社区的问题" hint={`例如停车、加装电梯等本社区的事，还可以加 ${localLeft} 道。`}>
          <AddQuestion
            limits={{ titleMax: surveyLimits.questionTitle.max, optionMax: surveyLimits.option.max, optionsMin: 2, optionsMax: surveyLimits.maxOptions }}
            onAdd={addQuestion}
          />
        </Section>
      )}

      {survey.can.publish && (
        <View className="survey-manage__actions">
          {error && <Text className="form-page__error">{error}</Text>}
          <Button block type="primary" size="large" loading={publishing} onClick={publish}>
            发布问卷
          </Button>
        </View>
      )}
      <HistoryLink />
    </View>
  )
}

/**
 * "分享到社区群": each share is its own live card (an activity id from the function), set on the share
 * menu before the officer taps; the card's title and path come from `useShareAppMessage`. After a share
 * the next card is prepared, so sharing again (to a second group) works too.
 */
function ShareBlock({ survey }: { survey: SurveyStaffView }) {
  const [card, setCard] = useState<ShareCard | null>(null)
  const [support, setSupport] = useState<LiveCardSupport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const cardRef = useRef<ShareCard | null>(null)

  const prepare = async () => {
    setError(null)
    const res = await call('surveys.shareCard', { surveyId: survey.id })
    if (!res.ok) return setError(res.error.message)
    cardRef.current = res.data
    setCard(res.data)
    setSupport(
      await prepareLiveCard({
        activityId: res.data.activityId,
        templateInfo: res.data.templateInfo,
        ...(res.data.toDoActivityId ? { toDoActivityId: res.data.toDoActivityId } : {}),
      }),
    )
  }

  // WeChat reads the share menu when the officer taps: the card must be ready before. A browser cannot
  // share into WeChat; there the button makes the card (the local stack then opens it "from a group").
  useEffect(() => {
    if (!isH5) void prepare()
  }, [survey.id])

  useShareAppMessage(() => {
    const shared = cardRef.current
    // The next share needs a card of its own.
    setTimeout(() => void prepare(), 0)
    return shared ? { title: shared.title, path: shared.path } : { title: survey.title, path: pagePath('surveyAnswer', { id: survey.id }) }
  })

  return (
    <Section title="分享到社区群" hint="分享到本社区的微信群，群里的卡片会显示已有多少人参与，截止后显示已结束。">
      <View className="survey-manage__card-state">
        <Text>已分享 {survey.card.shares} 次</Text>
        <Text>卡片显示 {survey.card.shownCount} 人已参与</Text>
        <Text>{survey.card.groupBound ? '已识别社区群' : '还未识别社区群：分享后请您在群里点开一次卡片'}</Text>
      </View>
      {support && support.updatable && (
        <Text className="survey-manage__card-hint">将以动态消息分享{support.groupToDo ? '，并在群里设为群待办' : ''}</Text>
      )}
      {isH5 && card && <Text className="survey-manage__card-hint">已生成群卡片。浏览器中无法分享到微信，本地调试请在开发者页面“从群聊打开问卷卡片”。</Text>}
      {error && <Text className="form-page__error">{error}</Text>}
      <Button block type="primary" size="large" openType="share" disabled={!isH5 && card === null} onClick={isH5 ? () => void prepare() : undefined}>
        分享到社区群
      </Button>
    </Section>
  )
}
