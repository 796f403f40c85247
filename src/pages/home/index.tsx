import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

export default function Home() {
  return (
    <View>
      <Text>枫桥家园</Text>
      <Button type="primary">上报问题</Button>
    </View>
  )
}
