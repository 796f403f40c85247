import { View, Text } from '@tarojs/components'
import { navigate } from '@/navigation'
import type { Session } from '@/session'

/**
 * Issue 11's entries on home: the volunteer's patrols, notice publishing for officers and the
 * admin, and every notice for anyone registered. (Kept apart from home so the role-entry table
 * can take them over.)
 */
export default function PatrolAndNoticeEntries({ me }: { me: Session }) {
  const publisher = me.roles.includes('officer') || me.roles.includes('admin')
  return (
    <View>
      {me.roles.includes('volunteer') && (
        <View className="home__mine home__workbench" onClick={() => navigate('patrols')}>
          <View className="home__entry-text">
            <Text className="home__entry-title">和苑家人巡逻</Text>
            <Text className="home__entry-hint">开始巡逻、记录发现、我的巡逻记录</Text>
          </View>
          <Text className="home__chevron">›</Text>
        </View>
      )}
      {publisher && (
        <View className="home__mine home__workbench" onClick={() => navigate('noticeManage')}>
          <View className="home__entry-text">
            <Text className="home__entry-title">发布公告</Text>
            <Text className="home__entry-hint">反诈、养犬、消防提醒，查看阅读人数</Text>
          </View>
          <Text className="home__chevron">›</Text>
        </View>
      )}
      {me.registered && (
        <View className="home__mine" onClick={() => navigate('noticeList')}>
          <Text className="home__mine-title">全部通知</Text>
          <Text className="home__chevron">›</Text>
        </View>
      )}
    </View>
  )
}
