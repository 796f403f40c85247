import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Image, Picker } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import LoadState from '@/components/LoadState'
import { roleLabels, staffRoles, type StaffRole } from '@/types/enums'
import type { OrganisationOutput } from '@/types/station'
import { formatDate } from '@/lib/dates'
import { elderClass } from '@/lib/elderMode'
import '../styles/desk.scss'
import { imageAlt } from '@/lib/imageAlt'

const inviteStatus = { active: '待使用', used: '已使用', revoked: '已作废', expired: '已过期' } as const

/** Communities, grids and their buildings, staff and roles, invites (station admin). */
export default function DeskOrganisation() {
  const org = useRemote(() => call('station.organisation', {}), [])
  return (
    <View className={`desk${elderClass()}`}>
      <LoadState state={org.state} onRetry={org.reload}>
        {(o) => (
          <View className="desk__grid">
            <InviteForm o={o} onIssued={() => void org.reload()} />
            <Staff o={o} onChanged={() => void org.reload()} />
            <Grids o={o} onChanged={() => void org.reload()} />
            <Invites o={o} onChanged={() => void org.reload()} />
          </View>
        )}
      </LoadState>
    </View>
  )
}

function InviteForm({ o, onIssued }: { o: OrganisationOutput; onIssued: () => void }) {
  const grids = o.communities.flatMap((c) => c.grids.map((g) => ({ id: g.id, label: `${c.name} · ${g.name}`, vacant: g.officerId === null })))
  const [role, setRole] = useState<StaffRole>('officer')
  // A grid without an officer first: that is what a new officer is usually invited for.
  const [gridIndex, setGridIndex] = useState(() => Math.max(0, grids.findIndex((g) => g.vacant)))
  const [name, setName] = useState('')
  const [title, setTitle] = useState('')
  const [dutyHours, setDutyHours] = useState('')
  const [phone, setPhone] = useState('')
  const [validDays, setValidDays] = useState('7')
  const [busy, setBusy] = useState(false)
  const [issued, setIssued] = useState<{ code: string; expiresAt: string; qr?: { url: string } | null } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const roleOptions = staffRoles.map((r) => roleLabels[r])

  const issue = async () => {
    setBusy(true)
    setError(null)
    const res = await call('session.issueInvite', {
      role, name, validDays: Number(validDays) || 7,
      ...(role === 'officer' && grids[gridIndex] ? { gridId: grids[gridIndex]!.id } : {}),
      ...(title ? { title } : {}), ...(dutyHours ? { dutyHours } : {}), ...(phone ? { phone } : {}),
    })
    setBusy(false)
    if (!res.ok) return setError(res.error.message)
    setIssued(res.data)
    onIssued()
  }

  return (
    <View className="desk__card">
      <Text className="desk__title">签发邀请码</Text>
      <Picker mode="selector" range={roleOptions} value={staffRoles.indexOf(role)} onChange={(e) => setRole(staffRoles[Number(e.detail.value)]!)}>
        <Text className="desk__chip desk__chip--on">角色：{roleLabels[role]}</Text>
      </Picker>
      {role === 'officer' && (
        <Picker mode="selector" range={grids.map((g) => g.label)} value={gridIndex} onChange={(e) => setGridIndex(Number(e.detail.value))}>
          <Text className="desk__chip">负责网格：{grids[gridIndex]?.label ?? '—'}</Text>
        </Picker>
      )}
      <Input className="desk__input" value={name} onChange={setName} placeholder="姓名（居民看到的称呼）" maxLength={20} />
      <Input className="desk__input" value={title} onChange={setTitle} placeholder="职务（可不填，如：社区民警）" maxLength={20} />
      <Input className="desk__input" value={dutyHours} onChange={setDutyHours} placeholder="值班时间（可不填）" maxLength={40} />
      <Input className="desk__input" value={phone} onChange={setPhone} placeholder="值班电话（可不填）" maxLength={20} />
      <Input className="desk__input" value={validDays} onChange={setValidDays} placeholder="有效天数（1–30）" type="number" maxLength={2} />
      {error && <Text className="desk__late">{error}</Text>}
      <Button type="primary" block loading={busy} disabled={name.trim().length < 2} onClick={() => void issue()}>签发</Button>
      {issued && (
        <View className="desk__progress">
          <Text className="desk__code">{issued.code}</Text>
          {issued.qr && <Image className="desk__qr" src={issued.qr.url} mode="aspectFit" showMenuByLongpress {...imageAlt('邀请小程序码，扫码打开领取页')} />}
          <Text className="desk__hint">请对方用微信扫码或在“输入邀请码”页填写；{formatDate(issued.expiresAt)}前有效。</Text>
          <Text className="desk__link" onClick={() => void Taro.setClipboardData({ data: issued.code })}>复制邀请码</Text>
        </View>
      )}
    </View>
  )
}

