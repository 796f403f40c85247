import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './BottomSheet.scss'

interface Props {
  visible: boolean
  title?: ReactNode
  onClose: () => void
  children: ReactNode
}

/**
 * A sheet that slides up from the bottom, with a title and a large close button.
 * Our own rather than NutUI's Popup: Popup brings drag-to-resize, transitions and its icon set
 * (~25 KB of the main package's budget) for a feature we use plainly.
 */
export default function BottomSheet({ visible, title, onClose, children }: Props) {
  if (!visible) return null
  return (
    // No catchMove here: in weapp it would also stop the panel body (a long building list) from scrolling.
    <View className="fq-sheet-layer">
      <View className="fq-sheet-layer__mask" onClick={onClose} />
      <View className="fq-sheet-layer__panel">
        <View className="fq-sheet-layer__head">
          <Text className="fq-sheet-layer__title">{title}</Text>
          <View className="fq-sheet-layer__close" onClick={onClose}>
            <Text>×</Text>
          </View>
        </View>
        <View className="fq-sheet-layer__body">{children}</View>
      </View>
    </View>
  )
}
