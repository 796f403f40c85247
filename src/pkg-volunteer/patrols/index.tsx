import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call, newClientRequestId } from '@/services'
import { loadSession } from '@/session'
import { useRemote } from '@/hooks/useRemote'
import { usePaged } from '@/hooks/usePaged'
import { navigate } from '@/navigation'
import LoadState from '@/components/LoadState'
import PagedList from '@/components/PagedList'
import Section from '@/components/Section'
import type { PatrolSummary } from '@/types/patrol'
import BuildingChips from '../components/BuildingChips'
import PatrolRow from '../components/PatrolRow'
import type { Result } from '@/types/registry'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

interface Place {
  community: { id: string; name: string } | null
  buildings: { id: string; name: string }[]
}

/** The volunteer's patrols: continue the running one, start a new one (planned buildings), history. */
export default function Patrols() {
  const place = useRemote(async (): Promise<Result<Place>> => {
    const me = await loadSession()
    if (!me.ok) return me
    if (!me.data.community) return { ok: true, data: { community: null, buildings: [] } }
    const res = await call('session.listCommunities', { communityId: me.data.community.id })
    if (!res.ok) return res
    return { ok: true, data: { community: me.data.community, buildings: res.data.buildings.map((b) => ({ id: b.id, name: b.name })) } }
  }, [])
  const [active, setActive] = useState<PatrolSummary | null>(null)
  const list = usePaged(async (cursor) => {
    const res = await call('patrols.listMine', { pageSize: 10, ...(cursor ? { cursor } : {}) })
    if (res.ok && !cursor) setActive(res.data.active)
    return res
  }, 'mine')
  const [planned, setPlanned] = useState<string[]>([])
  const [starting, setStarting] = useState(false)

  const start = async () => {
    setStarting(true)
    const res = await call('patrols.start', { clientRequestId: newClientRequestId(), buildingIds: planned })
    setStarting(false)
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none' })
    setPlanned([])
    navigate('patrol', { id: res.data.patrol.id })
  }

  return (
    <View className={`patrols${elderClass()}`}>
      <LoadState state={place.state} onRetry={place.reload}>
        {({ community, buildings }) =>
          active ? (
            <View className="patrols__active" onClick={() => navigate('patrol', { id: active.id })}>
              <Text className="patrols__active-title">正在巡逻：{active.communityName}</Text>
              <Text className="patrols__active-hint">{active.routeText || '还没有记录途经楼栋'} · 已记录 {active.findingCount} 处发现</Text>
              <Button type="primary" size="large" block>
                继续巡逻
              </Button>
            </View>
          ) : community ? (
            <Section title={`开始巡逻 · ${community.name}`} hint="选择这次打算走的楼栋（可不选，路上再记录）">
              <BuildingChips
                buildings={buildings}
                chosen={planned}
                onTap={(id) => setPlanned((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]))}
              />
              <View className="patrols__start">
                <Button type="primary" size="large" block loading={starting} onClick={start}>
                  开始巡逻
                </Button>
              </View>
            </Section>
          ) : (
            <Text className="patrols__muted">请先在首页选择您所在的社区，再开始巡逻。</Text>
          )
        }
      </LoadState>
      <Text className="patrols__block-title">我的巡逻记录</Text>
      <PagedList list={list} empty={{ title: '还没有巡逻记录', hint: '开始第一次巡逻后，记录会出现在这里。' }}>
        {(item) => <PatrolRow key={item.id} item={item} onOpen={(id) => navigate('patrol', { id })} />}
      </PagedList>
    </View>
  )
}
