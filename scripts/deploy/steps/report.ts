/** What a step did, item by item, for the summary printed at the end. */
import type { StepName } from '../args';

export type ItemOutcome = 'created' | 'updated' | 'unchanged' | 'uploaded' | 'deleted' | 'kept' | 'verified' | 'manual' | 'failed';

export const OUTCOME_LABELS: Record<ItemOutcome, string> = {
  created: '已创建',
  updated: '已更新',
  unchanged: '无变化',
  uploaded: '已上传',
  deleted: '已删除',
  kept: '保留',
  verified: '已核对',
  manual: '需人工处理',
  failed: '未通过',
};

export interface StepItem {
  subject: string;
  outcome: ItemOutcome;
  note?: string;
}

export interface StepReport {
  step: StepName;
  items: StepItem[];
}

/** A step failure that names what failed and tells the user how to resume. */
export class StepError extends Error {
  constructor(message: string, readonly subject?: string) {
    super(message);
    this.name = 'StepError';
  }
}
