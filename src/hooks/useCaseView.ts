import { call } from '@/services'
import type { CaseView } from '@/types/case'
import type { Result } from '@/types/registry'
import { useRemote } from './useRemote'

type Viewer = CaseView['viewer']
type CaseViewOf<V extends Viewer> = Extract<CaseView, { viewer: V }>

/**
 * One case as the resident or the staff page shows it. `cases.get` answers with the view the
 * caller is entitled to; a page meant for the other view refuses with `refusal` instead of
 * rendering fields it does not have.
 */
export function useCaseView<V extends Viewer>(id: string, viewer: V, refusal: string, options: { reloadOnShow?: boolean } = {}) {
  const remote = useRemote(
    async (): Promise<Result<CaseViewOf<V>>> => {
      const res = await call('cases.get', { caseId: id, as: viewer })
      if (!res.ok) return res
      if (res.data.viewer !== viewer) return { ok: false, error: { code: 'FORBIDDEN', message: refusal } }
      return { ok: true, data: res.data as CaseViewOf<V> }
    },
    [id],
    options,
  )

  /**
   * Runs one action; every action answers with the updated case, so the page shows it without
   * reloading. Returns the error message for the sheet that asked, or null when it worked.
   */
  const act = async (run: () => Promise<Result<{ case: CaseViewOf<V> }>>): Promise<string | null> => {
    const res = await run()
    if (!res.ok) return res.error.message
    remote.setData(res.data.case)
    return null
  }

  return { state: remote.state, reload: remote.reload, act }
}
