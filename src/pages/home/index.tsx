import { startTransition, useEffect, useState } from 'react'
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import BottomSheet from '@/components/BottomSheet'
import { call } from '@/services/call'
import { consentOutdated, openPlatformPrivacyGuide, versionInForce } from '@/services/privacy'
import { isH5 } from '@/services/platform'
import { signInAgain } from '@/services/signin'
import { isCaseHandler, isReady, isStaff, loadSession, staffTitle, type Session } from '@/session'
import { useRemote } from '@/hooks/useRemote'
import { useConsent } from '@/hooks/useConsent'
import { navigate } from '@/navigation'
import { pagePath } from '@/types/routes'
import LoadState from '@/components/LoadState'
import NoEmergencyService from '@/components/NoEmergencyService'
import { noticeCategoryLabels } from '@/types/enums'
import type { NoticeSummary } from '@/types/notice'
import type { Badge } from '@/types/notify'
import { formatDate, formatShortDate } from '@/lib/dates'
import { unitLabel } from '@/lib/address'
import SurveyEntry from './SurveyEntry'
import Workbenches from './Workbenches'
import NoticesLink from './NoticesLink'
import './index.scss'
import { elderClass } from '@/lib/elderMode'
import './elder.scss'
import { imageAlt } from '@/lib/imageAlt'

const entries = [
  { route: 'report', mark: '报', title: '上报问题', hint: '楼道堆物、消防通道、电动车充电', tone: 'report' },
  { route: 'help', mark: '助', title: '我要求助', hint: '独居老人、维修、法律咨询', tone: 'help' },
  { route: 'mediation', mark: '调', title: '申请调解', hint: '邻里、家庭、物业、车位纠纷', tone: 'mediation' },
] as const

export default function Home() {
  const session = useRemote(() => loadSession(), [])
  const [badge, setBadge] = useState<Badge | null>(null)
  const [notices, setNotices] = useState<NoticeSummary[] | null>(null)
  const [openNotice, setOpenNotice] = useState<NoticeSummary | null>(null)
  const [noticeBody, setNoticeBody] = useState<string | null>(null)
  // What lies below the entries (my officer, notices, the footer) is committed in a second, lower-priority
  // render: the first screen's commit and layout stay one short task on a slow phone.
  const [below, setBelow] = useState(false)
  const ready = session.state.status === 'ready'
  useEffect(() => {
    if (ready) startTransition(() => setBelow(true))
  }, [ready])

  const showNotice = (notice: NoticeSummary) => {
    setOpenNotice(notice)
    setNoticeBody(null)
    // The summary shows at once; the full text (and the read count) follow when they arrive.
    void call('notices.get', { noticeId: notice.id }).then((res) => res.ok && setNoticeBody(res.data.body))
  }

  // A resident can pass the app on to neighbours: the card opens the join page with this community.
  useShareAppMessage(() => {
    const community = session.state.data?.community
    return community
      ? { title: `${community.name}的邻居，一起用枫桥家园`, path: pagePath('join', { communityId: community.id }) }
      : { title: '枫桥家园', path: pagePath('home') }
  })

  // Badge and notices are secondary: they load beside the session, fail quietly, and render as
  // transitions (in slices, after anything the resident does).
  useDidShow(() => {
    void call('notify.badge', {}).then((res) => res.ok && startTransition(() => setBadge(res.data)))
    void call('notices.latest', { limit: 3 }).then((res) => res.ok && startTransition(() => setNotices(res.data.items)))
  })

  return (
    <View className={`home${elderClass()}`}>
      <NoEmergencyService />
      <LoadState state={session.state} onRetry={session.reload}>
        {(me) => (
          <View>
            <Greeting me={me} />
            <View className="home__entries">
              {/* Staff come here mostly for their work: every workbench of their roles goes first, community joined or not. */}
              <Workbenches me={me} />
              <SurveyEntry me={me} />
              {isReady(me) && consentOutdated(me) ? (
                <ConsentAgain
                  version={versionInForce(me)}
                  onAgreed={() => void session.reload()}
                />
              ) : isReady(me) ? (
                entries.map((entry) => (
                  <View key={entry.route} className={`home__entry home__entry--${entry.tone}`} onClick={() => navigate(entry.route)}>
                    <View className="home__entry-mark">
                      <Text>{entry.mark}</Text>
                    </View>
                    <View className="home__entry-text">
                      <Text className="home__entry-title">{entry.title}</Text>
                      <Text className="home__entry-hint">{entry.hint}</Text>
                    </View>
                    <Text className="home__chevron">›</Text>
                  </View>
                ))
              ) : isStaff(me) ? (
                // Staff work without living here: joining is only an offer, for those who live in the area.
                <Text className="home__join-offer" onClick={() => navigate('join')}>
                  住在辖区？加入社区后也可以上报问题、求助 ›
                </Text>
              ) : (
                // Staff work without living here: only residents are asked to choose their community.
                <View className="home__join">
                  <Text className="home__join-title">先选择您住的社区</Text>
                  <Text className="home__join-text">选好后，您的问题会直接送到负责您楼栋的社区民警。</Text>
                  <Button type="primary" size="large" block onClick={() => navigate('join')}>
                    选择我的社区
                  </Button>
                </View>
              )}
            </View>

            <View className="home__mine" onClick={() => navigate('myCases')}>
              <Text className="home__mine-title">我的事项</Text>
              {badge && badge.myCasesWithNews > 0 && <Text className="home__mine-badge">{badge.myCasesWithNews} 条新进展</Text>}
              <Text className="home__chevron">›</Text>
            </View>
            {/* Every notification lands here, also when a subscribe message could not be sent. */}
            <View className="home__mine home__mine--messages" onClick={() => navigate('notifications')}>
              {/* Every notification; opening 消息 reads them all (the workbench counts cases with news, not messages). */}
              <Text className="home__mine-title">消息</Text>
              {badge && badge.unreadNotifications > 0 && <Text className="home__mine-badge">{badge.unreadNotifications} 条未读</Text>}
              <Text className="home__chevron">›</Text>
            </View>
            {/* PIPL: what the app holds about me, its export, and deleting my account. */}
            {me.registered && (
              <View className="home__mine" onClick={() => navigate('myData')}>
                <Text className="home__mine-title">我的信息</Text>
                <Text className="home__chevron">›</Text>
              </View>
            )}

            {/* The card is the resident's line to their officer; an officer would only see himself on it. */}
            {below && me.officer && !isCaseHandler(me) && <OfficerCard officer={me.officer} />}

            {below && notices && notices.length > 0 && (
              <View className="home__notices">
                <Text className="home__block-title">社区通知</Text>
                {notices.map((notice) => (
                  <View key={notice.id} className="home__notice" onClick={() => showNotice(notice)}>
                    <Text className={`home__notice-tag home__notice-tag--${notice.category}`}>{noticeCategoryLabels[notice.category]}</Text>
                    <Text className="home__notice-title">{notice.title}</Text>
                    <Text className="home__notice-date">{formatShortDate(notice.publishedAt)}</Text>
                  </View>
                ))}
              </View>
            )}
            {below && <NoticesLink me={me} />}
            {below && <View className="home__footer">
              {!isStaff(me) && (
                <Text className="home__footer-link" onClick={() => navigate('staffRedeem')}>
                  工作人员入口
                </Text>
              )}
              {isH5 && (
                <Text className="home__footer-link" onClick={signInAgain}>
                  切换账号
                </Text>
              )}
            </View>}
          </View>
        )}
      </LoadState>

      <BottomSheet visible={openNotice !== null} title={openNotice?.title} onClose={() => setOpenNotice(null)}>
        {openNotice && (
          <View className="home__notice-body">
            <Text className="home__notice-date">
              {noticeCategoryLabels[openNotice.category]} · {formatDate(openNotice.publishedAt)}
            </Text>
            <Text className="home__notice-summary">{noticeBody ?? openNotice.summary}</Text>
          </View>
        )}
      </BottomSheet>
    </View>
  )
}

