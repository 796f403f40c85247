import Taro from '@tarojs/taro'
import type { MyDataOutput } from '@/types/personalData'

/** How the export reached the resident: a browser download, WeChat's file share, or the clipboard. */
export type SaveOutcome = 'downloaded' | 'shared' | 'copied' | 'failed'

function fileName(data: MyDataOutput): string {
  return `我的信息-${data.exportedAt.slice(0, 10)}.json`
}

/**
 * Give the resident their data as a JSON file they can keep. H5: a download. Weapp: a file in the
 * user data folder, sent to a chat with `wx.shareFileMessage` (base library 2.16.1+); where that is
 * missing the text goes to the clipboard (`openDocument` cannot show JSON).
 */
export async function saveMyData(data: MyDataOutput): Promise<SaveOutcome> {
  const text = JSON.stringify(data, null, 2)
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }))
    const a = document.createElement('a')
    a.href = url
    a.download = fileName(data)
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
    return 'downloaded'
  }
  try {
    if (Taro.canIUse('shareFileMessage')) {
      const filePath = `${Taro.env.USER_DATA_PATH}/${fileName(data)}`
      Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8')
      await Taro.shareFileMessage({ filePath, fileName: fileName(data) })
      return 'shared'
    }
    await Taro.setClipboardData({ data: text })
    return 'copied'
  } catch {
    return 'failed'
  }
}
