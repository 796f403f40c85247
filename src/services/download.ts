import Taro from '@tarojs/taro'

/** How an exported file reached the officer. */
export type FileOutcome = 'downloaded' | 'opened' | 'shared' | 'copied' | 'failed'

/**
 * Saves an export the backend wrote to cloud storage (its temporary link). H5: the browser downloads the
 * link. Weapp: `downloadFile`, then `openDocument` (shows the file where the phone can; WeChat opens
 * office formats and leaves others to its menu), else `shareFileMessage` (send it to 文件传输助手 and open
 * it on a computer), else the link goes to the clipboard.
 */
export async function saveExport(url: string, fileName: string): Promise<FileOutcome> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    a.rel = 'noopener'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return 'downloaded'
  }
  let filePath: string
  try {
    const res = await Taro.downloadFile({ url })
    if (res.statusCode !== 200) throw new Error(`download ${res.statusCode}`)
    filePath = res.tempFilePath
  } catch {
    return copyLink(url)
  }
  try {
    await Taro.openDocument({ filePath, showMenu: true })
    return 'opened'
  } catch {
    // A format the phone cannot show: hand the file on instead.
  }
  if (Taro.canIUse('shareFileMessage')) {
    try {
      await Taro.shareFileMessage({ filePath, fileName })
      return 'shared'
    } catch {
      // Cancelled or unavailable: fall back to the link.
    }
  }
  return copyLink(url)
}

async function copyLink(url: string): Promise<FileOutcome> {
  try {
    await Taro.setClipboardData({ data: url })
    return 'copied'
  } catch {
    return 'failed'
  }
}
