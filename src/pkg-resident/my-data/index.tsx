import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call, saveMyData, type SaveOutcome } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import { goHome } from '@/navigation'
import { loadSession } from '@/session'
import LoadState from '@/components/LoadState'
import Section from '@/components/Section'
import TextSheet from '@/components/TextSheet'
import { caseStatusLabels, roleLabels } from '@/types/enums'
import { DELETE_ACCOUNT_WORD, textLimits } from '@/types/limits'
import type { MyDataOutput } from '@/types/personalData'
import { formatDate } from '@/lib/dates'
import { elderModeOn } from '@/lib/elderMode'
import ElderModeSwitch from './ElderModeSwitch'
import '../../styles/form.scss'
import './index.scss'

const savedMessages: Record<SaveOutcome, string> = {
  downloaded: '已下载到本机',
  shared: '已发送文件',
  copied: '已复制到剪贴板',
  failed: '未能导出，请稍后重试',
}

/** "我的信息": what the app holds about me, exported as a file; and deleting my account (PIPL). */
export default function MyDataPage() {
  const remote = useRemote(() => call('session.myData', {}), [])
  const [deleting, setDeleting] = useState(false)
  const [elder, setElder] = useState(elderModeOn)

  const onExport = async (data: MyDataOutput) => {
    const outcome = await saveMyData(data)
    void Taro.showToast({ title: savedMessages[outcome], icon: outcome === 'failed' ? 'none' : 'success' })
  }

  const onDelete = async (word: string): Promise<string | null> => {
    if (word !== DELETE_ACCOUNT_WORD) return `请输入“${DELETE_ACCOUNT_WORD}”确认注销`
    const res = await call('session.deleteAccount', { confirm: DELETE_ACCOUNT_WORD })
    if (!res.ok) return res.error.message
    setDeleting(false)
    // Home must not show the deleted account from the cached session.
    await loadSession(true)
    await Taro.showModal({
      title: '账号已注销',
      content: `您的个人信息已删除；${res.data.casesAnonymised} 件事项已去除您的身份信息，仅供派出所统计。`,
      showCancel: false,
    })
    goHome()
    return null
  }

  return (
    <View className={`my-data${elder ? ' fq-elder' : ''}`}>
      <ElderModeSwitch onChange={setElder} />
      <LoadState state={remote.state} onRetry={remote.reload}>
        {(data) => (
          <View>
            <Section title="住址">
              <Row label="社区" value={data.binding.communityName} />
              <Row label="楼栋" value={data.binding.buildingName} />
              <Row label="单元" value={data.binding.unit} />
            </Section>
            <Section title="联系方式">
              <Row label="称呼" value={data.contact.name} />
              <Row label="电话" value={data.contact.phone} />
            </Section>
            <Section title={`我的事项（${data.cases.length}）`}>
              {data.cases.length === 0 && <Text className="my-data__empty">暂无</Text>}
              {data.cases.map((c) => (
                <View key={c.id} className="my-data__case">
                  <Text className="my-data__case-title">{c.title}</Text>
                  <Text className="my-data__case-meta">
                    {c.role === 'reporter' ? '我提交的' : '我也遇到了'} · {caseStatusLabels[c.status]} · {formatDate(c.createdAt)}
                  </Text>
                  {c.answers.map((a) => (
                    <Text key={`${a.at}-${a.what}`} className="my-data__answer">
                      {a.what}：{a.text}
                    </Text>
                  ))}
                </View>
              ))}
            </Section>
            <Section title={`我的评价（${data.ratings.length}）`}>
              {data.ratings.length === 0 && <Text className="my-data__empty">暂无</Text>}
              {data.ratings.map((r) => (
                <Text key={r.caseId} className="my-data__answer">
                  {r.title}：满意度 {r.satisfaction} 星，安全感 {r.safety} 星{r.comment ? `，“${r.comment}”` : ''}
                </Text>
              ))}
            </Section>
            <Section title={`我的问卷回答（${data.surveyAnswers.length}）`}>
              {data.surveyAnswers.length === 0 && <Text className="my-data__empty">暂无</Text>}
              {data.surveyAnswers.map((a) => (
                <View key={a.month + a.title} className="my-data__case">
                  <Text className="my-data__case-title">{`${a.title}（${formatDate(a.answeredAt)}）`}</Text>
                  {a.items.map((i) => (
                    <Text key={i.question} className="my-data__answer">
                      {i.question}：{i.answer}
                    </Text>
                  ))}
                </View>
              ))}
            </Section>
            <Section title="其他">
              <Row label="身份" value={data.account.roles.map((r) => roleLabels[r]).join('、') || '未加入社区'} />
              <Row label="消息" value={`${data.notifications.length} 条`} />
              <Row label="订阅提醒" value={`${data.subscriptions.length} 项`} />
              <Row label="同意隐私指引" value={data.account.privacyConsentAt ? `${formatDate(data.account.privacyConsentAt)}（${data.account.privacyVersion}）` : null} />
            </Section>

            <View className="my-data__actions">
              <Button type="primary" size="large" block onClick={() => void onExport(data)}>
                导出我的信息
              </Button>
              <Text className="my-data__explain">导出为 JSON 文件，包含以上全部内容。</Text>
              <Button className="my-data__delete" type="danger" fill="outline" size="large" block onClick={() => setDeleting(true)}>
                注销账号
              </Button>
              <Text className="my-data__explain">
                注销后，您的住址、称呼、电话、关注和消息将被删除；您提交的事项会去除身份信息后保留，仅供派出所统计。办结的事项满 3 年后也会自动去除身份信息。
              </Text>
            </View>
          </View>
        )}
      </LoadState>
      <TextSheet
        visible={deleting}
        title={`输入“${DELETE_ACCOUNT_WORD}”确认注销账号`}
        placeholder={DELETE_ACCOUNT_WORD}
        confirmText="确认注销"
        limit={textLimits.deleteConfirm}
        danger
        onConfirm={onDelete}
        onClose={() => setDeleting(false)}
      />
    </View>
  )
}

function Row({ label, value }: { label: string; value: string | null }) {
  return (
    <View className="my-data__row">
      <Text className="my-data__label">{label}</Text>
      <Text className="my-data__value">{value ?? '未填写'}</Text>
    </View>
  )
}
