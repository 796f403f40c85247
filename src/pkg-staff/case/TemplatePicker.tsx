import { View, Text } from '@tarojs/components'
import { call } from '@/services'
import { navigate } from '@/navigation'
import { useRemote } from '@/hooks/useRemote'
import type { StaffCaseView } from '@/types/case'
import { caseTemplateValues, fillTemplate } from '@/types/templateText'

/**
 * issue 11: 常用回复 above a note or resolve box: the station's shared replies and the officer's own;
 * a tap fills the box with the reply, its {楼栋} {小区} {居民称呼} taken from the case.
 */
export default function TemplatePicker({ item, visible, onPick }: { item: StaffCaseView; visible: boolean; onPick: (text: string) => void }) {
  const templates = useRemote(() => call('cases.templates', {}), [], { enabled: visible })
  if (templates.state.status !== 'ready') return null
  const all = [...templates.state.data.mine, ...templates.state.data.station]
  const manage = <Text className="staff-case__template-manage" onClick={() => navigate('staffTemplates')}>{all.length === 0 ? '添加常用回复 ›' : '管理 ›'}</Text>
  if (all.length === 0) return <View className="staff-case__templates">{manage}</View>
  const values = caseTemplateValues(item)
  return (
    <View className="staff-case__templates">
      <Text className="staff-case__label">常用回复（点一下填入，可再修改）</Text>
      {manage}
      <View className="staff-case__template-list">
        {all.map((t) => (
          <Text key={t.id} className={`staff-case__template${t.shared ? '' : ' staff-case__template--mine'}`} onClick={() => onPick(fillTemplate(t.text, values))}>
            {t.title}
          </Text>
        ))}
      </View>
    </View>
  )
}
