import { mainRoutes, subPackages } from './routes'

// The home page is listed first: WeChat opens the first page of `pages`.
export default defineAppConfig({
  pages: Object.values(mainRoutes),
  subPackages: Object.values(subPackages).map((pkg) => ({ root: pkg.root, pages: Object.values(pkg.routes) as string[] })),
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1d4ed8',
    navigationBarTitleText: '枫桥家园',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f5f9',
  },
  // Declares the privacy-API use so WeChat routes it through requirePrivacyAuthorize (base library ≥ 2.32.3).
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
