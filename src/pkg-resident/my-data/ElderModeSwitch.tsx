import { useState } from 'react'
import { Text } from '@tarojs/components'
import Section from '@/components/Section'
import ChoiceGrid from '@/components/ChoiceGrid'
import { elderSetting, setElderSetting, systemFontLarge, type ElderSetting } from '@/lib/elderMode'

const options = [
  { value: 'on' as const, label: '打开', hint: '字更大，按钮更高' },
  { value: 'off' as const, label: '关闭', hint: '标准字号' },
  { value: 'auto' as const, label: '跟随手机字号', hint: '手机调大字体时自动打开' },
]

/** 长辈模式 (issue 14): kept on this phone; every page follows at once. */
export default function ElderModeSwitch({ onChange }: { onChange: (on: boolean) => void }) {
  const [value, setValue] = useState<ElderSetting>(elderSetting)
  const pick = (v: ElderSetting) => {
    setValue(v)
    setElderSetting(v)
    onChange(v === 'on' || (v === 'auto' && systemFontLarge()))
  }
  return (
    <Section title="长辈模式" hint="字更大、按钮更大、首页更简单">
      <ChoiceGrid options={options} value={value} onChange={pick} columns={3} />
      {value === 'auto' && <Text className="form-page__explain">{systemFontLarge() ? '您的手机字体较大，已为您打开。' : '您的手机是标准字体，现在是普通模式。'}</Text>}
    </Section>
  )
}
