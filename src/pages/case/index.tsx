import { View } from '@tarojs/components'

export default function Stub() {
  return <View>建设中</View>
}
