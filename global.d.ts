/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.jpg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** Injected by config/index.ts `defineConstants`. */
declare const FQ_CLOUD_ENV: string
declare const FQ_GATEWAY_BASE: string

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn' | undefined
    TARO_APP_CLOUD_ENV?: string
    TARO_APP_GATEWAY?: string
  }
}
