import { View, Text } from '@tarojs/components'
import { privacyGuideVersion } from '@/services'
import './index.scss'

/** The privacy guide in plain words (the H5 counterpart of WeChat's declared guide). */
const sections: [string, string[]][] = [
  ['我们收集什么', ['您选择的社区、楼栋和单元；您愿意留下的称呼和电话。', '您提交的问题描述、照片和位置（楼栋或您在地图上选的点）。', '您对办理结果的评价。']],
  ['用来做什么', ['把您的事项送到负责您楼栋的社区民警，并通知您办理进展。', '派出所统计各类问题、办理时长和满意度，用来改进工作。']],
  ['谁能看到', ['办理您事项的民警和派出所工作人员。', '匿名上报时，工作人员看不到您的姓名和电话（系统仅为防止滥用保留记录）。', '其他居民看不到您的个人信息。']],
  ['保存和删除', ['事项办结后按派出所档案规定保存。', '您可以撤回尚未办结的事项，或联系派出所更正您的信息。']],
]

export default function PrivacyPage() {
  return (
    <View className="privacy">
      <Text className="privacy__title">枫桥家园隐私保护指引</Text>
      <Text className="privacy__version">版本 {privacyGuideVersion} · 和苑派出所</Text>
      {sections.map(([title, lines]) => (
        <View key={title} className="privacy__section">
          <Text className="privacy__heading">{title}</Text>
          {lines.map((line) => (
            <Text key={line} className="privacy__line">
              {line}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}
