import { useEffect, useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import FormTextArea from './FormTextArea'
import BottomSheet from './BottomSheet'
import type { TextLimit } from '@/types/limits'
import './TextSheet.scss'

interface Props {
  visible: boolean
  title: string
  placeholder: string
  confirmText: string
  /** From types/limits.ts: the confirm button enables at `min` characters (none: the text is optional). */
  limit: TextLimit
  danger?: boolean
  /** Extra controls above the text box (note visibility, target grid…). */
  children?: ReactNode
  /** Replaces the text whenever `n` changes (a response template picked above the box). */
  preset?: { text: string; n: number }
  /** Controls under the text box (photos). */
  extra?: ReactNode
  /** Keeps the confirm button disabled (e.g. photos still uploading), with this reason. */
  waiting?: string | null
  /** Resolves to an error message to show, or null when done. */
  onConfirm: (text: string) => Promise<string | null>
  onClose: () => void
}

/** A bottom sheet asking for a few words: a reason, a note, what was done. */
export default function TextSheet({ visible, title, placeholder, confirmText, limit, danger, children, preset, extra, waiting = null, onConfirm, onClose }: Props) {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (visible) {
      setText('')
      setError(null)
    }
  }, [visible])

  useEffect(() => {
    if (preset && preset.n > 0) setText(preset.text.slice(0, limit.max))
  }, [preset?.n])

  const minLength = 'min' in limit ? limit.min : 0
  const tooShort = text.trim().length < minLength
  const confirm = async () => {
    if (busy || tooShort || waiting) return
    setBusy(true)
    const problem = await onConfirm(text.trim())
    setBusy(false)
    setError(problem)
  }

  return (
    <BottomSheet visible={visible} title={title} onClose={onClose}>
      <View className="fq-sheet">
        {children}
        <FormTextArea className="fq-sheet__text" value={text} onChange={setText} placeholder={placeholder} maxLength={limit.max} />
        {extra}
        {minLength > 0 && tooShort && <Text className="fq-sheet__hint">请至少写 {minLength} 个字</Text>}
        {waiting && <Text className="fq-sheet__hint">{waiting}</Text>}
        {error && <Text className="fq-sheet__error">{error}</Text>}
        <Button block type={danger ? 'danger' : 'primary'} size="large" loading={busy} disabled={tooShort || waiting !== null} onClick={confirm}>
          {confirmText}
        </Button>
      </View>
    </BottomSheet>
  )
}
