import { View, Text, Image } from '@tarojs/components'
import type { PickedPhoto } from '@/hooks/usePhotoUploads'
import { maxPhotos } from '@/types/limits'
import './Photos.scss'
import { imageAlt } from '@/lib/imageAlt'

interface Props {
  photos: PickedPhoto[]
  onAdd: () => void
  onRemove: (key: string) => void
  onRetry: (photo: PickedPhoto) => void
  /** How many the form takes; default the case limit. */
  max?: number
}

/** Thumbnails with upload progress, a 重传 on failure, and a large add tile. */
export default function PhotoPicker({ photos, onAdd, onRemove, onRetry, max = maxPhotos }: Props) {
  return (
    <View className="fq-photos">
      {photos.map((photo) => (
        <View key={photo.key} className="fq-photos__cell">
          <Image className="fq-photos__img" src={photo.localPath} mode="aspectFill" {...imageAlt('已选的照片')} />
          {!photo.fileID && !photo.error && (
            <View className="fq-photos__veil">
              <Text>{photo.progress}%</Text>
              <View className="fq-photos__bar">
                <View className="fq-photos__bar-fill" style={{ width: `${photo.progress}%` }} />
              </View>
            </View>
          )}
          {photo.error && (
            <View className="fq-photos__veil fq-photos__veil--error" onClick={() => onRetry(photo)}>
              <Text>上传失败</Text>
              <Text className="fq-photos__retry">点此重传</Text>
            </View>
          )}
          <View className="fq-photos__remove" onClick={() => onRemove(photo.key)}>
            <Text>×</Text>
          </View>
        </View>
      ))}
      {photos.length < max && (
        <View className="fq-photos__cell fq-photos__add" onClick={onAdd}>
          <Text className="fq-photos__plus">+</Text>
          <Text className="fq-photos__hint">{photos.length === 0 ? '拍照或选图' : `还可加${max - photos.length}张`}</Text>
        </View>
      )}
    </View>
  )
}
