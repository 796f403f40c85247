import { View, Text } from '@tarojs/components'
import { privacyGuideVersion } from '@/services'
import { loadSession } from '@/session'
import { useRemote } from '@/hooks/useRemote'
import { elderClass } from '@/lib/elderMode'
import './index.scss'

/**
 * The privacy guide in plain words (the H5 counterpart of WeChat's declared guide). A change here is a
 * new guide: bump PRIVACY_VERSION in types/privacy.ts so residents are asked again.
 */
const sections: [string, string[]][] = [
  [
    '我们收集什么',
    [
      '您选择的社区、楼栋和单元；加入社区和提交事项时您填写的称呼和手机号。',
      '您提交的问题描述、照片和位置（楼栋，或您在地图上选的点）。',
      '申请调解时您写下的对方情况（称呼、关系、联系方式和纠纷经过）。',
      '您对办理结果的评价。',
    ],
  ],
  [
    '用来做什么',
    [
      '把您的事项送到负责您楼栋的社区民警，并通知您办理进展。',
      '您提交的文字和照片会先交给微信的内容安全检测，防止违法违规内容，检测后不另作他用。',
      '派出所统计各类问题、办理时长和满意度，用来改进工作。',
    ],
  ],
  [
    '谁能看到',
    [
      '办理您事项的民警、调解员和派出所工作人员。',
      '匿名上报时，工作人员看不到您的姓名和电话（系统仅为防止滥用保留记录）。',
      '其他居民看不到您的个人信息；列表里的电话打码显示。',
    ],
  ],
  [
    '保存和删除',
    [
      '事项办结满 3 年后，其中的姓名、电话、文字和照片等个人信息会被自动清除。',
      '您可以在“我的信息”里查看、导出自己的信息，也可以注销账号：注销后您的账号、关注、消息和订阅记录立即删除，已提交事项里的姓名和电话一并抹去。',
      '您可以撤回尚未办结的事项，或联系派出所更正您的信息。',
    ],
  ],
]

export default function PrivacyPage() {
  const session = useRemote(() => loadSession(), [])
  const station = session.state.data?.station
  return (
    <View className={`privacy${elderClass()}`}>
      <Text className="privacy__title">枫桥家园隐私保护指引</Text>
      <Text className="privacy__version">
        版本 {privacyGuideVersion}
        {station ? ` · ${station.name}` : ''}
      </Text>
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
