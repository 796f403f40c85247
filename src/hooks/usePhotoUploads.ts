import { useCallback, useEffect, useRef, useState } from 'react'
import { compressPhoto, keepPhoto, pickPhotos, uploadPhoto } from '@/services'
import { maxPhotos } from '@/types/limits'

export interface PickedPhoto {
  key: string
  /** On-device copy (compressed) that outlives the app (keepPhoto), for the thumbnail and for a retry. */
  localPath: string
  progress: number
  fileID?: string
  error?: string
}

/**
 * Photos of a form: picked, compressed on the device, uploaded at once with progress. A failed
 * upload stays in the list with 重传, and finished ones keep their fileID in the draft.
 */
/** `max`: how many this form takes (a case: 9; a signed agreement: 1). */
export function usePhotoUploads(initial: PickedPhoto[] = [], max: number = maxPhotos) {
  // A draft restored after a restart: photos without a fileID upload again from their kept copy.
  const [photos, setPhotos] = useState<PickedPhoto[]>(() => initial.map((p) => (p.fileID ? p : { ...p, progress: 0, error: undefined })))
  const counter = useRef(0)
  const resumed = useRef(false)

  const patch = useCallback((key: string, change: Partial<PickedPhoto>) => {
    setPhotos((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)))
  }, [])

  const upload = useCallback(
    async (key: string, localPath: string) => {
      patch(key, { progress: 0, error: undefined })
      const outcome = await uploadPhoto(localPath, (progress) => patch(key, { progress }))
      patch(key, outcome.ok ? { fileID: outcome.fileID, progress: 100 } : { error: outcome.message })
    },
    [patch],
  )

  useEffect(() => {
    if (resumed.current) return
    resumed.current = true
    for (const p of photos) if (!p.fileID) void upload(p.key, p.localPath)
    // Once, for what the draft brought back; later photos start their own uploads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const add = useCallback(async () => {
    const room = max - photos.length
    if (room <= 0) return
    const paths = await pickPhotos(room)
    for (const original of paths) {
      const key = `p${Date.now()}-${counter.current++}`
      setPhotos((list) => [...list, { key, localPath: original, progress: 0 }])
      const localPath = await keepPhoto(await compressPhoto(original))
      patch(key, { localPath })
      void upload(key, localPath)
    }
  }, [photos.length, max, patch, upload])

  const remove = useCallback((key: string) => setPhotos((list) => list.filter((p) => p.key !== key)), [])
  const retry = useCallback((photo: PickedPhoto) => void upload(photo.key, photo.localPath), [upload])

  const uploading = photos.some((p) => !p.fileID && !p.error)
  const failed = photos.some((p) => p.error)
  const fileIds = photos.flatMap((p) => (p.fileID ? [p.fileID] : []))
  return { photos, setPhotos, add, remove, retry, uploading, failed, fileIds }
}
