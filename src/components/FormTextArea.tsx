import { useState } from 'react'
import { Text } from '@tarojs/components'
import { TextArea } from '@nutui/nutui-react-taro'
import '../styles/form.scss'

interface Props {
  value: string
  onChange: (value: string) => void
  placeholder: string
  maxLength: number
  rows?: number
  className?: string
}

/**
 * A free-text answer, always with its character count: residents see how much room is left. A paste
 * longer than the limit is cut here, visibly (issue 14): the box takes one character more than the
 * limit so the cut is noticed, and says what happened.
 */
export default function FormTextArea({ value, onChange, placeholder, maxLength, rows = 4, className = 'form-page__textarea' }: Props) {
  const [clipped, setClipped] = useState(false)
  const change = (next: string) => {
    setClipped(next.length > maxLength)
    onChange(next.length > maxLength ? next.slice(0, maxLength) : next)
  }
  return (
    <>
      <TextArea className={className} value={value} onChange={change} placeholder={placeholder} maxLength={maxLength + 1} rows={rows} />
      <Text className="form-page__count">
        {value.length}/{maxLength}
      </Text>
      {clipped && <Text className="form-page__clipped">内容超过 {maxLength} 字，只保留了前 {maxLength} 字，请看一下结尾是否完整</Text>}
    </>
  )
}
