export default definePageConfig({ navigationBarTitleText: '网格住户' })
