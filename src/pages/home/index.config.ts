export default definePageConfig({ navigationBarTitleText: '枫桥家园', enableShareAppMessage: true })
