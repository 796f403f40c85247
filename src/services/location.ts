import Taro from '@tarojs/taro'
import { isWeapp } from './platform'

interface PickedPoint {
  latitude: number
  longitude: number
  address?: string
}

/** Map points are a weapp feature (wx.chooseLocation); the H5 desk picks a building instead. */
export const canPickMapPoint = isWeapp

/** The outcome of "在地图上选": a point, a cancel (nothing to say), or a refusal the page must explain. */
export type MapPick = { point: PickedPoint } | { cancelled: true } | { refused: string; canOpenSettings: boolean }

/** WeChat's errMsg for a cancelled picker; anything else is a refusal (permission, privacy guide, API not enabled). */
const cancelled = /cancel/i
const permissionDenied = /auth den|authorize|permission/i

/** Lets the resident tap a place on the map; a refusal says why instead of doing nothing. */
export async function pickMapPoint(): Promise<MapPick> {
  if (process.env.TARO_ENV !== 'weapp') return { refused: '网页版不能在地图上选点，请选择楼栋。', canOpenSettings: false }
  try {
    const res = await Taro.chooseLocation({})
    const address = [res.name, res.address].filter(Boolean).join(' ').slice(0, 100)
    return { point: { latitude: res.latitude, longitude: res.longitude, address: address || undefined } }
  } catch (err) {
    const message = String((err as { errMsg?: unknown } | null)?.errMsg ?? err)
    if (cancelled.test(message)) return { cancelled: true }
    if (permissionDenied.test(message)) return { refused: '您没有允许使用位置信息。可以在设置里打开，或者直接选择楼栋。', canOpenSettings: true }
    return { refused: '暂时无法打开地图，请选择楼栋。', canOpenSettings: false }
  }
}
