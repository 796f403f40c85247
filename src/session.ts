import { call } from '@/services/call'
import type { FnOutput, Result } from '@/types/registry'
import { mediationStaffRoles, roleLabels, staffRoles, type Role } from '@/types/enums'

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

/** Officers and admins: the case inbox (民警工作台). */
export function isCaseHandler(session: Session): boolean {
  return session.roles.includes('officer') || session.roles.includes('admin')
}

/**
 * Anyone holding a staff role (officer, admin, mediators, grid worker, volunteer; issue 11): they
 * see their workbenches on home, and are never sent to an invite code or asked to join a
 * community for their work.
 */
export function isStaff(session: Session): boolean {
  return staffRoleOf(session) !== null
}

/** Staff who work on mediations (the mediation workbench, the mediation case page). */
export function isMediationStaff(session: Session): boolean {
  return mediationStaffRoles.some((role) => session.roles.includes(role))
}

/** The first staff role the person holds, as the list in types/enums orders them. */
export function staffRoleOf(session: Session): Role | null {
  return staffRoles.find((role) => session.roles.includes(role)) ?? null
}

/** Which role names a person who holds several (the admin 赵明远 also holds a grid's officer role). */
const titleOrder: readonly Role[] = ['admin', 'judicial_mediator', 'officer', 'mediator', 'grid_worker', 'volunteer']

/** "专职人民调解员": how home greets a staff member who has not joined a community as a resident. */
export function staffTitle(session: Session): string | null {
  const role = titleOrder.find((r) => session.roles.includes(r))
  return role ? roleLabels[role] : null
}

/** Ready to use the forms: joined a community and agreed to the privacy guide (else: the join page). */
export function isReady(session: Session): boolean {
  return session.community !== null && session.privacyConsented
}
