import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import LoadState from '@/components/LoadState'

export default function MediationCasePage() {
  const id = useRouter().params.id ?? ''
  const view = useRemote(() => call('mediations.get', { caseId: id }), [id], { enabled: id !== '' })
  return (
    <View>
      <LoadState state={view.state} onRetry={view.reload}>
        {({ mediation }) => <Text>{mediation.title}</Text>}
      </LoadState>
    </View>
  )
}
