import { View, Text } from '@tarojs/components'
import type { HouseholdRow as Row } from '@/types/roster'
import { formatShortDate } from '@/lib/dates'
import '@/components/CaseRow.scss'
import './HouseholdRow.scss'

/** When the next visit is due, in words: 今天该走访 / 已超期 3 天 / 12月8日 走访. */
export function dueText(row: Row): string | null {
  if (row.overdueDays === 0) return '今天该走访'
  if (row.overdueDays !== null) return `走访已超期 ${row.overdueDays} 天`
  return row.nextVisitDue ? `下次走访 ${formatShortDate(row.nextVisitDue)}` : null
}

/** One household of the roster: where, who, tags, the masked phone and when the next visit is due. */
export default function HouseholdRow({ row, onOpen }: { row: Row; onOpen: (id: string) => void }) {
  const due = dueText(row)
  const late = row.overdueDays !== null
  return (
    <View className={`fq-case-row hh-row${late ? ' fq-case-row--overdue' : ''}`} onClick={() => onOpen(row.id)}>
      <View className="fq-case-row__head">
        <Text className="hh-row__place">{`${row.buildingName} ${row.unit} ${row.room}`}</Text>
        <View className="fq-case-row__spacer" />
        {row.pairedWithMe && <Text className="hh-row__paired">结对帮扶</Text>}
      </View>
      <View className="fq-case-row__title">
        <Text>{row.callName ? `${row.callName}（${row.headName}）` : row.headName}</Text>
      </View>
      {row.tags.length > 0 && (
        <View className="hh-row__tags">
          {row.tags.map((t) => (
            <Text key={t} className={`hh-row__tag${t === '独居' || t === '重点关注' ? ' hh-row__tag--strong' : ''}`}>{t}</Text>
          ))}
        </View>
      )}
      <Text className="fq-case-row__meta">{[`${row.members} 人`, row.phoneMasked].filter(Boolean).join(' · ')}</Text>
      {due && <Text className={`fq-case-row__time${late ? ' hh-row__late' : ''}`}>{due}</Text>}
    </View>
  )
}
