import Taro from '@tarojs/taro'
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import BottomSheet from './BottomSheet'
import { call, canPickMapPoint, pickMapPoint } from '@/services'
import type { Session } from '@/session'
import type { BuildingView } from '@/types/community'
import type { Located } from '@/hooks/useCaseDraft'
import { unitLabel } from '@/lib/address'
import './LocationField.scss'

interface Props {
  me: Session
  value: Located
  onChange: (value: Located) => void
}

/** My own building by default; another building of my community; or (weapp) a point on the map. */
export function defaultLocation(me: Session): Located {
  return me.building ? { buildingId: me.building.id, buildingName: me.building.name, unit: me.unit ?? undefined } : {}
}

function describeLocation(l: Located): string {
  if (l.buildingName) return `${l.buildingName}${l.unit ? ` ${unitLabel(l.unit)}` : ''}`
  if (l.point) return l.point.address ?? '地图上选的位置'
  return '还没有选择位置'
}

export default function LocationField({ me, value, onChange }: Props) {
  const [open, setOpen] = useState(false)
  const [buildings, setBuildings] = useState<BuildingView[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [picked, setPicked] = useState<BuildingView | null>(null)

  const openPicker = async () => {
    setOpen(true)
    setPicked(null)
    if (buildings || !me.community) return
    setLoadError(null)
    const res = await call('session.listCommunities', { communityId: me.community.id })
    if (res.ok) setBuildings(res.data.buildings)
    else setLoadError(res.error.message)
  }

  const choose = (building: BuildingView, unit?: string) => {
    onChange({ buildingId: building.id, buildingName: building.name, unit })
    setOpen(false)
  }

  const fromMap = async () => {
    const pick = await pickMapPoint()
    if ('point' in pick) onChange({ ...value, point: pick.point })
    else if ('refused' in pick) {
      const answer = await Taro.showModal({ title: '无法在地图上选', content: pick.refused, showCancel: pick.canOpenSettings, confirmText: pick.canOpenSettings ? '去设置' : '知道了', cancelText: '选择楼栋' })
      if (pick.canOpenSettings && answer.confirm) void Taro.openSetting({})
    }
  }

  const isMine = me.building !== null && value.buildingId === me.building.id
  return (
    <View className="fq-location">
      <View className="fq-location__current">
        <Text className="fq-location__name">{describeLocation(value)}</Text>
        {isMine && <Text className="fq-location__mine">我家楼栋</Text>}
      </View>
      {value.point && value.buildingName && <Text className="fq-location__point">地图位置：{value.point.address ?? '已选择'}</Text>}
      <View className="fq-location__actions">
        <Button size="large" fill="outline" type="primary" onClick={openPicker}>
          {value.buildingId ? '换一个楼栋' : '选择楼栋'}
        </Button>
        {canPickMapPoint && (
          <Button size="large" fill="outline" type="default" onClick={fromMap}>
            在地图上选
          </Button>
        )}
      </View>

      <BottomSheet visible={open} title={picked ? `${picked.name}：选择单元` : '选择楼栋'} onClose={() => setOpen(false)}>
        <View className="fq-location__sheet">
          {loadError && <Text className="fq-location__error">{loadError}</Text>}
          {!buildings && !loadError && <Text className="fq-location__muted">正在加载楼栋…</Text>}
          {buildings && !picked && (
            <View className="fq-location__list">
              {buildings.map((b) => (
                <View key={b.id} className="fq-location__option" onClick={() => (b.units.length > 0 ? setPicked(b) : choose(b))}>
                  <Text>{b.name}</Text>
                </View>
              ))}
            </View>
          )}
          {picked && (
            <View className="fq-location__list">
              {picked.units.map((u) => (
                <View key={u} className="fq-location__option" onClick={() => choose(picked, u)}>
                  <Text>{unitLabel(u)}</Text>
                </View>
              ))}
              <View className="fq-location__option fq-location__option--wide" onClick={() => choose(picked)}>
                <Text>不确定单元，只选楼栋</Text>
              </View>
            </View>
          )}
        </View>
      </BottomSheet>
    </View>
  )
}
