import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { call } from '@/services'
import { useRemote } from '@/hooks/useRemote'
import LoadState from '@/components/LoadState'
import { FilterTabs } from '@/components/PagedList'
import BottomSheet from '@/components/BottomSheet'
import FormTextArea from '@/components/FormTextArea'
import { textLimits } from '@/types/limits'
import { templatePlaceholders, type TemplatePlaceholder } from '@/types/templateText'
import type { ResponseTemplateView as Template } from '@/types/responseTemplates'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

/** The backend keeps at most this many per owner (backend/domain/responseTemplates.ts). */
const MAX_TEMPLATES = 50

const placeholderHelp: Record<TemplatePlaceholder, string> = {
  楼栋: '案件所在楼栋，如“5号楼”；没有楼栋时为“小区内”',
  小区: '案件所在小区，如“梦和园”',
  居民称呼: '上报人的姓名；匿名上报时为“居民”',
}

type Tab = 'mine' | 'station'
type Editing = { shared: boolean; template: Template | null }

/**
 * issue 11: 常用回复 — an officer's own replies (add, edit, delete) and the station's shared set
 * (the admin manages it; officers read it). Picked on the case page above a note or resolve box.
 */
export default function TemplatesPage() {
  const remote = useRemote(() => call('cases.templates', {}), [])
  const [tab, setTab] = useState<Tab>('mine')
  const [editing, setEditing] = useState<Editing | null>(null)

  const remove = async (t: Template) => {
    const ok = await Taro.showModal({ title: '删除常用回复', content: `确定删除“${t.title}”吗？`, confirmText: '删除' })
    if (!ok.confirm) return
    const res = await call('cases.removeTemplate', { id: t.id })
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none' })
    void Taro.showToast({ title: '已删除', icon: 'none' })
    remote.reload()
  }

  return (
    <View className={`templates${elderClass()}`}>
      <View className="templates__help">
        <Text className="templates__help-title">可以使用的占位符（选用回复时自动换成案件里的内容）</Text>
        {templatePlaceholders.map((p) => (
          <Text key={p} className="templates__help-line">{`{${p}}：${placeholderHelp[p]}`}</Text>
        ))}
      </View>
      <LoadState state={remote.state} onRetry={remote.reload}>
        {(data) => {
          const list = tab === 'mine' ? data.mine : data.station
          const canEdit = tab === 'mine' || data.canManageStation
          return (
            <View>
              <FilterTabs options={[{ value: 'mine', label: `我的（${data.mine.length}）` }, { value: 'station', label: `全所共用（${data.station.length}）` }]} value={tab} onChange={setTab} />
              {canEdit && (
                <View className="templates__add">
                  <Button type="primary" size="large" block disabled={list.length >= MAX_TEMPLATES} onClick={() => setEditing({ shared: tab === 'station', template: null })}>
                    {list.length >= MAX_TEMPLATES ? `最多 ${MAX_TEMPLATES} 条，请先删除不用的` : tab === 'station' ? '新增全所共用回复' : '新增我的回复'}
                  </Button>
                </View>
              )}
              {!canEdit && <Text className="templates__note">全所共用的回复由派出所管理员维护，您可以直接选用。</Text>}
              {list.length === 0 && <Text className="templates__note">{tab === 'mine' ? '还没有自己的常用回复。' : '还没有全所共用的回复。'}</Text>}
              {list.map((t) => (
                <View key={t.id} className="templates__row">
                  <Text className="templates__title">{t.title}</Text>
                  <Text className="templates__text">{t.text}</Text>
                  {canEdit && (
                    <View className="templates__actions">
                      <Text className="templates__action" onClick={() => setEditing({ shared: t.shared, template: t })}>编辑</Text>
                      <Text className="templates__action templates__action--danger" onClick={() => void remove(t)}>删除</Text>
                    </View>
                  )}
                </View>
              ))}
            </View>
          )
        }}
      </LoadState>
      <TemplateSheet editing={editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); remote.reload() }} />
    </View>
  )
}

function TemplateSheet({ editing, onClose, onDone }: { editing: Editing | null; onClose: () => void; onDone: () => void }) {
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    setTitle(editing?.template?.title ?? '')
    setText(editing?.template?.text ?? '')
  }, [editing])

  const blocker = !title.trim() ? '请填写标题' : !text.trim() ? '请填写回复内容' : null
  const save = async () => {
    if (!editing || blocker) return
    setBusy(true)
    const res = await call('cases.saveTemplate', {
      ...(editing.template ? { id: editing.template.id } : {}), title: title.trim(), text: text.trim(), shared: editing.shared,
    })
    setBusy(false)
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none' })
    void Taro.showToast({ title: '已保存', icon: 'none' })
    onDone()
  }

  return (
    <BottomSheet visible={editing !== null} title={editing?.template ? '编辑常用回复' : '新增常用回复'} onClose={onClose}>
      <View className="templates__sheet">
        <Text className="templates__label">标题（选用时显示）</Text>
        <Input className="form-page__input" value={title} onChange={setTitle} placeholder="例如：已联系物业" maxLength={textLimits.templateTitle.max} />
        <Text className="templates__label">回复内容</Text>
        <FormTextArea value={text} onChange={setText} placeholder="例如：{居民称呼}您好，已联系物业处理{楼栋}的问题。" maxLength={textLimits.note.max} rows={5} />
        <View className="templates__chips">
          {templatePlaceholders.map((p) => (
            <Text key={p} className="templates__chip" onClick={() => setText((t) => `${t}{${p}}`.slice(0, textLimits.note.max))}>{`插入{${p}}`}</Text>
          ))}
        </View>
        {blocker && <Text className="templates__note">{blocker}</Text>}
        <Button type="primary" size="large" block loading={busy} disabled={!!blocker} onClick={save}>保存</Button>
      </View>
    </BottomSheet>
  )
}
