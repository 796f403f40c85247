import Taro from '@tarojs/taro'
import { isWeapp } from './platform'

interface PickedPoint {
  latitude: number
  longitude: number
  address?: string
}

/** Map points are a weapp feature (wx.chooseLocation); the H5 desk picks a building instead. */
export const canPickMapPoint = isWeapp

/** Lets the resident tap a place on the map; null when they cancel or refuse location access. */
export async function pickMapPoint(): Promise<PickedPoint | null> {
  if (process.env.TARO_ENV !== 'weapp') return null
  try {
    const res = await Taro.chooseLocation({})
    const address = [res.name, res.address].filter(Boolean).join(' ').slice(0, 100)
    return { latitude: res.latitude, longitude: res.longitude, address: address || undefined }
  } catch {
    return null
  }
}
