import type { PropsWithChildren } from 'react'
// NutUI's theme variables, once for the whole app; each component's own CSS comes via babel-plugin-import.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'

function App({ children }: PropsWithChildren) {
  return children
}

export default App
