export default definePageConfig({ navigationBarTitleText: '和苑家人巡逻' })
