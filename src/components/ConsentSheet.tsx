import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { openPlatformPrivacyGuide, privacyGuideVersion, versionInForce } from '@/services/privacy'
import { loadSession } from '@/session'
import { useConsent } from '@/hooks/useConsent'
import type { ConsentGate } from '@/hooks/useConsentGate'
import { navigate } from '@/navigation'
import BottomSheet from './BottomSheet'
import './ConsentSheet.scss'

/**
 * The consent step where a submit was refused for it (a form or case page opened from a shared
 * link skips home's consent card): the guide link and "同意并继续"; agreeing sends the submit again.
 */
export default function ConsentSheet({ gate }: { gate: ConsentGate }) {
  const [version, setVersion] = useState(privacyGuideVersion)
  // The backend names the guide in force; the cached session may predate the refusal.
  useEffect(() => {
    if (!gate.asking) return
    void loadSession(true).then((res) => res.ok && setVersion(versionInForce(res.data)))
  }, [gate.asking])
  const { busy, error, agree, buttonProps } = useConsent(version, gate.agreed, gate.asking)

  return (
    <BottomSheet visible={gate.asking} title="隐私保护指引已更新" onClose={gate.dismissed}>
      <View className="fq-consent">
        <Text className="fq-consent__text">提交前，请您先看一下更新后的《隐私保护指引》。同意后会自动帮您提交，填写的内容不会丢失。</Text>
        <Text className="fq-consent__link" onClick={() => openPlatformPrivacyGuide() || navigate('privacy')}>
          查看《隐私保护指引》
        </Text>
        {error && <Text className="fq-consent__error">{error}</Text>}
        <Button {...buttonProps} block type="primary" size="large" loading={busy} onClick={agree}>
          同意并继续
        </Button>
      </View>
    </BottomSheet>
  )
}
