import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { loadSession } from '@/session'
import { goHome } from '@/navigation'
import Section from '@/components/Section'
import { roleLabels } from '@/types/enums'
import { inviteCodeMaxLength, inviteCodePattern } from '@/types/limits'
import { elderClass } from '@/lib/elderMode'
import '../../styles/form.scss'

/** Staff roles come only from an invite code the station's admin issued, never from a claim. */
export default function RedeemInvite() {
  // Opened from an invite's mini-program code (scene = the code) or a link carrying it: filled in.
  const { params } = useRouter()
  const [code, setCode] = useState(() => decodeURIComponent(params.scene ?? params.code ?? ''))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const clean = code.trim().toUpperCase()
  const valid = inviteCodePattern.test(clean)

  const redeem = async () => {
    if (!valid || busy) return
    setBusy(true)
    setError(null)
    const res = await call('session.redeemInvite', { code: clean })
    setBusy(false)
    if (!res.ok) return setError(res.error.message)
    await loadSession(true)
    await Taro.showModal({ title: '已开通', content: `您已获得“${roleLabels[res.data.granted]}”身份。`, showCancel: false })
    goHome()
  }

  return (
    <View className={`form-page${elderClass()}`}>
      <Section title="输入邀请码" hint="派出所管理员会把邀请码发给新加入的民警、调解员和志愿者。">
        <Input className="form-page__input" value={code} onChange={setCode} placeholder="6–12 位字母或数字" maxLength={inviteCodeMaxLength} />
        {error && <Text className="form-page__error">{error}</Text>}
      </Section>
      <View className="form-page__actions">
        <Button block type="primary" size="large" loading={busy} disabled={!valid} onClick={redeem}>
          开通工作人员身份
        </Button>
      </View>
    </View>
  )
}
