import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { navigate } from '@/navigation'
import { useRemote } from '@/hooks/useRemote'
import LoadState from '@/components/LoadState'
import Section from '@/components/Section'
import { formatDate, formatDateTime } from '@/lib/dates'
import { visitMethodLabels } from '@/types/rosterLimits'
import type { HouseholdRecord, VisitView } from '@/types/roster'
import { dueText } from '../components/HouseholdRow'
import { elderClass } from '@/lib/elderMode'
import '../components/HouseholdRow.scss'
import './index.scss'

/** A household's record: who lives there, tags, notes, the contact (full number on request, audited) and visits. */
export default function HouseholdPage() {
  const id = useRouter().params.id ?? ''
  const record = useRemote(() => call('roster.get', { householdId: id }), [id], { reloadOnShow: true })
  return (
    <View className={`household${elderClass()}`}>
      <LoadState state={record.state} onRetry={record.reload}>
        {(h) => <Record h={h} />}
      </LoadState>
    </View>
  )
}

function Record({ h }: { h: HouseholdRecord }) {
  const due = dueText(h)
  return (
    <View>
      <View className="household__head">
        <Text className="household__place">{`${h.communityName} ${h.buildingName} ${h.unit} ${h.room}`}</Text>
        <Text className="household__name">{h.callName ? `${h.callName}（${h.headName}）` : h.headName}</Text>
        <View className="hh-row__tags">
          {h.tags.map((t) => (
            <Text key={t} className={`hh-row__tag${t === '独居' || t === '重点关注' ? ' hh-row__tag--strong' : ''}`}>{t}</Text>
          ))}
          {h.pairedOfficerName && <Text className="hh-row__paired">{`结对帮扶 · ${h.pairedOfficerName}`}</Text>}
        </View>
        <Text className="household__meta">{`${h.members} 人 · ${h.gridName}`}</Text>
        <Text className="household__edit" onClick={() => navigate('gridHouseholdEdit', { id: h.id })}>修改住户信息 ›</Text>
      </View>

      <Contact id={h.id} masked={h.phoneMasked} />

      {h.note && (
        <Section title="备注">
          <Text className="household__text">{h.note}</Text>
        </Section>
      )}

      <Section title="走访">
        <Text className={`household__due${h.overdueDays !== null ? ' household__due--late' : ''}`}>{due ?? '暂无走访周期'}</Text>
        <Text className="household__meta">
          {[h.visitIntervalDays ? `每 ${h.visitIntervalDays} 天走访一次` : null, h.lastVisitAt ? `上次 ${formatDate(h.lastVisitAt)}` : '还没有走访记录'].filter(Boolean).join(' · ')}
        </Text>
        <View className="household__action">
          <Button block type="primary" size="large" onClick={() => navigate('gridVisit', { householdId: h.id })}>
            记录走访
          </Button>
        </View>
      </Section>

      {h.recentVisits.length > 0 && (
        <Section title="最近走访">
          {h.recentVisits.map((v) => <Visit key={v.id} v={v} />)}
        </Section>
      )}
    </View>
  )
}

/** Masked until asked; the full number is fetched (and recorded for the audit) on tap. */
function Contact({ id, masked }: { id: string; masked: string | null }) {
  const [phone, setPhone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const reveal = async () => {
    setBusy(true)
    setError(null)
    const res = await call('roster.revealContact', { householdId: id })
    setBusy(false)
    if (!res.ok) return setError(res.error.message)
    setPhone(res.data.phone)
  }
  if (!masked) return null
  return (
    <Section title="联系电话" hint="查看完整电话会记录在派出所的审计日志中。">
      <View className="household__phone-row">
        <Text className="household__phone">{phone ?? masked}</Text>
        {phone ? (
          <Text className="household__call" onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>拨打</Text>
        ) : (
          <Button size="small" fill="outline" type="primary" loading={busy} onClick={reveal}>
            查看完整电话
          </Button>
        )}
      </View>
      {error && <Text className="household__error">{error}</Text>}
    </Section>
  )
}

function Visit({ v }: { v: VisitView }) {
  return (
    <View className="household__visit">
      <Text className="household__visit-when">{`${formatDateTime(v.at)} · ${visitMethodLabels[v.method]} · ${v.visitors}`}</Text>
      <Text className="household__text">{v.found}</Text>
      {v.helpNeeded && <Text className="household__help">{`需要帮助：${v.helpNeeded}`}</Text>}
      {v.caseId && (
        <Text className="household__case" onClick={() => navigate('staffCase', { id: v.caseId! })}>已发起求助 · 查看案件 ›</Text>
      )}
    </View>
  )
}
