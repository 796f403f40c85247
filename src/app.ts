import type { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { installPrivacyListener } from '@/services/privacy'
// NutUI's theme variables, once for the whole app; each component's own CSS comes via babel-plugin-import.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'
import { applyElderMode } from './lib/elderMode'
import { mountStationStrip } from './lib/h5Header'

applyElderMode()
if (process.env.TARO_ENV === 'h5') mountStationStrip()

// One consent: our step's button is WeChat's agreement too, so WeChat's own popup never follows ours.
installPrivacyListener(() => void Taro.showToast({ title: '请先在首页同意《隐私保护指引》', icon: 'none', duration: 2500 }))

function App({ children }: PropsWithChildren) {
  return children
}

export default App
