export default definePageConfig({ navigationBarTitleText: '群众意见征求' })
