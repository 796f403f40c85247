import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import BottomSheet from '@/components/BottomSheet'
import TextSheet from '@/components/TextSheet'
import ChoiceGrid from '@/components/ChoiceGrid'
import type { StaffCaseView } from '@/types/case'
import type { FnOutput, Result } from '@/types/registry'
import { textLimits } from '@/types/limits'

type Act = (run: () => Promise<Result<FnOutput<'cases.accept'>>>, done: string) => Promise<string | null>

/** issue 11: grid workers helping on the case (协办); the officer and the admin add and remove them. */
export function HelpersRow({ item, act }: { item: StaffCaseView; act: Act }) {
  const [open, setOpen] = useState(false)
  const [picked, setPicked] = useState<string | undefined>()
  const options = useRemote(() => call('cases.helperOptions', { caseId: item.id }), [item.id, open], { enabled: open })
  const workers = options.state.status === 'ready' ? options.state.data.workers.filter((w) => !w.isHelper) : []
  const remove = (helperId: string, name: string) =>
    void Taro.showModal({ title: '取消协办', content: `不再请${name}协办此案件？` }).then((r) => {
      if (r.confirm) void act(() => call('cases.removeHelper', { caseId: item.id, helperId }), '已取消协办')
    })
  const add = async () => {
    if (!picked) return
    const problem = await act(() => call('cases.addHelper', { caseId: item.id, helperId: picked }), '已添加协办')
    if (problem) void Taro.showToast({ title: problem, icon: 'none' })
    else setOpen(false)
  }
  return (
    <View className="staff-case__helpers">
      {item.work.helpers.length === 0 && <Text className="staff-case__muted">暂无</Text>}
      {item.work.helpers.map((h) => (
        <Text key={h.id} className="staff-case__helper" onClick={item.work.manageHelpers ? () => remove(h.id, h.name) : undefined}>
          {h.name}{item.work.manageHelpers ? ' ×' : ''}
        </Text>
      ))}
      {item.work.manageHelpers && (
        <Text className="fq-case-card__pill" onClick={() => setOpen(true)}>
          + 请网格员协办
        </Text>
      )}
      <BottomSheet visible={open} title="请网格员协办" onClose={() => setOpen(false)}>
        <View className="fq-sheet">
          <Text className="staff-case__label">协办人能看到此案件并添加内部备注，会收到通知</Text>
          {options.state.status === 'loading' && <Text className="staff-case__muted">正在加载网格员…</Text>}
          {options.state.status === 'ready' && workers.length === 0 && <Text className="staff-case__muted">本网格没有可添加的网格员</Text>}
          <ChoiceGrid options={workers.map((w) => ({ value: w.id, label: w.name }))} value={picked} onChange={setPicked} />
          <Button block type="primary" size="large" disabled={!picked} onClick={add}>
            添加协办
          </Button>
        </View>
      </BottomSheet>
    </View>
  )
}

/** issue 11: the admin presses the officer on an overdue case (督办): once a day, a note for the officer optional. */
export function PressButton({ item, act }: { item: StaffCaseView; act: Act }) {
  const [open, setOpen] = useState(false)
  if (item.work.pressedToday) {
    return (
      <Button block fill="outline" size="large" disabled>
        今日已督办{item.assignee ? `${item.assignee.name}` : ''}
      </Button>
    )
  }
  return (
    <View>
      <Button block type="danger" size="large" onClick={() => setOpen(true)}>
        督办{item.assignee ? `（提醒${item.assignee.name}尽快受理）` : ''}
      </Button>
      <TextSheet
        visible={open}
        title="督办"
        placeholder="给民警的话（可以不填），例如：老人独居，请今天内上门"
        confirmText="发送督办"
        limit={textLimits.startProgress}
        onClose={() => setOpen(false)}
        onConfirm={async (text) => {
          const problem = await act(() => call('cases.press', { caseId: item.id, ...(text ? { text } : {}) }), '已督办')
          if (!problem) setOpen(false)
          return problem
        }}
      />
    </View>
  )
}
