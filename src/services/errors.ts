import type { ErrorCode } from '@/types/registry'
import type { CallError } from './call'

/**
 * Per error code: can the very same request succeed if sent again? Every code must be decided here
 * (the record is exhaustive), so a new code in types/result.ts cannot slip into forms unconsidered.
 */
const retryableCodes: Record<ErrorCode, boolean> = {
  // The resident must change something (or cannot act here at all).
  INVALID_INPUT: false,
  CONTENT_RISKY: false,
  FORBIDDEN: false,
  NOT_FOUND: false,
  // Once agreed to the guide in force (the consent sheet), the same request goes through.
  CONSENT_REQUIRED: true,
  // Signed in again (H5 session expired), the kept draft goes through as it is.
  UNAUTHENTICATED: true,
  CONFLICT: true,
  RATE_LIMITED: true,
  INTERNAL: true,
  NETWORK: true,
}

/** Whether a form offers 重试提交 with what the resident typed, or asks to change it first. */
export function isRetryable(error: CallError): boolean {
  return retryableCodes[error.code]
}
