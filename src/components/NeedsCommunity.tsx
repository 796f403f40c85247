import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { navigate } from '@/navigation'
import './Section.scss'

/** Forms need to know where the resident lives: route to the community step first. */
export default function NeedsCommunity() {
  return (
    <View className="fq-section">
      <Text className="fq-section__title">请先选择您住的社区</Text>
      <Text className="fq-section__hint">这样问题才能送到负责您楼栋的社区民警。</Text>
      <View className="fq-section__body">
        <Button type="primary" size="large" block onClick={() => navigate('join')}>
          选择我的社区
        </Button>
      </View>
    </View>
  )
}
