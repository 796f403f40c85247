import type { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { installPrivacyListener } from '@/services'
// NutUI's theme variables, once for the whole app; each component's own CSS comes via babel-plugin-import.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'

// One consent: our step's button is WeChat's agreement too, so WeChat's own popup never follows ours.
installPrivacyListener(() => void Taro.showToast({ title: '请先在首页同意《隐私保护指引》', icon: 'none', duration: 2500 }))

function App({ children }: PropsWithChildren) {
  return children
}

export default App
