import Taro from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import { photoReviewLabels } from '@/types/enums'
import type { PhotoView } from '@/types/common'
import './Photos.scss'
import { imageAlt } from '@/lib/imageAlt'

/** Photos of a case. A photo still under review (or refused) shows as a labelled tile. */
export default function PhotoGrid({ photos }: { photos: PhotoView[] }) {
  const visible = photos.flatMap((p) => (p.url ? [p.url] : []))
  return (
    <View className="fq-photos">
      {photos.map((photo, index) =>
        photo.url ? (
          <View key={photo.fileId ?? index} className="fq-photos__cell">
            <Image
              className="fq-photos__img"
              src={photo.url}
              mode="aspectFill"
              {...imageAlt(`第 ${index + 1} 张照片，点按放大`)}
              onClick={() => void Taro.previewImage({ urls: visible, current: photo.url ?? undefined })}
            />
            {photo.review === 'pending' && <Text className="fq-photos__badge">审核中</Text>}
          </View>
        ) : (
          <View key={photo.fileId ?? index} className="fq-photos__cell fq-photos__placeholder">
            <Text>{photoReviewLabels[photo.review]}</Text>
          </View>
        ),
      )}
    </View>
  )
}
