import { View, Text } from '@tarojs/components'
import { requestSubscribe } from '@/services'
import { navigate } from '@/navigation'
import type { Session } from '@/session'
import type { Badge } from '@/types/notify'
import type { Role } from '@/types/enums'
import type { RouteName } from '@/types/routes'

/**
 * One row per workbench: who sees it, what it is called, where it goes, its hint and badge. Pages
 * built later (roster, patrols, the station desk) are one row each. A person sees every row one of
 * their roles opens, the first row per route only (an officer who is also a grid worker gets one inbox).
 */
interface WorkbenchEntry {
  roles: readonly Role[]
  title: string
  route: Extract<RouteName, 'staffInbox' | 'mediationBench'>
  hint: (me: Session) => string
  badge?: (badge: Badge) => string | null
  /** Ask for new-case notifications on the way in (a tap is needed to ask). */
  subscribe?: boolean
}

const grids = (me: Session) => me.staffGrids.map((g) => g.name).join('、')

export const WORKBENCHES: readonly WorkbenchEntry[] = [
  // The station admin's inbox first: an admin who also holds a grid sees the station's scope.
  {
    roles: ['admin'], title: '民警工作台', route: 'staffInbox', subscribe: true,
    hint: () => '全所超时督办、无民警网格的案件',
    badge: (b) => (b.inboxUnread > 0 ? `${b.inboxUnread} 件未读` : null),
  },
  {
    roles: ['officer'], title: '民警工作台', route: 'staffInbox', subscribe: true,
    hint: (me) => `${grids(me) || '我的网格'}的案件`,
    badge: (b) => (b.inboxUnread > 0 ? `${b.inboxUnread} 件未读` : null),
  },
  { roles: ['grid_worker'], title: '网格员工作台', route: 'staffInbox', hint: (me) => `${grids(me) || '本网格'}的案件（只读，可添加内部备注）` },
  { roles: ['officer', 'admin', 'mediator', 'judicial_mediator'], title: '调解工作台', route: 'mediationBench', hint: () => '我的调解案件、本周调解、待回访' },
]

export function workbenchesOf(me: Session): WorkbenchEntry[] {
  const seen = new Set<string>()
  return WORKBENCHES.filter((w) => {
    if (!w.roles.some((r) => me.roles.includes(r)) || seen.has(w.route)) return false
    seen.add(w.route)
    return true
  })
}

export default function Workbenches({ me, badge }: { me: Session; badge: Badge | null }) {
  return (
    <View>
      {workbenchesOf(me).map((w) => {
        const count = badge && w.badge ? w.badge(badge) : null
        const open = async () => {
          if (w.subscribe) await requestSubscribe(me.subscribeTemplates.onOpenInbox)
          navigate(w.route)
        }
        return (
          <View key={w.title} className="home__workbench" onClick={open}>
            <View className="home__entry-text">
              <Text className="home__entry-title">{w.title}</Text>
              <Text className="home__entry-hint">{w.hint(me)}</Text>
            </View>
            {count && <Text className="home__mine-badge">{count}</Text>}
            <Text className="home__chevron">›</Text>
          </View>
        )
      })}
    </View>
  )
}
