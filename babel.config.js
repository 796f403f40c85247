// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// NutUI React Taro 3.0.x ships one folder per component (lower-case) with a prebuilt `style/css`
// entry; importing each used component's CSS keeps both packages small (the theme variables are
// imported once in src/app.ts).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        style: (name) => `${name}/style/css`,
        camel2DashComponentName: false,
      },
      'nutui-react-taro',
    ],
  ],
}
