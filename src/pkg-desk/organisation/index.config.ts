export default definePageConfig({ navigationBarTitleText: '组织与人员' })
