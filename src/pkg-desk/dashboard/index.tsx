import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call, openExport } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import { navigate } from '@/navigation'
import LoadState from '@/components/LoadState'
import FqChart from '@/components/chart'
import {
  caseKindLabels, helpTypeLabels, mediationTierLabels, mediationTypeLabels, reportCategoryLabels,
  type CaseKind, type HelpType, type MediationType, type ReportCategory,
} from '@/types/enums'
import type { DashboardOutput, DurationStats, ExportKind, RateOf } from '@/types/station'
import { beijing, formatDate } from '@/lib/dates'
import { elderClass } from '@/lib/elderMode'
import '../styles/desk.scss'

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`
}

function categoryLabel(kind: CaseKind, category: string): string {
  if (kind === 'report') return reportCategoryLabels[category as ReportCategory] ?? category
  if (kind === 'help') return helpTypeLabels[category as HelpType] ?? category
  return mediationTypeLabels[category as MediationType] ?? category
}

function duration(d: DurationStats, unit: string): string {
  return d.median === null ? '—' : `${d.median} / ${d.p90} ${unit}`
}

/** A month in Beijing time, from its first midnight to the next month's. */
function monthRange(offset: number) {
  const start = beijing(Date.now()).startOf('month').add(offset, 'month')
  return { from: start.toISOString(), to: start.add(1, 'month').toISOString(), label: start.format('YYYY年M月') }
}

export default function DeskDashboard() {
  // Last month by default: the month the station reports on.
  const [offset, setOffset] = useState(-1)
  const [communityId, setCommunityId] = useState<string | null>(null)
  const month = monthRange(offset)
  const org = useRemote(() => call('station.organisation', {}), [])
  const isAdmin = org.state.status === 'ready'
  const board = useRemote(
    () => call('station.dashboard', { from: month.from, to: month.to, ...(communityId ? { communityId } : {}) }),
    [month.from, communityId],
  )

  return (
    <View className={`desk${elderClass()}`}>
      <View className="desk__bar">
        <View className="desk__months">
          <Text className="desk__arrow" onClick={() => setOffset(offset - 1)}>‹</Text>
          <Text className="desk__month">{month.label}</Text>
          <Text className={`desk__arrow ${offset >= 0 ? 'desk__arrow--off' : ''}`} onClick={() => offset < 0 && setOffset(offset + 1)}>›</Text>
          <Text className="desk__chip" onClick={() => setOffset(-1)}>上月</Text>
          <Text className="desk__chip" onClick={() => setOffset(0)}>本月</Text>
        </View>
        {isAdmin && (
          <View className="desk__filters">
            <Text className={`desk__chip ${communityId === null ? 'desk__chip--on' : ''}`} onClick={() => setCommunityId(null)}>全所</Text>
            {org.state.data?.communities.map((c) => (
              <Text key={c.id} className={`desk__chip ${communityId === c.id ? 'desk__chip--on' : ''}`} onClick={() => setCommunityId(c.id)}>{c.name}</Text>
            ))}
          </View>
        )}
        {isAdmin && (
          <View className="desk__links">
            <Text className="desk__link" onClick={() => navigate('deskOrganisation')}>组织与人员 ›</Text>
            <Text className="desk__link" onClick={() => navigate('deskAudit')}>审计日志 ›</Text>
          </View>
        )}
      </View>
      <LoadState state={board.state} onRetry={board.reload}>
        {(d) => <Board d={d} />}
      </LoadState>
      <Exports from={month.from} to={month.to} communityId={communityId} isAdmin={isAdmin} />
    </View>
  )
}

function Rate({ label, r }: { label: string; r: RateOf }) {
  return (
    <View className="desk__figure">
      <Text className="desk__figure-value">{percent(r.rate)}</Text>
      <Text className="desk__figure-label">{label}</Text>
      <Text className="desk__figure-note">{r.numerator}/{r.denominator}</Text>
    </View>
  )
}

function Board({ d }: { d: DashboardOutput }) {
  const { cases, mediations, ratings } = d.sections
  const top = cases.byCategory.slice(0, 8)
  return (
    <View className="desk__grid">
      <View className="desk__card">
        <Text className="desk__title">案件 {cases.total} 件{d.scope.ownGridsOnly ? '（本人负责网格）' : ''}</Text>
        <Text className="desk__note">{cases.byKind.map((k) => `${caseKindLabels[k.kind]} ${k.count}`).join(' · ')}</Text>
        <View className="desk__figures">
          <Rate label="响应率" r={cases.responseRate} />
          <Rate label="解决率" r={cases.resolutionRate} />
          <Rate label="满意率" r={cases.satisfactionRate} />
        </View>
        <Text className="desk__note">
          受理用时（中位数 / 90%）：{duration(cases.acceptMinutes, '分钟')}；办结用时：{duration(cases.resolveHours, '小时')}
        </Text>
        <Text className="desk__hint">
          响应率：在时限内（紧急求助 {d.serviceLevels.urgentAcceptMinutes} 分钟，其他 {d.serviceLevels.normalAcceptHours} 小时）受理的比例；解决率：办结案件中已解决的比例；满意率：评价中“满意”（4–5 分）的比例。
        </Text>
      </View>

      <View className="desk__card">
        <Text className="desk__title">按类别</Text>
        {top.length > 0 ? (
          <FqChart type="bar" horizontal labels={top.map((c) => categoryLabel(c.kind, c.category))} series={[{ name: '件数', values: top.map((c) => c.count) }]} unit="件"
            summary={top.map((c) => `${categoryLabel(c.kind, c.category)} ${c.count} 件`).join('，')} height={Math.max(160, top.length * 34)} />
        ) : <Text className="desk__note">本期没有案件</Text>}
        {cases.byCommunity.length > 0 && (
          <View className="desk__table">
            {cases.byCommunity.map((c) => (
              <View key={c.communityId} className="desk__row"><Text>{c.communityName}</Text><Text>{c.count} 件</Text></View>
            ))}
          </View>
        )}
      </View>

      <View className="desk__card">
        <Text className="desk__title">矛盾纠纷调解</Text>
        <View className="desk__figures">
          <View className="desk__figure"><Text className="desk__figure-value">{mediations.overall.closed}</Text><Text className="desk__figure-label">调结（件）</Text></View>
          <View className="desk__figure"><Text className="desk__figure-value">{percent(mediations.overall.successRate)}</Text><Text className="desk__figure-label">调解成功率</Text></View>
          <View className="desk__figure"><Text className="desk__figure-value">{mediations.overall.medianDaysToClose ?? '—'}</Text><Text className="desk__figure-label">用时中位数（天）</Text></View>
        </View>
        <View className="desk__table">
          {mediations.byTier.map((t) => (
            <View key={t.tier} className="desk__row">
              <Text>{mediationTierLabels[t.tier]}</Text>
              <Text>{t.closed} 件 · 成功率 {percent(t.successRate)} · {t.medianDaysToClose ?? '—'} 天</Text>
            </View>
          ))}
        </View>
        <Text className="desk__subtitle">临近一个月期限（{mediations.nearLimit.length} 件）</Text>
        {mediations.nearLimit.length === 0 && <Text className="desk__note">没有临近期限的调解</Text>}
        {mediations.nearLimit.map((m) => (
          <View key={m.caseId} className="desk__row desk__row--link" onClick={() => navigate('mediationCase', { id: m.caseId })}>
            <Text className="desk__row-main">{m.title}（{m.communityName}）</Text>
            <Text className={m.daysLeft < 0 ? 'desk__late' : 'desk__due'}>{m.daysLeft < 0 ? `已超期 ${-m.daysLeft} 天` : `剩 ${m.daysLeft} 天`}</Text>
          </View>
        ))}
      </View>

      <View className="desk__card">
        <Text className="desk__title">群众评价</Text>
        <View className="desk__figures">
          <View className="desk__figure"><Text className="desk__figure-value">{ratings.satisfaction.average ?? '—'}</Text><Text className="desk__figure-label">满意度（5 分制）</Text></View>
          <View className="desk__figure"><Text className="desk__figure-value">{ratings.safety.average ?? '—'}</Text><Text className="desk__figure-label">安全感（5 分制）</Text></View>
          <View className="desk__figure"><Text className="desk__figure-value">{percent(ratings.unratedShare)}</Text><Text className="desk__figure-label">未评价</Text></View>
        </View>
        <FqChart type="bar" labels={['1分', '2分', '3分', '4分', '5分']} unit="件"
          series={[{ name: '满意度', values: ratings.satisfaction.distribution }, { name: '安全感', values: ratings.safety.distribution }]}
          summary={`满意度平均 ${ratings.satisfaction.average ?? '无'} 分，安全感平均 ${ratings.safety.average ?? '无'} 分，共 ${ratings.rated} 条评价`} />
        <Text className="desk__note">可评价 {ratings.rateable} 件，已评价 {ratings.rated} 件</Text>
      </View>

      <SurveysCard s={d.sections.surveys} />
      <VisitsCard v={d.sections.visits} />
      <PatrolsCard p={d.sections.patrols} />
    </View>
  )
}

/** "2026-11" → "11月" (with the year when the trend crosses one). */
function monthLabel(month: string, withYear: boolean): string {
  const m = `${Number(month.slice(5, 7))}月`
  return withYear ? `${month.slice(2, 4)}年${m}` : m
}

function SurveysCard({ s }: { s: DashboardOutput['sections']['surveys'] }) {
  const years = new Set(s.trend.map((t) => t.month.slice(0, 4))).size > 1
  const labels = s.trend.map((t) => monthLabel(t.month, years))
  return (
    <View className="desk__card">
      <Text className="desk__title">月度问卷</Text>
      <View className="desk__figures">
        <Rate label="答卷率" r={s.answerRate} />
        <View className="desk__figure"><Text className="desk__figure-value">{s.answers}</Text><Text className="desk__figure-label">答卷（份）</Text></View>
        <View className="desk__figure"><Text className="desk__figure-value">{s.members}</Text><Text className="desk__figure-label">认证居民</Text></View>
      </View>
      {s.trend.length > 0 ? (
        <FqChart type="line" labels={labels} min={1} max={5} decimals={1}
          series={[{ name: '满意度', values: s.trend.map((t) => t.satisfaction) }, { name: '安全感', values: s.trend.map((t) => t.safety) }]}
          summary={s.trend.map((t) => `${monthLabel(t.month, years)}满意度 ${t.satisfaction ?? '无'}、安全感 ${t.safety ?? '无'}`).join('；')} />
      ) : <Text className="desk__note">本期没有发布的问卷</Text>}
      <View className="desk__table">
        {s.trend.map((t) => (
          <View key={t.month} className="desk__row">
            <Text className="desk__row-label">{monthLabel(t.month, years)}</Text>
            <Text>答卷 {t.answers} 份 · 答卷率 {percent(t.answerRate)} · 满意度 {t.satisfaction ?? '—'} · 安全感 {t.safety ?? '—'}</Text>
          </View>
        ))}
        {s.byCommunity.map((c) => (
          <View key={c.communityId} className="desk__row">
            <Text>{c.communityName}</Text>
            <Text>{c.answers}/{c.surveys * c.members} · {percent(c.answerRate.rate)}</Text>
          </View>
        ))}
      </View>
      <Text className="desk__hint">答卷率：本期问卷的答卷数 ÷ 各小区群内认证居民数（按问卷期数累计）；满意度、安全感为问卷评分的月平均（5 分制）。</Text>
    </View>
  )
}

function VisitsCard({ v }: { v: DashboardOutput['sections']['visits'] }) {
  const grids = v.byGrid
  return (
    <View className="desk__card">
      <Text className="desk__title">入户走访</Text>
      <View className="desk__figures">
        <View className="desk__figure"><Text className="desk__figure-value">{v.done}</Text><Text className="desk__figure-label">已走访（次）</Text></View>
        <View className="desk__figure"><Text className="desk__figure-value">{v.due}</Text><Text className="desk__figure-label">应走访（户次）</Text></View>
        <View className="desk__figure"><Text className="desk__figure-value">{v.due === 0 ? '—' : percent(v.dueMet / v.due)}</Text><Text className="desk__figure-label">按期完成</Text></View>
      </View>
      {grids.length > 0 && (
        <FqChart type="bar" horizontal labels={grids.map((g) => g.gridName)} unit="次"
          series={[{ name: '已走访', values: grids.map((g) => g.done) }, { name: '应走访', values: grids.map((g) => g.due) }]}
          summary={grids.map((g) => `${g.gridName}已走访 ${g.done} 次，应走访 ${g.due} 户次`).join('；')} height={Math.max(160, grids.length * 48)} />
      )}
      <View className="desk__table">
        {grids.map((g) => (
          <View key={g.gridId} className="desk__row"><Text className="desk__row-label">{g.gridName}</Text><Text>已走访 {g.done} · 应走访 {g.due}（按期 {g.dueMet}）</Text></View>
        ))}
      </View>
    </View>
  )
}

function PatrolsCard({ p }: { p: DashboardOutput['sections']['patrols'] }) {
  return (
    <View className="desk__card">
      <Text className="desk__title">志愿巡逻</Text>
      <View className="desk__figures">
        <View className="desk__figure"><Text className="desk__figure-value">{p.patrols}</Text><Text className="desk__figure-label">巡逻（次）</Text></View>
        <View className="desk__figure"><Text className="desk__figure-value">{p.findings}</Text><Text className="desk__figure-label">发现问题（件）</Text></View>
      </View>
      {p.byCommunity.length > 0 && (
        <FqChart type="bar" labels={p.byCommunity.map((c) => c.communityName)}
          series={[{ name: '巡逻', values: p.byCommunity.map((c) => c.patrols) }, { name: '发现问题', values: p.byCommunity.map((c) => c.findings) }]}
          summary={p.byCommunity.map((c) => `${c.communityName}巡逻 ${c.patrols} 次，发现问题 ${c.findings} 件`).join('；')} />
      )}
      <View className="desk__table">
        {p.byCommunity.map((c) => (
          <View key={c.communityId} className="desk__row"><Text>{c.communityName}</Text><Text>巡逻 {c.patrols} 次 · 发现问题 {c.findings} 件</Text></View>
        ))}
      </View>
    </View>
  )
}

type Job = { kind: ExportKind; rows: number; part: number; files: { name: string; url: string }[]; done: boolean; error?: string }

/** Exports for the same month and filter; a long one comes in parts, with progress. */
function Exports({ from, to, communityId, isAdmin }: { from: string; to: string; communityId: string | null; isAdmin: boolean }) {
  const [job, setJob] = useState<Job | null>(null)
  const [fullPhones, setFullPhones] = useState(false)
  const run = async (kind: Job['kind']) => {
    let cursor: string | undefined
    let part = 1
    let state: Job = { kind, rows: 0, part: 0, files: [], done: false }
    setJob(state)
    for (;;) {
      // Visits and survey answers carry no phone numbers.
      const phones = kind === 'cases' || kind === 'mediations' ? fullPhones : false
      const res = await call('station.export', { kind, from, to, part, fullPhones: phones, ...(communityId ? { communityId } : {}), ...(cursor ? { cursor } : {}) })
      if (!res.ok) return setJob({ ...state, done: true, error: res.error.message })
      state = { ...state, rows: state.rows + res.data.rows, part, files: [...state.files, { name: res.data.fileName, url: res.data.url }] }
      setJob(state)
      await openExport(res.data.url, res.data.fileName)
      if (!res.data.nextCursor) break
      cursor = res.data.nextCursor
      part++
    }
    setJob({ ...state, done: true })
    void Taro.showToast({ title: '导出完成', icon: 'success' })
  }
  return (
    <View className="desk__card desk__exports">
      <Text className="desk__title">导出（CSV，可用 Excel 打开）</Text>
      <View className="desk__actions">
        <Button type="primary" disabled={!!job && !job.done} onClick={() => void run('cases')}>导出案件明细</Button>
        <Button type="primary" disabled={!!job && !job.done} onClick={() => void run('mediations')}>导出调解台账</Button>
        <Button disabled={!!job && !job.done} onClick={() => void run('visits')}>导出走访记录</Button>
        <Button disabled={!!job && !job.done} onClick={() => void run('survey_answers')}>导出问卷答卷</Button>
      </View>
      {isAdmin && (
        <Text className={`desk__chip ${fullPhones ? 'desk__chip--on' : ''}`} onClick={() => setFullPhones(!fullPhones)}>
          {fullPhones ? '✓ 含完整电话（将记入审计日志）' : '电话隐藏中间四位'}
        </Text>
      )}
      {job && (
        <View className="desk__progress">
          <Text>{job.done ? (job.error ? `导出失败：${job.error}` : `已完成：共 ${job.rows} 行`) : `正在导出第 ${job.part + 1} 部分，已导出 ${job.rows} 行…`}</Text>
          {job.files.map((f) => (
            <Text key={f.url} className="desk__link" onClick={() => void openExport(f.url, f.name)}>{f.name}</Text>
          ))}
          <Text className="desk__hint">下载链接 1 小时内有效；每次导出都记入审计日志（{formatDate(Date.now())}）。</Text>
        </View>
      )}
    </View>
  )
}
