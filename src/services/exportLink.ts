import Taro from '@tarojs/taro'

export type OpenOutcome = 'downloaded' | 'shared' | 'copied' | 'failed'

/**
 * Hand a desk export (a temporary link to a CSV in cloud storage) to the person. H5, on the station's
 * desk computer: the browser downloads it. Weapp: the file is downloaded and sent to a chat with
 * `wx.shareFileMessage` (base library 2.16.1+), else the link goes to the clipboard.
 */
export async function openExport(url: string, fileName: string): Promise<OpenOutcome> {
  if (process.env.TARO_ENV === 'h5') {
    // The file lives in cloud storage (another origin, where `download` is ignored): a new tab
    // downloads it and the desk page stays as it is.
    window.open(url, '_blank', 'noopener')
    return 'downloaded'
  }
  try {
    if (Taro.canIUse('shareFileMessage')) {
      const { tempFilePath } = await Taro.downloadFile({ url })
      await Taro.shareFileMessage({ filePath: tempFilePath, fileName })
      return 'shared'
    }
    await Taro.setClipboardData({ data: url })
    return 'copied'
  } catch {
    return 'failed'
  }
}
