import Taro from '@tarojs/taro'
import { beijing } from '@/lib/dates'
import { cloud } from './cloud'
import { gatewayBase } from './platform'

type UploadOutcome = { ok: true; fileID: string } | { ok: false; message: string }

/** Longest side of an uploaded photo: enough to read a label on a fire door, small on a weak network. */
const maxSide = 1600

/** Shrinks a picked photo on the device before it is uploaded. Falls back to the original. */
export function compressPhoto(path: string): Promise<string> {
  // A plain (non-async) dispatch: inside an async function the build's regenerator transform
  // would keep the other platform's branch in the bundle.
  return process.env.TARO_ENV === 'weapp' ? compressOnWeapp(path) : compressInBrowser(path)
}

async function compressOnWeapp(path: string): Promise<string> {
  try {
    const res = await Taro.compressImage({ src: path, quality: 70 })
    return res.tempFilePath
  } catch {
    return path
  }
}

/** Taro's H5 runtime has no compressImage; a canvas re-encode does the same job. */
async function compressInBrowser(url: string): Promise<string> {
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const el = new Image()
      el.onload = () => resolve(el)
      el.onerror = () => reject(new Error('image load failed'))
      el.src = url
    })
    const scale = Math.min(1, maxSide / Math.max(img.naturalWidth, img.naturalHeight))
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(img.naturalWidth * scale)
    canvas.height = Math.round(img.naturalHeight * scale)
    const ctx = canvas.getContext('2d')
    if (!ctx) return url
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.7))
    return blob ? URL.createObjectURL(blob) : url
  } catch {
    return url
  }
}

function cloudPathFor(): string {
  const day = beijing(Date.now()).format('YYYY-MM-DD')
  const random = Math.random().toString(36).slice(2, 10)
  return `case-photos/${day}/${Date.now()}-${random}.jpg`
}

/**
 * Uploads one (already compressed) photo; `onProgress` gets 0–100.
 * weapp: cloud storage directly; H5: the gateway's /api/upload, which stores into local cloud storage.
 */
export function uploadPhoto(filePath: string, onProgress: (percent: number) => void): Promise<UploadOutcome> {
  return process.env.TARO_ENV === 'weapp' ? uploadByCloud(filePath, onProgress) : uploadByGateway(filePath, onProgress)
}

function uploadByCloud(filePath: string, onProgress: (percent: number) => void): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const task = cloud().uploadFile({
      cloudPath: cloudPathFor(),
      filePath,
      success: (res) => resolve({ ok: true, fileID: res.fileID }),
      fail: () => resolve({ ok: false, message: '照片没有传上去，请检查网络后重试' }),
    })
    task.onProgressUpdate((p) => onProgress(p.progress))
  })
}

async function uploadByGateway(filePath: string, onProgress: (percent: number) => void): Promise<UploadOutcome> {
  let blob: Blob
  try {
    blob = await (await fetch(filePath)).blob()
  } catch {
    return { ok: false, message: '读取照片失败，请重新选择' }
  }
  const form = new FormData()
  form.append('file', blob, 'photo.jpg')
  return new Promise((resolve) => {
    // XMLHttpRequest rather than fetch: fetch reports no upload progress.
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${gatewayBase}/api/upload`)
    xhr.withCredentials = true
    xhr.timeout = 60_000
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { fileID?: unknown }
        if (xhr.status === 200 && typeof body.fileID === 'string') {
          onProgress(100)
          resolve({ ok: true, fileID: body.fileID })
          return
        }
      } catch {
        // fall through to the failure below
      }
      resolve({ ok: false, message: xhr.status === 401 ? '登录已过期，请重新登录' : '照片没有传上去，请稍后重试' })
    }
    const fail = () => resolve({ ok: false, message: '照片没有传上去，请检查网络后重试' })
    xhr.onerror = fail
    xhr.ontimeout = fail
    xhr.send(form)
  })
}
