import { call } from '@/services'
import type { FnOutput, Result } from '@/types/registry'

export type Session = FnOutput<'session.whoami'>

let cached: Promise<Result<Session>> | null = null

/**
 * Who is using the app (roles, community, officer card, subscribe template ids). Fetched once and
 * shared by every page; `fresh` after anything that changes it (joining a community, consent).
 * A failed fetch is not cached, so the next page tries again.
 */
export function loadSession(fresh = false): Promise<Result<Session>> {
  if (!cached || fresh) {
    const pending = call('session.whoami', {})
    cached = pending
    void pending.then((res) => {
      if (!res.ok && cached === pending) cached = null
    })
  }
  return cached
}

/** After session.bindCommunity the answer is the new session: no need to ask again. */
export function rememberSession(session: Session): void {
  cached = Promise.resolve({ ok: true, data: session })
}

export function isCaseHandler(session: Session): boolean {
  return session.roles.includes('officer') || session.roles.includes('admin')
}

/** Ready to use the forms: joined a community and agreed to the privacy guide (else: the join page). */
export function isReady(session: Session): boolean {
  return session.community !== null && session.privacyConsented
}
