import { mainRoutes, routePath, subPackages } from '../types/routes'

const packages = Object.values(subPackages)

// The home page is listed first: WeChat opens the first page of `pages`.
export default defineAppConfig({
  pages: Object.values(mainRoutes),
  subPackages: packages.map((pkg) => ({ root: pkg.root, pages: Object.values(pkg.routes) as string[] })),
  preloadRule: Object.fromEntries(
    packages.flatMap((pkg) => pkg.preloadFrom.map((page): [string, { network: 'all'; packages: string[] }] => [routePath(page), { network: 'all', packages: [pkg.root] }])),
  ),
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1d4ed8',
    navigationBarTitleText: '枫桥家园',
    navigationBarTextStyle: 'white',
    // Also shows Taro's navigation bar (title, back, home) in the H5 build (issue 14).
    navigationStyle: 'default',
    backgroundColor: '#f3f5f9',
  },
  // WeChat refuses wx.chooseLocation (the report's map point) unless the app declares it.
  requiredPrivateInfos: ['chooseLocation'],
  // Only home may be indexed by WeChat search; case, form and staff pages are personal (src/sitemap.json).
  sitemapLocation: 'sitemap.json',
  // No `style: "v2"`: every control the app shows is NutUI's or our own, styled by us; v2 would only
  // restyle the few native buttons and inputs underneath them, which the pages were not designed for.
  // No `__usePrivacyCheck__`: base library 2.32.3+ always applies the privacy guide; older ones are
  // handled in src/services/privacy.ts.
})
