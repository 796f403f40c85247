import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { call, needsPrivacyConsent, openPlatformPrivacyGuide, versionInForce } from '@/services'
import { loadSession, rememberSession, type Session } from '@/session'
import { useRemote } from '@/hooks/useRemote'
import { useConsent } from '@/hooks/useConsent'
import { goBack, goHome, navigate } from '@/navigation'
import LoadState from '@/components/LoadState'
import Section from '@/components/Section'
import type { BuildingView, CommunitySummary } from '@/types/community'
import { unitLabel } from '@/lib/address'
import { phoneLength, phonePattern, textLimits } from '@/types/limits'
import { elderClass } from '@/lib/elderMode'
import '../../styles/form.scss'
import './index.scss'

type Step = 'checking' | 'consent' | 'community' | 'building' | 'confirm'

export default function JoinPage() {
  const session = useRemote(() => loadSession(), [])
  // A community card or QR code opens this page with ?communityId=…: the resident arrives pre-bound.
  const cardCommunityId = useRouter().params.communityId
  return (
    <View className={`form-page join${elderClass()}`}>
      <LoadState state={session.state} onRetry={session.reload}>
        {(me) => <JoinFlow me={me} cardCommunityId={cardCommunityId} />}
      </LoadState>
    </View>
  )
}

function JoinFlow({ me, cardCommunityId }: { me: Session; cardCommunityId?: string }) {
  const [step, setStep] = useState<Step>('checking')
  const [communityId, setCommunityId] = useState<string | undefined>(cardCommunityId ?? me.community?.id)
  const [communityName, setCommunityName] = useState(me.community?.name ?? '')
  const [building, setBuilding] = useState<BuildingView | null>(null)
  const [unit, setUnit] = useState<string | undefined>()
  const [name, setName] = useState(me.name ?? '')

  const afterConsent: Step = cardCommunityId ? 'building' : 'community'
  useEffect(() => {
    void needsPrivacyConsent(me).then((needed) => setStep(needed ? 'consent' : afterConsent))
  }, [])

  if (step === 'checking') return null
  if (step === 'consent') return <ConsentStep version={versionInForce(me)} station={me.station} onAgreed={() => setStep(afterConsent)} />
  if (step === 'community' || !communityId)
    return (
      <CommunityStep
        current={communityId}
        onPick={(id) => {
          setCommunityId(id)
          setBuilding(null)
          setUnit(undefined)
          setStep('building')
        }}
      />
    )
  if (step === 'building')
    return (
      <BuildingStep
        communityId={communityId}
        onChangeCommunity={() => setStep('community')}
        onPick={(b, u, name) => {
          setCommunityName(name)
          setBuilding(b)
          setUnit(u)
          setStep('confirm')
        }}
      />
    )
  return (
    <ConfirmStep
      communityId={communityId}
      communityName={communityName}
      building={building}
      unit={unit}
      name={name}
      onName={setName}
      onBack={() => setStep('building')}
    />
  )
}

function ConsentStep({ version, station, onAgreed }: { version: string; station: Session['station']; onAgreed: () => void }) {
  const { busy, error, agree, buttonProps } = useConsent(version, onAgreed)
  return (
    <View>
      <View className="join__hero">
        <Text className="join__hero-title">欢迎使用枫桥家园</Text>
        <Text className="join__hero-text">{station ? `${station.shortName}与社区一起，帮您解决身边的问题。` : '派出所与社区一起，帮您解决身边的问题。'}</Text>
      </View>
      <Section title="使用前请您了解">
        <View className="join__points">
          <Text className="join__point">· 我们记录您住的社区、楼栋和单元，用来把您的问题送到负责的社区民警。</Text>
          <Text className="join__point">· 您提交的文字和照片只给办理的工作人员看；匿名上报时，民警看不到您是谁。</Text>
          <Text className="join__point">· 您的电话只在您同意回电时给民警，不会给其他居民。</Text>
          <Text className="join__point">· 您可以随时撤回自己提交的事项。</Text>
        </View>
        <Text className="join__link" onClick={() => openPlatformPrivacyGuide() || navigate('privacy')}>
          查看完整的《隐私保护指引》
        </Text>
      </Section>
      {error && <Text className="join__error">{error}</Text>}
      <View className="join__buttons">
        <Button {...buttonProps} block type="primary" size="large" loading={busy} onClick={agree}>
          同意并继续
        </Button>
        <Button block fill="none" size="large" onClick={goBack}>
          暂不使用
        </Button>
      </View>
    </View>
  )
}

