import { useEffect, useState } from 'react'
import { loadSession, type Session } from '@/session'

/** The signed-in person's session (roles, staff name) once loaded; null until then or on failure. */
export function useSession(): Session | null {
  const [session, setSession] = useState<Session | null>(null)
  useEffect(() => {
    void loadSession().then((res) => res.ok && setSession(res.data))
  }, [])
  return session
}
