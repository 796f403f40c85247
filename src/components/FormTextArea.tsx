import { TextArea } from '@nutui/nutui-react-taro'
import '../styles/form.scss'

interface Props {
  value: string
  onChange: (value: string) => void
  placeholder: string
  maxLength: number
  rows?: number
}

/** A form's free-text answer, always with its character count: residents see how much room is left. */
export default function FormTextArea({ value, onChange, placeholder, maxLength, rows = 4 }: Props) {
  return <TextArea className="form-page__textarea" value={value} onChange={onChange} placeholder={placeholder} maxLength={maxLength} showCount rows={rows} />
}
