export default definePageConfig({ navigationBarTitleText: '往期问卷' })
