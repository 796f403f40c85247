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
    // quality alone does not cap the size on phones: compressedWidth (base library 2.26.0+) does.
    const res = await Taro.compressImage({ src: path, quality: 70, compressedWidth: maxSide } as Taro.compressImage.Option)
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

/**
 * Lets the resident pick up to `count` photos; [] when they close the picker. weapp uses chooseMedia
 * (chooseImage is unmaintained since base library 2.21.0); Taro's H5 runtime has chooseImage only.
 */
export function pickPhotos(count: number): Promise<string[]> {
  return process.env.TARO_ENV === 'weapp' ? pickOnWeapp(count) : pickInBrowser(count)
}

async function pickOnWeapp(count: number): Promise<string[]> {
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    return res.tempFiles.map((f) => f.tempFilePath).slice(0, count)
  } catch {
    return []
  }
}

async function pickInBrowser(count: number): Promise<string[]> {
  try {
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    return res.tempFilePaths.slice(0, count)
  } catch {
    return []
  }
}

/**
 * A copy of a picked photo that outlives the app, for the draft: temporary paths (weapp temp files,
 * H5 blob URLs) die with the app, and a restored draft must still show and upload its photos.
 * weapp: the user data folder; H5: a data URL stored with the draft. Falls back to the path itself.
 */
export function keepPhoto(path: string): Promise<string> {
  return process.env.TARO_ENV === 'weapp' ? keepOnWeapp(path) : keepInBrowser(path)
}

async function keepOnWeapp(path: string): Promise<string> {
  try {
    const fs = Taro.getFileSystemManager()
    const dir = `${Taro.env.USER_DATA_PATH}/fq-drafts`
    try {
      fs.accessSync(dir)
    } catch {
      fs.mkdirSync(dir, true)
    }
    const kept = `${dir}/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.jpg`
    fs.copyFileSync(path, kept)
    return kept
  } catch {
    return path
  }
}

async function keepInBrowser(url: string): Promise<string> {
  if (!url.startsWith('blob:')) return url
  try {
    const blob = await (await fetch(url)).blob()
    return await new Promise<string>((resolve, reject) => {
      const reader = new FileReader()
      reader.onload = () => resolve(String(reader.result))
      reader.onerror = () => reject(reader.error)
      reader.readAsDataURL(blob)
    })
  } catch {
    return url
  }
}

/** Progress is shown in steps of this many percent: each change re-renders and re-saves the draft. */
const progressStep = 20

/** Only progress that crosses a step (and 100) gets through. */
export function throttledProgress(onProgress: (percent: number) => void): (percent: number) => void {
  let shown = -1
  return (percent) => {
    const step = percent >= 100 ? 100 : Math.floor(percent / progressStep) * progressStep
    if (step === shown) return
    shown = step
    onProgress(step)
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
  const progress = throttledProgress(onProgress)
  return process.env.TARO_ENV === 'weapp' ? uploadByCloud(filePath, progress) : uploadByGateway(filePath, progress)
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
  // The same folder as on weapp: the backend accepts photos from this folder only.
  form.append('cloudPath', cloudPathFor())
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
