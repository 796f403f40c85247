import type { ImageProps } from '@tarojs/components'

/**
 * An image's text alternative on both platforms. The mini-program's <image> reads `ariaLabel`; in H5,
 * Taro's image is a <div> around an <img>: the <img> takes `alt`, and an aria-label on the <div> (which
 * has no role) is prohibited.
 */
export function imageAlt(label: string): Pick<ImageProps, 'ariaLabel' | 'imgProps'> {
  return process.env.TARO_ENV === 'h5' ? { imgProps: { alt: label } } : { ariaLabel: label }
}
