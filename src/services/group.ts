/**
 * Arriving from a WeChat group (issue 10). A card shared into a group opens the page with a
 * shareTicket; `wx.getGroupEnterInfo` then answers a CloudID whose open data is the group's
 * `{ opengid }`. The page never sees the opengid: it hands the CloudID to the function with
 * `callFromGroup`, and CloudBase replaces it with `{ cloudID, data: { opengid } }` on the way in.
 *
 * H5 (the local stack): the developer console's "从群聊打开问卷卡片" opens the page with
 * `fqGroupCloudID=<stand-in CloudID>` in the query, standing in for the shareTicket; the local
 * runtime resolves that CloudID exactly as CloudBase does.
 */
import Taro from '@tarojs/taro'
import type { FnInput, FnName, FnOutput, Result } from '@/types/registry'
import { GROUP_INFO_FIELD } from '@/types/openData'
import { call } from './call'
import { cloud } from './cloud'

export interface GroupArrival {
  cloudID: string
}

/** The query parameter the local stack's console uses in place of a shareTicket. */
export const H5_GROUP_CLOUD_ID_PARAM = 'fqGroupCloudID'

function weappArrival(): Promise<GroupArrival | null> {
  let ticket: string | undefined
  try {
    ticket = Taro.getEnterOptionsSync().shareTicket
  } catch {
    ticket = undefined
  }
  // Only a page opened from a group card (or group to-do) has a shareTicket; elsewhere the API fails.
  if (!ticket || typeof Taro.getGroupEnterInfo !== 'function') return Promise.resolve(null)
  return new Promise((resolve) => {
    Taro.getGroupEnterInfo({
      success: (res) => resolve(res.cloudID ? { cloudID: res.cloudID } : null),
      fail: () => resolve(null),
    })
  })
}

function h5Arrival(): GroupArrival | null {
  if (typeof window === 'undefined') return null
  const { search, hash } = window.location
  const query = [search.replace(/^\?/, ''), hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : ''].join('&')
  const cloudID = new URLSearchParams(query).get(H5_GROUP_CLOUD_ID_PARAM)
  return cloudID ? { cloudID } : null
}

/** The CloudID of the group the page was opened from, or null when it was not opened from a group. */
export async function getGroupArrival(): Promise<GroupArrival | null> {
  if (process.env.TARO_ENV === 'weapp') return weappArrival()
  return h5Arrival()
}

/**
 * `call(name, input)` with the group's CloudID as the top-level `groupInfo` field (CloudBase resolves
 * only top-level CloudID values). In weapp the value is `wx.cloud.CloudID(id)`; over the H5 gateway it
 * is `{ cloudID }`, which the local runtime resolves the same way.
 */
export function callFromGroup<N extends FnName>(name: N, input: FnInput<N>, arrival: GroupArrival): Promise<Result<FnOutput<N>>> {
  const value: unknown =
    process.env.TARO_ENV === 'weapp'
      ? (cloud().CloudID as unknown as (id: string) => unknown)(arrival.cloudID)
      : { cloudID: arrival.cloudID }
  return call(name, input, { [GROUP_INFO_FIELD]: value })
}