function CommunityStep({ current, onPick }: { current?: string; onPick: (id: string) => void }) {
  const remote = useRemote(() => call('session.listCommunities', {}), [])
  return (
    <View>
      <Text className="join__step">第 1 步，共 2 步</Text>
      <Text className="join__question">您住在哪个社区？</Text>
      <LoadState state={remote.state} onRetry={remote.reload}>
        {(data) => (
          <View className="join__list">
            {data.communities.map((c: CommunitySummary) => (
              <View key={c.id} className={`join__option${c.id === current ? ' join__option--on' : ''}`} onClick={() => onPick(c.id)}>
                <Text className="join__option-name">{c.name}</Text>
                {c.address && <Text className="join__option-hint">{c.address}</Text>}
              </View>
            ))}
          </View>
        )}
      </LoadState>
    </View>
  )
}

interface BuildingStepProps {
  communityId: string
  onPick: (b: BuildingView | null, unit: string | undefined, communityName: string) => void
  onChangeCommunity: () => void
}

function BuildingStep({ communityId, onPick, onChangeCommunity }: BuildingStepProps) {
  const remote = useRemote(() => call('session.listCommunities', { communityId }), [communityId])
  const [picked, setPicked] = useState<BuildingView | null>(null)
  return (
    <LoadState state={remote.state} onRetry={remote.reload}>
      {(data) => {
        const community = data.communities.find((c) => c.id === communityId)
        const name = community?.name ?? ''
        return (
          <View>
            <Text className="join__step">第 2 步，共 2 步</Text>
            <View className="join__community">
              <Text className="join__community-name">{community?.name ?? '所选社区'}</Text>
              <Text className="join__link" onClick={onChangeCommunity}>
                换社区
              </Text>
            </View>
            <Text className="join__question">{picked ? `${picked.name}，哪个单元？` : '您住哪栋楼？'}</Text>
            {!picked && (
              <View className="join__grid">
                {data.buildings.map((b) => (
                  <View key={b.id} className="join__cell" onClick={() => (b.units.length > 0 ? setPicked(b) : onPick(b, undefined, name))}>
                    <Text>{b.name}</Text>
                  </View>
                ))}
              </View>
            )}
            {picked && (
              <View className="join__grid">
                {picked.units.map((u) => (
                  <View key={u} className="join__cell" onClick={() => onPick(picked, u, name)}>
                    <Text>{unitLabel(u)}</Text>
                  </View>
                ))}
              </View>
            )}
            <View className="join__buttons">
              {picked ? (
                <Button block fill="outline" size="large" onClick={() => setPicked(null)}>
                  重新选楼栋
                </Button>
              ) : (
                <Button block fill="none" size="large" onClick={() => onPick(null, undefined, name)}>
                  先不选楼栋
                </Button>
              )}
            </View>
          </View>
        )
      }}
    </LoadState>
  )
}

interface ConfirmProps {
  communityId: string
  communityName: string
  building: BuildingView | null
  unit?: string
  name: string
  onName: (name: string) => void
  onBack: () => void
}

function ConfirmStep({ communityId, communityName, building, unit, name, onName, onBack }: ConfirmProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // Optional: the number a help request's call back uses when the form leaves it empty (issue 14).
  const [phone, setPhone] = useState('')
  const phoneBad = phone.trim() !== '' && !phonePattern.test(phone.trim())
  const save = async () => {
    if (phoneBad) return setError(`手机号应为 ${phoneLength} 位数字，也可以不填`)
    setBusy(true)
    setError(null)
    const res = await call('session.bindCommunity', {
      communityId,
      ...(building ? { buildingId: building.id } : {}),
      ...(building && unit ? { unit } : {}),
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
    })
    setBusy(false)
    if (!res.ok) return setError(res.error.message)
    rememberSession(res.data)
    void Taro.showToast({ title: '已加入社区', icon: 'success' })
    goHome()
  }
  return (
    <View>
      <Text className="join__question join__question--first">确认一下</Text>
      <Section title="我的住址">
        <Text className="join__address">{communityName}</Text>
        <Text className="join__address">{building ? `${building.name}${unit ? ` ${unitLabel(unit)}` : ''}` : '暂未选择楼栋'}</Text>
        <Text className="join__link" onClick={onBack}>
          修改
        </Text>
      </Section>
      <Section title="怎么称呼您" hint="可以不填，例如：李阿姨、王先生">
        <Input className="form-page__input" value={name} onChange={onName} placeholder="您的称呼" maxLength={textLimits.personName.max} />
      </Section>
      <Section title="手机号" hint="可以不填。求助时您允许回电，民警就打这个号码；不会给其他居民。">
        <Input className="form-page__input" type="number" value={phone} onChange={setPhone} placeholder="11 位手机号（可不填）" maxLength={phoneLength} />
      </Section>
      {error && <Text className="join__error">{error}</Text>}
      <View className="join__buttons">
        <Button block type="primary" size="large" loading={busy} onClick={save}>
          {error ? '重试' : '完成'}
        </Button>
      </View>
    </View>
  )
}
