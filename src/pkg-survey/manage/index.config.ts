export default definePageConfig({ navigationBarTitleText: '本月问卷', enableShareAppMessage: true })