function Staff({ o, onChanged }: { o: OrganisationOutput; onChanged: () => void }) {
  const remove = async (userId: string, name: string, role: StaffRole) => {
    const ok = await Taro.showModal({ title: '撤销角色', content: `确定撤销 ${name} 的“${roleLabels[role]}”角色？此操作将记入审计日志。` })
    if (!ok.confirm) return
    const res = await call('station.removeRole', { userId, role })
    if (!res.ok) return void Taro.showModal({ title: '未能撤销', content: res.error.message, showCancel: false })
    onChanged()
  }
  return (
    <View className="desk__card">
      <Text className="desk__title">工作人员（{o.staff.length} 人）</Text>
      {o.staff.map((s) => (
        <View key={s.id} className="desk__row">
          <View className="desk__row-main">
            <Text>{s.name} · {s.title}</Text>
            {s.gridNames.length > 0 && <Text className="desk__hint">负责：{s.gridNames.join('、')}</Text>}
          </View>
          <View>
            {s.roles.map((r) => (
              <Text key={r} className="desk__chip" onClick={() => void remove(s.id, s.name, r)}>{roleLabels[r]} ✕</Text>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}

function Grids({ o, onChanged }: { o: OrganisationOutput; onChanged: () => void }) {
  const officers = o.staff.filter((s) => s.roles.includes('officer'))
  const move = async (gridId: string, index: number) => {
    const officer = officers[index]
    if (!officer) return
    const res = await call('station.moveGrid', { gridId, officerId: officer.id })
    if (!res.ok) return void Taro.showModal({ title: '未能移交', content: res.error.message, showCancel: false })
    void Taro.showToast({ title: `已移交，${res.data.movedCases} 件随之转交`, icon: 'none' })
    onChanged()
  }
  return (
    <View className="desk__card">
      <Text className="desk__title">社区与网格</Text>
      {o.communities.map((c) => (
        <View key={c.id}>
          <Text className="desk__subtitle">{c.name}</Text>
          {c.grids.map((g) => (
            <View key={g.id} className="desk__row">
              <View className="desk__row-main">
                <Text>{g.name} · {g.officerName ?? '暂无民警（派出所兜底）'}</Text>
                <Text className="desk__hint">{g.buildings.map((b) => b.name).join('、') || '暂无楼栋'}</Text>
              </View>
              <Picker mode="selector" range={officers.map((s) => s.name)} onChange={(e) => void move(g.id, Number(e.detail.value))}>
                <Text className="desk__link">移交 ›</Text>
              </Picker>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}

function Invites({ o, onChanged }: { o: OrganisationOutput; onChanged: () => void }) {
  const revoke = async (code: string) => {
    const res = await call('station.revokeInvite', { code })
    if (!res.ok) return void Taro.showModal({ title: '未能作废', content: res.error.message, showCancel: false })
    onChanged()
  }
  return (
    <View className="desk__card">
      <Text className="desk__title">邀请码</Text>
      {o.invites.length === 0 && <Text className="desk__note">还没有签发邀请码</Text>}
      {o.invites.map((i) => (
        <View key={i.code} className="desk__row">
          <View className="desk__row-main">
            <Text>{i.code} · {roleLabels[i.role]} {i.name}{i.gridName ? `（${i.gridName}）` : ''}</Text>
            <Text className="desk__hint">{inviteStatus[i.status]} · {formatDate(i.expiresAt)}前有效</Text>
          </View>
          {i.status === 'active' && <Text className="desk__link" onClick={() => void revoke(i.code)}>作废</Text>}
        </View>
      ))}
    </View>
  )
}
