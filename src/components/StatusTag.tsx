import { Text } from '@tarojs/components'
import { caseStatusLabels, type CaseStatus } from '@/types/enums'
import './StatusTag.scss'

/** A case's state as a coloured pill; the colour groups states by what the resident should feel. */
const tone: Record<CaseStatus, 'new' | 'active' | 'done' | 'stopped' | 'alert'> = {
  submitted: 'new',
  accepted: 'active',
  in_progress: 'active',
  resolved: 'done',
  closed: 'done',
  rejected: 'stopped',
  reopened: 'alert',
  withdrawn: 'stopped',
}

export default function StatusTag({ status }: { status: CaseStatus }) {
  return <Text className={`fq-status fq-status--${tone[status]}`}>{caseStatusLabels[status]}</Text>
}