function Greeting({ me }: { me: Session }) {
  const title = staffTitle(me)
  const place = me.community
    ? [me.community.name, me.building?.name, me.unit ? unitLabel(me.unit) : null].filter(Boolean).join(' · ')
    : (title ?? '还没有选择社区')
  return (
    <View className="home__hello">
      <Text className="home__hello-name">{me.name ? `${me.name}，您好` : '您好'}</Text>
      {/* Staff who live elsewhere see their role, not a prompt to join a community. */}
      <View className="home__hello-place" onClick={me.community || !title ? () => navigate('join') : undefined}>
        <Text>{place}</Text>
        {me.community && <Text className="home__hello-change">更换</Text>}
      </View>
    </View>
  )
}

function OfficerCard({ officer }: { officer: NonNullable<Session['officer']> }) {
  return (
    <View className="home__officer">
      <Text className="home__block-title">{officer.isStationFallback ? '派出所值班' : '我的社区民警'}</Text>
      <View className="home__officer-row">
        {officer.photo?.url ? (
          <Image className="home__officer-photo" src={officer.photo.url} mode="aspectFill" {...imageAlt(`${officer.name}的照片`)} />
        ) : (
          <View className="home__officer-photo home__officer-photo--empty">
            <Text>{officer.name.slice(0, 1)}</Text>
          </View>
        )}
        <View className="home__officer-text">
          <Text className="home__officer-name">{officer.name}</Text>
          <Text className="home__officer-title">{officer.title}</Text>
          <Text className="home__officer-hours">值班时间：{officer.dutyHours}</Text>
        </View>
      </View>
      <Button type="primary" size="large" block onClick={() => void Taro.makePhoneCall({ phoneNumber: officer.phone })}>
        拨打 {officer.phone}
      </Button>
    </View>
  )
}

/** The guide changed since this person agreed: ask again before they submit anything new. */
function ConsentAgain({ version, onAgreed }: { version: string; onAgreed: () => void }) {
  const { busy, error, agree, buttonProps } = useConsent(version, onAgreed)
  return (
    <View className="home__join">
      <Text className="home__join-title">隐私保护指引已更新</Text>
      <Text className="home__join-text">请您先看一下更新后的《隐私保护指引》，同意后继续使用。</Text>
      <Text className="home__consent-link" onClick={() => openPlatformPrivacyGuide() || navigate('privacy')}>
        查看《隐私保护指引》
      </Text>
      {error && <Text className="home__consent-error">{error}</Text>}
      <Button {...buttonProps} type="primary" size="large" block loading={busy} onClick={agree}>
        同意并继续
      </Button>
    </View>
  )
}
