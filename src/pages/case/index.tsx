import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import { navigate } from '@/navigation'
import LoadState from '@/components/LoadState'
import CaseFacts from '@/components/CaseFacts'
import Timeline from '@/components/Timeline'
import TextSheet from '@/components/TextSheet'
import type { ResidentCaseView } from '@/types/case'
import './index.scss'

type Sheet = 'addInfo' | 'withdraw' | 'reopen' | null

export default function CasePage() {
  const id = useRouter().params.id ?? ''
  const remote = useRemote(
    async () => {
      const res = await call('cases.get', { caseId: id, as: 'resident' })
      if (res.ok && res.data.viewer !== 'resident') return { ok: false as const, error: { code: 'FORBIDDEN' as const, message: '这不是您的事项' } }
      return res as typeof res & { data: ResidentCaseView }
    },
    [id],
    { reloadOnShow: true },
  )
  const [sheet, setSheet] = useState<Sheet>(null)

  // Every action answers with the updated case, so the page never reloads after one.
  const act = async (run: () => ReturnType<typeof call<'cases.addInfo'>>) => {
    const res = await run()
    if (!res.ok) return res.error.message
    remote.setData(res.data.case)
    setSheet(null)
    return null
  }

  return (
    <View className="case-page">
      <LoadState state={remote.state} onRetry={remote.reload}>
        {(item: ResidentCaseView) => (
          <View>
            <CaseFacts item={item} />
            {!item.isReporter && <Text className="case-page__joined">您通过“我也遇到了”关注了这件事，进展会通知您。</Text>}
            {item.handler && (
              <View className="case-page__card">
                <Text className="case-page__label">负责人</Text>
                <Text className="case-page__handler">
                  {item.handler.name} · {item.handler.title}
                </Text>
              </View>
            )}
            {item.rating && (
              <View className="case-page__card">
                <Text className="case-page__label">我的评价</Text>
                <Text className="case-page__rating">
                  满意度 <Text className="case-page__stars">{'★'.repeat(item.rating.satisfaction)}</Text> · 安全感{' '}
                  <Text className="case-page__stars">{'★'.repeat(item.rating.safety)}</Text>
                </Text>
                {item.rating.comment && <Text className="case-page__comment">{item.rating.comment}</Text>}
              </View>
            )}
            <View className="case-page__card">
              <Text className="case-page__label">办理经过</Text>
              <Timeline entries={item.timeline} />
            </View>

            <View className="case-page__actions">
              {item.can.rate && (
                <Button block type="primary" size="large" onClick={() => navigate('rate', { id: item.id })}>
                  评价这次办理
                </Button>
              )}
              {item.can.reopen && (
                <Button block fill="outline" type="danger" size="large" onClick={() => setSheet('reopen')}>
                  问题没有解决
                </Button>
              )}
              {item.can.addInfo && (
                <Button block fill="outline" type="primary" size="large" onClick={() => setSheet('addInfo')}>
                  补充情况
                </Button>
              )}
              {item.can.withdraw && (
                <Button block fill="none" type="default" size="large" onClick={() => setSheet('withdraw')}>
                  撤回这件事
                </Button>
              )}
            </View>

            <TextSheet
              visible={sheet === 'addInfo'}
              title="补充情况"
              placeholder="新的情况、变化，民警会看到"
              confirmText="提交补充"
              minLength={1}
              maxLength={500}
              onClose={() => setSheet(null)}
              onConfirm={(text) => act(() => call('cases.addInfo', { caseId: item.id, text, photos: [] }))}
            />
            <TextSheet
              visible={sheet === 'reopen'}
              title="问题没有解决"
              placeholder="说说现在还有什么问题，事项会重新交给民警办理"
              confirmText="重新办理"
              minLength={2}
              onClose={() => setSheet(null)}
              onConfirm={(reason) => act(() => call('cases.reopen', { caseId: item.id, reason }))}
            />
            <TextSheet
              visible={sheet === 'withdraw'}
              title="撤回这件事"
              placeholder="撤回的原因（可以不填），例如：已经自己解决了"
              confirmText="确认撤回"
              danger
              maxLength={200}
              onClose={() => setSheet(null)}
              onConfirm={(reason) => act(() => call('cases.withdraw', { caseId: item.id, ...(reason ? { reason } : {}) }))}
            />
          </View>
        )}
      </LoadState>
    </View>
  )
}
