/** The station desk's labels, zod-free for pages (issue 12). */
export const auditActions = [
  'account_deleted', 'cases_anonymised', 'personal_data_read', 'export', 'role_granted', 'role_removed', 'invite_issued', 'invite_revoked', 'grid_moved', 'settings_changed',
  // issue 12: Open311 API keys
  'api_key_issued', 'api_key_revoked',
  // issue 11: households added and edited in the app
  'household_added', 'household_edited',
] as const;
export type AuditActionName = (typeof auditActions)[number];
export const auditActionLabels: Record<AuditActionName, string> = {
  account_deleted: '注销账号',
  cases_anonymised: '到期匿名化',
  personal_data_read: '查看个人信息',
  export: '导出数据',
  role_granted: '授予角色',
  role_removed: '撤销角色',
  invite_issued: '签发邀请码',
  invite_revoked: '作废邀请码',
  grid_moved: '网格移交',
  settings_changed: '修改设置',
  // issue 12: Open311 API keys
  api_key_issued: '签发接口密钥',
  api_key_revoked: '停用接口密钥',
  household_added: '新增住户',
  household_edited: '修改住户信息',
};

