/**
 * The route table: every page of the mini-program, by name. src/app.config.ts is generated from it,
 * `navigate()` (src/navigation.ts) only accepts these names with their typed parameters, and the
 * backend's notifier builds the pages its messages open with `pagePath()`.
 * Zod-free and without runtime imports: Taro evaluates app.config.ts (and so this file) in Node,
 * and the mini-program's main package must stay small.
 */

/**
 * The main package, which WeChat downloads before showing anything: only the first screen. Every
 * other page lives in a subpackage, so a new page never eats into the main package's budget.
 */
export const mainRoutes = {
  home: 'pages/home/index',
} as const;

/**
 * Subpackages. `preloadFrom` names the pages that fetch the subpackage in the background when they
 * open (app.config.ts turns it into `preloadRule`): residents' pages (joining, forms, cases, notifications)
 * are ready by the time home is on screen; staff pages load only when an officer opens them.
 */
export const subPackages = {
  resident: {
    root: 'pkg-resident',
    preloadFrom: ['home'],
    routes: {
      join: 'join/index',
      privacy: 'privacy/index',
      report: 'report/index',
      help: 'help/index',
      mediation: 'mediation/index',
      myCases: 'my-cases/index',
      caseDetail: 'case/index',
      rate: 'rate/index',
      notifications: 'notifications/index',
      myData: 'my-data/index',
      // issue 10: monthly opinion survey (the answer page, opened from the group card)
      surveyAnswer: 'survey/index',
      // issue 11: every notice, by category
      noticeList: 'notices/index',
      // issue 14: after submitting, who received it and what happens next
      caseSubmitted: 'submitted/index',
    },
  },
  staff: {
    root: 'pkg-staff',
    preloadFrom: [],
    routes: {
      staffInbox: 'inbox/index',
      staffCase: 'case/index',
      staffRedeem: 'redeem/index',
      // issue 11: publishing notices and their read counts
      noticeManage: 'notices/index',
      // issue 11: an officer's own response templates and the station's shared set (常用回复)
      staffTemplates: 'templates/index',
    },
  },
  /** The mediation workbench (issue 9): officers, admins, community and judicial mediators. */
  mediation: {
    root: 'pkg-mediation',
    preloadFrom: [],
    routes: {
      mediationBench: 'bench/index',
      mediationCase: 'case/index',
    },
  },
  /** Issue 10: the monthly opinion survey for the community's officer and the station admin (charts live here). */
  survey: {
    root: 'pkg-survey',
    preloadFrom: [],
    routes: {
      surveyManage: 'manage/index',
      surveyResults: 'results/index',
      surveyHistory: 'history/index',
    },
  },
  // issue 11: roster and visits — officers, grid workers and the admin.
  grid: {
    root: 'pkg-grid',
    preloadFrom: [],
    routes: {
      gridRoster: 'roster/index',
      gridHousehold: 'household/index',
      gridVisit: 'visit/index',
      gridDue: 'due/index',
      gridRules: 'rules/index',
      // issue 11: a household added or edited in the app
      gridHouseholdEdit: 'edit/index',
    },
  },
  /** 和苑家人 patrols (issue 11): volunteers start, walk, record findings and end a patrol. */
  volunteer: {
    root: 'pkg-volunteer',
    preloadFrom: [],
    routes: {
      patrols: 'patrols/index',
      patrol: 'patrol/index',
    },
  },
  /** issue 12: the station desk (admin; officers see the dashboard and exports for their grids). */
  desk: {
    root: 'pkg-desk',
    preloadFrom: [],
    routes: {
      deskDashboard: 'dashboard/index',
      deskOrganisation: 'organisation/index',
      deskAudit: 'audit/index',
    },
  },
} as const;

type SubPackages = typeof subPackages;
type SubRouteName = { [P in keyof SubPackages]: keyof SubPackages[P]['routes'] }[keyof SubPackages];

export type RouteName = keyof typeof mainRoutes | SubRouteName;

/** Query parameters each page reads; `undefined` means the page takes none. */
export interface RouteParams {
  home: undefined;
  join: { communityId?: string } | undefined;
  privacy: undefined;
  report: undefined;
  help: undefined;
  mediation: undefined;
  myCases: undefined;
  caseDetail: { id: string };
  rate: { id: string };
  notifications: undefined;
  myData: undefined;
  staffInbox: undefined;
  staffCase: { id: string };
  /** `scene` is the code when the page is opened from an invite's mini-program code. */
  staffRedeem: { code?: string; scene?: string } | undefined;
  staffTemplates: undefined;
  mediationBench: undefined;
  mediationCase: { id: string };
  // issue 10: monthly opinion survey
  surveyAnswer: { id: string };
  surveyManage: { id?: string } | undefined;
  surveyResults: { id: string };
  surveyHistory: undefined;
  // issue 11: roster and visits
  gridRoster: { tag?: string } | undefined;
  gridHousehold: { id: string };
  /** Edit that household (`id`), or add one (to `gridId`'s buildings, default the first grid). */
  gridHouseholdEdit: { id?: string; gridId?: string } | undefined;
  gridVisit: { householdId: string };
  gridDue: undefined;
  gridRules: undefined;
  // issue 11
  noticeList: undefined;
  noticeManage: undefined;
  patrols: undefined;
  patrol: { id: string };
  // issue 14
  caseSubmitted: { id: string };
  deskDashboard: undefined;
  deskOrganisation: undefined;
  deskAudit: undefined;
}

// Compile-time check that RouteParams names exactly the routes of the table.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const routeParamsCoverTable: Exact<keyof RouteParams, RouteName> = true;
void routeParamsCoverTable;

/** A route's parameters as arguments: none, optional or required, as RouteParams says. */
export type ParamArgs<R extends RouteName> = RouteParams[R] extends undefined
  ? []
  : undefined extends RouteParams[R]
    ? [params?: RouteParams[R]]
    : [params: RouteParams[R]];

/** Path without the leading slash, as app.config.ts and Taro's router spell it. */
export function routePath(name: RouteName): string {
  if (name in mainRoutes) return mainRoutes[name as keyof typeof mainRoutes];
  for (const pkg of Object.values(subPackages)) {
    const routes: Record<string, string> = pkg.routes;
    if (name in routes) return `${pkg.root}/${routes[name]}`;
  }
  throw new Error(`unknown route ${name}`);
}

/** `/<path>?id=…`: a page with its query (values URI-encoded, empty ones left out). */
export function pagePath<R extends RouteName>(name: R, ...args: ParamArgs<R>): string {
  const params = (args[0] ?? {}) as Record<string, string | undefined>;
  const query = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return `/${routePath(name)}${query ? `?${query}` : ''}`;
}
