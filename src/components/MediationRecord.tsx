import Taro from '@tarojs/taro'
import { Text, Image } from '@tarojs/components'
import { mediationOutcomeLabels, mediationSessionStatusLabels, type MediationOutcome, type MediationSessionStatus } from '@/types/enums'
import { imageAlt } from '@/lib/imageAlt'
import './MediationRecord.scss'

/* What a mediation's record shows alike to the staff (the mediation page) and to the resident who asked (her case page). */

/** 待调解 (amber) or 已调解 (green). */
export function SessionStatusText({ status }: { status: MediationSessionStatus }) {
  return <Text className={`fq-med-session-status fq-med-session-status--${status}`}>{mediationSessionStatusLabels[status]}</Text>
}

/** 调解成功 / 调解不成 / 移交, large and in its colour. */
export function OutcomeHeadline({ outcome }: { outcome: MediationOutcome }) {
  return <Text className={`fq-med-outcome fq-med-outcome--${outcome}`}>{mediationOutcomeLabels[outcome]}</Text>
}

/** The photo of the signed agreement, full width; a tap enlarges it. */
export function AgreementPhoto({ url }: { url: string }) {
  return <Image className="fq-med-agreement-photo" src={url} mode="widthFix" {...imageAlt('签字的调解协议，点按放大')} onClick={() => void Taro.previewImage({ urls: [url] })} />
}
