import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { loadSession } from '@/session'
import { useRemote } from '@/hooks/useRemote'
import { goHome, redirect } from '@/navigation'
import LoadState from '@/components/LoadState'
import ServiceLevel from '../case/ServiceLevel'
import type { CaseView } from '@/types/case'
import { elderClass } from '@/lib/elderMode'
import './index.scss'
import { imageAlt } from '@/lib/imageAlt'

/**
 * After submitting (issue 14): the case number, who received it (the grid officer's card), what
 * happens next; then on to the case. A toast over a page change was never seen.
 */
export default function SubmittedPage() {
  const id = useRouter().params.id ?? ''
  const view = useRemote(() => call('cases.get', { caseId: id, as: 'resident' }), [id])
  const session = useRemote(() => loadSession(), [])
  const officer = session.state.data?.officer ?? null
  return (
    <View className={`submitted${elderClass()}`}>
      <LoadState state={view.state} onRetry={view.reload}>
        {(c: CaseView) => (
          <View>
            <View className="submitted__hero">
              <Text className="submitted__tick">✓</Text>
              <Text className="submitted__title">已提交，民警会收到</Text>
              {c.caseNo && (
                <Text className="submitted__number" userSelect>
                  受理编号 {c.caseNo}
                </Text>
              )}
              <Text className="submitted__hint">打电话询问时，报这个编号就能查到</Text>
            </View>
            {c.viewer === 'resident' && <ServiceLevel item={c} />}
            <View className="submitted__card">
              <Text className="submitted__label">谁收到了</Text>
              {officer ? (
                <View className="submitted__officer">
                  {officer.photo?.url ? (
                    <Image className="submitted__photo" src={officer.photo.url} mode="aspectFill" {...imageAlt(`${officer.name}的照片`)} />
                  ) : (
                    <View className="submitted__photo submitted__photo--empty">
                      <Text>{officer.name.slice(0, 1)}</Text>
                    </View>
                  )}
                  <View className="submitted__officer-text">
                    <Text className="submitted__name">{c.viewer === 'resident' && c.handler ? c.handler.name : officer.name}</Text>
                    <Text className="submitted__meta">{c.viewer === 'resident' && c.handler ? c.handler.title : officer.title}</Text>
                    <Text className="submitted__meta">值班时间：{officer.dutyHours}</Text>
                  </View>
                </View>
              ) : (
                c.viewer === 'resident' && c.handler && <Text className="submitted__name">{c.handler.name} · {c.handler.title}</Text>
              )}
              {officer && (
                <Button fill="outline" type="primary" size="large" block onClick={() => void Taro.makePhoneCall({ phoneNumber: officer.phone })}>
                  拨打 {officer.phone}
                </Button>
              )}
            </View>
            <View className="submitted__card">
              <Text className="submitted__label">接下来</Text>
              <Text className="submitted__step">1. 民警受理后，会通知您（“消息”里也能看到）。</Text>
              <Text className="submitted__step">2. 每一步进展都记在“办理经过”里，您可以随时补充情况或照片。</Text>
              <Text className="submitted__step">3. 办好后请您评价；没解决可以点“问题没有解决”。</Text>
            </View>
            <View className="submitted__buttons">
              <Button type="primary" size="large" block onClick={() => redirect('caseDetail', { id: c.id })}>
                查看办理进度
              </Button>
              <Button fill="none" size="large" block onClick={goHome}>
                回到首页
              </Button>
            </View>
          </View>
        )}
      </LoadState>
    </View>
  )
}
