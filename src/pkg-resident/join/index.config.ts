export default definePageConfig({ navigationBarTitleText: '选择我的社区' })
