import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { isWeapp } from '@/services/platform'
import './NoEmergencyService.scss'

/**
 * The line a police-service app must show at all times on home, report and help: this platform takes
 * no emergency calls. Tapping it dials 110 on a phone.
 */
export default function NoEmergencyService() {
  const dial = () => {
    if (isWeapp) void Taro.makePhoneCall({ phoneNumber: '110' }).catch(() => undefined)
  }
  return (
    <View className="fq-no-emergency" onClick={dial}>
      <Text>本平台不受理报警，紧急情况请拨打110</Text>
    </View>
  )
}
