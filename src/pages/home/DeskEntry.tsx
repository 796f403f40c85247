import { View, Text } from '@tarojs/components'
import { navigate } from '@/navigation'
import type { Session } from '@/session'

/** The station desk (issue 12): the admin's numbers, exports, organisation and audit log; officers see their grids' numbers. */
export default function DeskEntry({ me }: { me: Session }) {
  if (!me.roles.includes('admin') && !me.roles.includes('officer')) return null
  return (
    <View className="home__workbench" onClick={() => navigate('deskDashboard')}>
      <View className="home__entry-text">
        <Text className="home__entry-title">数据看板</Text>
        <Text className="home__entry-hint">{me.roles.includes('admin') ? '全所案件、调解、评价、导出与审计' : '我负责网格的案件、调解与评价'}</Text>
      </View>
      <Text className="home__chevron">›</Text>
    </View>
  )
}
