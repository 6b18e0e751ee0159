// Words the extension's own pages (popup, options) show staff, in the two languages they use.
import type { PiiType, PolicySource } from '../../../shared/schema';
import type { TabProtection } from '../../../shared/schema/popup';

/** Plain-language names of the PII types. */
export const TYPE_LABELS: Readonly<Record<PiiType, string>> = {
  cn_id: '身份证号 ID number',
  phone: '手机号 Phone',
  bank_card: '银行卡号 Bank card',
  email: '邮箱 E-mail',
  uscc: '统一社会信用代码 USCC',
  passport: '护照号 Passport',
  name: '姓名 Name',
  address: '地址 Address',
};

/** Where the policy in force came from. */
export const SOURCE_LABELS: Readonly<Record<PolicySource, string>> = {
  managed: '管理员下发 Set by your administrator',
  server: '审计服务签发 Signed by the audit service',
  options: '设置页 From the options page',
  'fail-closed': '无策略，全部遮盖 None: everything masked (fail closed)',
};

/** What protects a tab. */
export const PROTECTION_LABELS: Readonly<Record<TabProtection, string>> = {
  protected: '已保护 Protected',
  paused: '已暂停 Paused',
  unprotected: '未受策略保护 Not protected by the policy',
};
