import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { call, newClientRequestId } from '@/services'
import { usePaged } from '@/hooks/usePaged'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import PagedList from '@/components/PagedList'
import BottomSheet from '@/components/BottomSheet'
import ChoiceGrid from '@/components/ChoiceGrid'
import FormTextArea from '@/components/FormTextArea'
import PhotoPicker from '@/components/PhotoPicker'
import { noticeCategories, noticeCategoryLabels, type NoticeCategory } from '@/types/enums'
import { noticeLimits } from '@/types/limits'
import type { ManagedNotice } from '@/types/notice'
import { formatDate } from '@/lib/dates'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

const categoryOptions = noticeCategories.map((value) => ({ value, label: noticeCategoryLabels[value] }))
type Scope = { communityId: string | null; name: string }

/** Officers and the station admin: publish, edit and withdraw notices, and see how many have read each. */
export default function NoticeManage() {
  const list = usePaged((cursor) => call('notices.manage', { pageSize: 10, ...(cursor ? { cursor } : {}) }), 'mine')
  const scopes = list.first?.scopes ?? []
  // null: closed; 'new': publishing; a notice: editing it.
  const [editing, setEditing] = useState<ManagedNotice | 'new' | null>(null)

  const withdraw = async (n: ManagedNotice) => {
    const ok = await Taro.showModal({ title: '撤回公告', content: `撤回后居民将看不到“${n.title}”。确定撤回吗？`, confirmText: '撤回' })
    if (!ok.confirm) return
    const res = await call('notices.withdraw', { noticeId: n.id })
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none' })
    list.reload()
  }

  return (
    <View className={`notice-manage${elderClass()}`}>
      <View className="notice-manage__publish">
        <Button type="primary" size="large" block disabled={scopes.length === 0} onClick={() => setEditing('new')}>
          发布新公告
        </Button>
      </View>
      <PagedList list={list} empty={{ title: '还没有发布过公告', hint: '发布的公告会显示在居民首页和“社区通知”里。' }}>
        {(n) => (
          <View key={n.id} className={`notice-manage__row${n.status === 'withdrawn' ? ' notice-manage__row--withdrawn' : ''}`}>
            <View className="notice-manage__head">
              <Text className={`notice-manage__tag notice-manage__tag--${n.category}`}>{noticeCategoryLabels[n.category]}</Text>
              <Text className="notice-manage__scope">{n.scopeName}</Text>
              <Text className="notice-manage__reads">{n.readCount} 人已读</Text>
            </View>
            <Text className="notice-manage__title">{n.title}</Text>
            <Text className="notice-manage__meta">
              {n.authorName} · {formatDate(n.publishedAt)} 发布{n.editedAt ? ' · 已修改' : ''}{n.status === 'withdrawn' ? ' · 已撤回' : ''}
            </Text>
            {n.coverReview === 'pending' && <Text className="notice-manage__hint">封面图片审核中，通过后居民才能看到</Text>}
            {n.coverReview === 'rejected' && <Text className="notice-manage__hint notice-manage__hint--bad">封面图片未通过内容安全审核，居民看不到；可编辑公告换一张</Text>}
            {n.canEdit && n.status === 'published' && (
              <View className="notice-manage__actions">
                <Text className="notice-manage__action" onClick={() => setEditing(n)}>编辑</Text>
                <Text className="notice-manage__action notice-manage__action--danger" onClick={() => void withdraw(n)}>撤回</Text>
              </View>
            )}
          </View>
        )}
      </PagedList>
      <NoticeSheet editing={editing} scopes={scopes} onClose={() => setEditing(null)} onDone={() => { setEditing(null); list.reload() }} />
    </View>
  )
}

function NoticeSheet({ editing, scopes, onClose, onDone }: { editing: ManagedNotice | 'new' | null; scopes: Scope[]; onClose: () => void; onDone: () => void }) {
  const existing = editing && editing !== 'new' ? editing : null
  const [scope, setScope] = useState<string>('')
  const [category, setCategory] = useState<NoticeCategory | undefined>()
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const cover = usePhotoUploads([], 1)
  const requestId = useRef(newClientRequestId())

  useEffect(() => {
    if (!editing) return
    setScope(scopes[0]?.communityId ?? 'station')
    setCategory(existing?.category)
    setTitle(existing?.title ?? '')
    setText(existing?.body ?? '')
    cover.setPhotos([])
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing])

  const blocker = !category
    ? '请选择类别'
    : title.trim().length < noticeLimits.title.min
      ? `标题至少 ${noticeLimits.title.min} 个字`
      : text.trim().length < noticeLimits.text.min
        ? `正文至少 ${noticeLimits.text.min} 个字`
        : cover.uploading
          ? '封面正在上传，请稍等'
          : null

  const submit = async () => {
    if (blocker || !category) return
    setBusy(true)
    const coverFileId = cover.fileIds[0]
    const res = existing
      ? await call('notices.edit', { noticeId: existing.id, category, title: title.trim(), text: text.trim(), ...(coverFileId ? { coverFileId } : {}) })
      : await call('notices.publish', {
          clientRequestId: requestId.current, category, title: title.trim(), text: text.trim(),
          ...(scope !== 'station' ? { communityId: scope } : {}), ...(coverFileId ? { coverFileId } : {}),
        })
    setBusy(false)
    if (!res.ok) return void Taro.showToast({ title: res.error.message, icon: 'none' })
    requestId.current = newClientRequestId()
    void Taro.showToast({ title: existing ? '已保存' : '已发布', icon: 'none' })
    onDone()
  }

  const scopeOptions = scopes.map((s) => ({ value: s.communityId ?? 'station', label: s.name }))
  return (
    <BottomSheet visible={editing !== null} title={existing ? '编辑公告' : '发布公告'} onClose={onClose}>
      <View className="notice-manage__sheet">
        {!existing && (
          <>
            <Text className="notice-manage__label">发布到</Text>
            <ChoiceGrid options={scopeOptions} value={scope} onChange={setScope} />
          </>
        )}
        <Text className="notice-manage__label">类别</Text>
        <ChoiceGrid options={categoryOptions} value={category} onChange={setCategory} />
        <Text className="notice-manage__label">标题</Text>
        <Input className="form-page__input" value={title} onChange={setTitle} placeholder="例如：警惕冒充客服退款骗局" maxLength={noticeLimits.title.max} />
        <Text className="notice-manage__label">正文</Text>
        <FormTextArea value={text} onChange={setText} placeholder="写清楚要居民知道和注意的事" maxLength={noticeLimits.text.max} rows={6} />
        <Text className="notice-manage__label">封面图片（可不选）</Text>
        <PhotoPicker photos={cover.photos} onAdd={cover.add} onRemove={cover.remove} onRetry={cover.retry} max={1} />
        {blocker && <Text className="notice-manage__hint">{blocker}</Text>}
        <Button type="primary" size="large" block loading={busy} disabled={!!blocker} onClick={submit}>
          {existing ? '保存修改' : '发布'}
        </Button>
      </View>
    </BottomSheet>
  )
}
