import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { caseStatusLabels } from '@/types/caseEnums'

export default function Home() {
  return (
    <View>
      <Text>枫桥家园 {caseStatusLabels.submitted}</Text>
      <Button type="primary">上报问题</Button>
    </View>
  )
}
