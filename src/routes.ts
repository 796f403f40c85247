/**
 * The route table: every page of the app, by name. app.config.ts is generated from it and
 * `navigate()` (src/navigation.ts) only accepts these names with their typed parameters.
 * Kept free of runtime imports: Taro evaluates app.config.ts (and so this file) in Node.
 */

/** Pages of the main package: what residents use, kept small (WeChat loads it first). */
export const mainRoutes = {
  home: 'pages/home/index',
  join: 'pages/join/index',
  privacy: 'pages/privacy/index',
  report: 'pages/report/index',
  help: 'pages/help/index',
  mediation: 'pages/mediation/index',
  myCases: 'pages/my-cases/index',
  caseDetail: 'pages/case/index',
  rate: 'pages/rate/index',
  messages: 'pages/messages/index',
} as const

/** Subpackages: staff pages load only when an officer opens them. */
export const subPackages = {
  staff: {
    root: 'pkg-staff',
    routes: {
      staffInbox: 'inbox/index',
      staffCase: 'case/index',
      staffRedeem: 'redeem/index',
    },
  },
} as const

type SubPackages = typeof subPackages
type SubRouteName = { [P in keyof SubPackages]: keyof SubPackages[P]['routes'] }[keyof SubPackages]

export type RouteName = keyof typeof mainRoutes | SubRouteName

/** Query parameters each page reads; `undefined` means the page takes none. */
export interface RouteParams {
  home: undefined
  join: { communityId?: string } | undefined
  privacy: undefined
  report: undefined
  help: undefined
  mediation: undefined
  myCases: undefined
  caseDetail: { id: string }
  rate: { id: string }
  messages: undefined
  staffInbox: undefined
  staffCase: { id: string }
  staffRedeem: undefined
}

// Compile-time check that RouteParams names exactly the routes of the table.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const routeParamsCoverTable: Exact<keyof RouteParams, RouteName> = true
void routeParamsCoverTable

/** Path without the leading slash, as app.config.ts and Taro's router spell it. */
export function routePath(name: RouteName): string {
  if (name in mainRoutes) return mainRoutes[name as keyof typeof mainRoutes]
  for (const pkg of Object.values(subPackages)) {
    const routes: Record<string, string> = pkg.routes
    if (name in routes) return `${pkg.root}/${routes[name]}`
  }
  throw new Error(`unknown route ${name}`)
}
