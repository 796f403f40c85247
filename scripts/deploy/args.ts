/** Command line of `npm run deploy -- [--dry-run] [--only <step>]… [--skip-build] [--config <file>]`. */
const STEPS = ['build', 'database', 'functions', 'miniprogram'] as const;
export type StepName = (typeof STEPS)[number];

export const STEP_LABELS: Record<StepName, string> = {
  build: '构建',
  database: '数据库',
  functions: '云函数',
  miniprogram: '小程序',
};

export interface DeployArgs {
  dryRun: boolean;
  /** In deploy order; all steps when --only is absent. */
  steps: StepName[];
  skipBuild: boolean;
  configFile?: string;
  help: boolean;
}

export class ArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgsError';
  }
}

export const USAGE = `用法：npm run deploy -- [选项]
  --dry-run           只打印部署计划并做检查，不需要密钥，不连接任何服务
  --only <步骤>       只执行某一步，可重复：build | database | functions | miniprogram
  --skip-build        不重新构建，直接使用现有的 dist/ 产物
  --config <文件>     使用指定的配置文件（默认 deploy.config.json）
  --help              显示本说明`;

function isStep(value: string): value is StepName {
  return (STEPS as readonly string[]).includes(value);
}

export function parseArgs(argv: readonly string[]): DeployArgs {
  const only: StepName[] = [];
  const args: DeployArgs = { dryRun: false, steps: [], skipBuild: false, help: false };
  const addSteps = (value: string | undefined) => {
    if (!value) throw new ArgsError(`--only 后面要写步骤名：${STEPS.join(' | ')}`);
    for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (!isStep(part)) throw new ArgsError(`未知的步骤 "${part}"，可选：${STEPS.join(' | ')}`);
      if (!only.includes(part)) only.push(part);
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--skip-build') args.skipBuild = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--only') addSteps(argv[++i]);
    else if (arg.startsWith('--only=')) addSteps(arg.slice('--only='.length));
    else if (arg === '--config') {
      const file = argv[++i];
      if (!file) throw new ArgsError('--config 后面要写配置文件路径');
      args.configFile = file;
    } else if (arg.startsWith('--config=')) args.configFile = arg.slice('--config='.length);
    else throw new ArgsError(`未知的参数 "${arg}"\n${USAGE}`);
  }
  args.steps = only.length > 0 ? STEPS.filter((s) => only.includes(s)) : [...STEPS];
  return args;
}
