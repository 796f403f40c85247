export default definePageConfig({ navigationBarTitleText: '通知与问卷' })
