import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import LoadState from '@/components/LoadState'
import Section from '@/components/Section'
import { formatDateTime } from '@/lib/dates'
import { presetHouseholdTags, rosterTextLimits } from '@/types/rosterLimits'
import { useSession } from '../components/useRoles'
import { elderClass } from '@/lib/elderMode'
import '../../styles/form.scss'
import './index.scss'

interface RuleRow {
  tag: string
  days: string
}

/** The station's next-visit rules per tag (the admin edits; officers and grid workers read them). */
export default function RulesPage() {
  const remote = useRemote(() => call('roster.visitRules', {}), [])
  const isAdmin = useSession()?.roles.includes('admin') ?? false
  const [rows, setRows] = useState<RuleRow[]>([])
  const [paired, setPaired] = useState('7')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const loaded = remote.state.data

  useEffect(() => {
    if (!loaded) return
    setRows(loaded.rules.map((r) => ({ tag: r.tag, days: String(r.days) })))
    setPaired(String(loaded.pairedDays))
  }, [loaded])

  const update = (i: number, patch: Partial<RuleRow>) => setRows((prev) => prev.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const missingPresets = presetHouseholdTags.filter((t) => !rows.some((r) => r.tag === t))

  const save = async () => {
    setBusy(true)
    setError(null)
    const res = await call('roster.setVisitRules', {
      rules: rows.filter((r) => r.tag.trim()).map((r) => ({ tag: r.tag.trim(), days: Number(r.days) })),
      pairedDays: Number(paired),
    })
    setBusy(false)
    if (!res.ok) return setError(res.error.message)
    void Taro.showToast({ title: '已保存', icon: 'success' })
    void remote.reload()
  }

  return (
    <View className={`form-page rules${elderClass()}`}>
      <LoadState state={remote.state} onRetry={remote.reload}>
        {(view) => (
          <View>
            <Section title="按标签设置走访周期" hint="住户有多个标签时按最短的周期；新规则从每户下一次走访起生效。">
              {rows.map((r, i) => (
                <View key={i} className="rules__row">
                  <Input className="form-page__input rules__tag" value={r.tag} disabled={!isAdmin} onChange={(tag) => update(i, { tag })} maxLength={rosterTextLimits.tag.max} placeholder="标签" />
                  <Text className="rules__every">每</Text>
                  <Input className="form-page__input rules__days" type="number" value={r.days} disabled={!isAdmin} onChange={(days) => update(i, { days })} maxLength={3} />
                  <Text className="rules__every">天</Text>
                  {isAdmin && <Text className="rules__remove" onClick={() => setRows((prev) => prev.filter((_, j) => j !== i))}>删除</Text>}
                </View>
              ))}
              {isAdmin && (
                <View className="rules__add">
                  {missingPresets.map((t) => (
                    <Text key={t} className="rules__chip" onClick={() => setRows((prev) => [...prev, { tag: t, days: '30' }])}>{`+ ${t}`}</Text>
                  ))}
                  <Text className="rules__chip" onClick={() => setRows((prev) => [...prev, { tag: '', days: '30' }])}>+ 其他标签</Text>
                </View>
              )}
            </Section>
            <Section title="结对帮扶户" hint="每名社区民警结对帮扶的住户。">
              <View className="rules__row">
                <Text className="rules__every">每</Text>
                <Input className="form-page__input rules__days" type="number" value={paired} disabled={!isAdmin} onChange={setPaired} maxLength={3} />
                <Text className="rules__every">天走访一次</Text>
              </View>
            </Section>
            {view.updatedAt && <Text className="rules__updated">{`${view.updatedByName ?? ''} 于 ${formatDateTime(view.updatedAt)} 修改`}</Text>}
            {isAdmin ? (
              <View className="form-page__actions">
                {error && <Text className="form-page__error">{error}</Text>}
                <Button block type="primary" size="large" loading={busy} onClick={save}>保存规则</Button>
              </View>
            ) : (
              <Text className="rules__updated">走访规则由派出所管理员设置。</Text>
            )}
          </View>
        )}
      </LoadState>
    </View>
  )
}
