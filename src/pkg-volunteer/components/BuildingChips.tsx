import { View, Text } from '@tarojs/components'
import '@/components/ChoiceGrid.scss'

interface Props {
  buildings: readonly { id: string; name: string }[]
  /** Ids shown as chosen (✓). */
  chosen: readonly string[]
  onTap: (id: string) => void
}

/** The community's buildings as tiles in three columns; several may be chosen (a route, the buildings passed). */
export default function BuildingChips({ buildings, chosen, onTap }: Props) {
  return (
    <View className="fq-choices fq-choices--3">
      {buildings.map((b) => {
        const on = chosen.includes(b.id)
        return (
          <View key={b.id} className={`fq-choices__item${on ? ' fq-choices__item--on' : ''}`} onClick={() => onTap(b.id)}>
            <Text className="fq-choices__label">{b.name}</Text>
            {on && <Text className="fq-choices__tick">✓</Text>}
          </View>
        )
      })}
    </View>
  )
}
