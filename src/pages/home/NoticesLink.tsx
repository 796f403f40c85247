import { View, Text } from '@tarojs/components'
import { navigate } from '@/navigation'
import type { Session } from '@/session'

/** Every notice, for anyone registered (home shows only the latest three). */
export default function NoticesLink({ me }: { me: Session }) {
  if (!me.registered) return null
  return (
    <View className="home__mine" onClick={() => navigate('noticeList')}>
      <Text className="home__mine-title">全部通知</Text>
      <Text className="home__chevron">›</Text>
    </View>
  )
}
