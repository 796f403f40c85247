import { View, Text } from '@tarojs/components'
import { requestSubscribe } from '@/services/subscribe'
import { navigate } from '@/navigation'
import type { Session } from '@/session'
import type { Role } from '@/types/enums'
import type { RouteName } from '@/types/routes'

/**
 * One row per workbench: who sees it, what it is called, where it goes and its hint. Pages
 * built later (roster, patrols, the station desk) are one row each. A person sees every row one of
 * their roles opens, the first row per route only (an officer who is also a grid worker gets one inbox).
 */
interface WorkbenchEntry {
  roles: readonly Role[]
  title: string | ((me: Session) => string)
  route: RouteName
  hint: (me: Session) => string
  /** Ask for new-case notifications on the way in (a tap is needed to ask). */
  subscribe?: boolean
}

const grids = (me: Session) => me.staffGrids.map((g) => g.name).join('、')

export const WORKBENCHES: readonly WorkbenchEntry[] = [
  // The station admin's inbox first: an admin who also holds a grid sees the station's scope.
  {
    roles: ['admin'], title: '民警工作台', route: 'staffInbox', subscribe: true,
    hint: () => '全所超时督办、无民警网格的案件',
  },
  {
    roles: ['officer'], title: '民警工作台', route: 'staffInbox', subscribe: true,
    hint: (me) => `${grids(me) || '我的网格'}的案件`,
  },
  { roles: ['grid_worker'], title: '网格员工作台', route: 'staffInbox', hint: (me) => `${grids(me) || '本网格'}的案件（只读，可添加内部备注）` },
  { roles: ['officer', 'admin', 'mediator', 'judicial_mediator'], title: '调解工作台', route: 'mediationBench', hint: () => '我的调解案件、本周调解、待回访' },
  { roles: ['officer', 'grid_worker', 'admin'], title: '网格住户与走访', route: 'gridRoster', hint: () => '结对帮扶、待走访、住户档案' },
  { roles: ['officer', 'admin'], title: '本月问卷', route: 'surveyManage', hint: () => '群众意见征求：发布、分享到社区群、看结果' },
  { roles: ['officer', 'admin'], title: '发布公告', route: 'noticeManage', hint: () => '反诈、养犬、消防提醒，查看阅读人数' },
  {
    roles: ['volunteer'], title: (me) => `${me.station?.volunteerBrand ?? '志愿者'}巡逻`, route: 'patrols',
    hint: () => '开始巡逻、记录发现、我的巡逻记录',
  },
  {
    roles: ['admin', 'officer'], title: '数据看板', route: 'deskDashboard',
    hint: (me) => (me.roles.includes('admin') ? '全所案件、调解、评价、导出与审计' : '我负责网格的案件、调解与评价'),
  },
]

export function workbenchesOf(me: Session): WorkbenchEntry[] {
  const seen = new Set<string>()
  return WORKBENCHES.filter((w) => {
    if (!w.roles.some((r) => me.roles.includes(r)) || seen.has(w.route)) return false
    seen.add(w.route)
    return true
  })
}

export default function Workbenches({ me }: { me: Session }) {
  return (
    <View>
      {workbenchesOf(me).map((w) => {
        const open = async () => {
          if (w.subscribe) await requestSubscribe(me.subscribeTemplates.onOpenInbox)
          navigate(w.route)
        }
        const title = typeof w.title === 'string' ? w.title : w.title(me)
        return (
          <View key={w.route} className="home__workbench" onClick={open}>
            <View className="home__entry-text">
              <Text className="home__entry-title">{title}</Text>
              <Text className="home__entry-hint">{w.hint(me)}</Text>
            </View>
            <Text className="home__chevron">›</Text>
          </View>
        )
      })}
    </View>
  )
}
