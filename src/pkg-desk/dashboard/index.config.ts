export default definePageConfig({ navigationBarTitleText: '派出所数据看板' })
