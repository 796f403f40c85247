import type { PropsWithChildren } from 'react'
// NutUI's theme variables, once for the whole app; each component's own CSS comes via babel-plugin-import.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'
import { applyElderMode } from './lib/elderMode'
import { mountStationStrip } from './lib/h5Header'

applyElderMode()
if (process.env.TARO_ENV === 'h5') mountStationStrip()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
