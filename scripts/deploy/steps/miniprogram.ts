/** Mini-program step: upload the production build as this robot's development version. */
import type { MiniProgramUploader } from '../clients';
import { formatBytes } from '../bundles';
import type { DeployPlan } from '../plan';
import type { StepReport } from './report';

export async function deployMiniProgram(uploader: MiniProgramUploader, plan: DeployPlan['miniprogram'], log: (line: string) => void): Promise<StepReport> {
  const res = await uploader.upload({ projectPath: plan.projectPath, version: plan.version, description: plan.description, robot: plan.robot });
  const sizes = res.packages.map((p) => `${p.name} ${formatBytes(p.size)}`).join('，');
  log(`  小程序版本 ${plan.version} 已上传${sizes ? `：${sizes}` : ''}`);
  return { step: 'miniprogram', items: [{ subject: `小程序 ${plan.version}`, outcome: 'uploaded', note: `${plan.description}；在公众平台“版本管理”中设为体验版或提交审核` }] };
}
