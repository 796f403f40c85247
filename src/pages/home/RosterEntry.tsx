import { View, Text } from '@tarojs/components'
import { navigate } from '@/navigation'
import type { Session } from '@/session'

/** issue 11: the roster and visits (officers, grid workers, the station admin) on home. */
export default function RosterEntry({ me }: { me: Session }) {
  if (!['officer', 'grid_worker', 'admin'].some((r) => me.roles.includes(r as Session['roles'][number]))) return null
  return (
    <View className="home__workbench" onClick={() => navigate('gridRoster')}>
      <View className="home__entry-text">
        <Text className="home__entry-title">网格住户与走访</Text>
        <Text className="home__entry-hint">结对帮扶、待走访、住户档案</Text>
      </View>
      <Text className="home__chevron">›</Text>
    </View>
  )
}
