// The console's words for the values it shows, Chinese and English side by side as in the
// extension's popup: reviewers in the office read Chinese, auditors and vendors often English.
import type { PiiType } from '../../../shared/schema/pii';
import type {
  DeadlineStep,
  FindingVerdict,
  IncidentAction,
  IncidentLevel,
} from '../../../shared/schema/review';
import type { RuleId } from '../../../shared/schema/rules';
import type { OperatorRole, ReviewStatus } from '../../../shared/schema/staff';
import type { StaffEvent } from '../../../shared/schema/events';
import type { DataRequestStatus } from '../api';

export const ROLE_LABELS: Readonly<Record<OperatorRole, string>> = {
  auditor: '审计员 Auditor',
  reviewer: '复核员 Reviewer',
  admin: '管理员 Administrator',
};

export const REVIEW_STATUS_LABELS: Readonly<Record<ReviewStatus, string>> = {
  open: '待复核 Open',
  approved: '已批准 Approved',
  rejected: '已驳回 Rejected',
};

export const EVENT_KIND_LABELS: Readonly<Record<StaffEvent['kind'], string>> = {
  'page-view': '查看 View',
  reveal: '显示原文 Reveal',
  pause: '暂停保护 Pause',
  resume: '恢复保护 Resume',
};

/** An event kind's name; an unknown kind (a newer server) shows as sent. */
export function eventKindLabel(kind: string): string {
  const labels: Readonly<Record<string, string | undefined>> = EVENT_KIND_LABELS;
  return labels[kind] ?? kind;
}

export const PII_LABELS: Readonly<Record<PiiType, string>> = {
  cn_id: '身份证号 ID number',
  phone: '手机号 Phone',
  bank_card: '银行卡号 Bank card',
  email: '邮箱 E-mail',
  uscc: '统一社会信用代码 USCC',
  passport: '护照号 Passport',
  name: '姓名 Name',
  address: '地址 Address',
};

/** A PII type's name; an unknown type (a newer server) shows as sent. */
export function piiLabel(type: string | null): string {
  if (type === null) return '—';
  const labels: Readonly<Record<string, string | undefined>> = PII_LABELS;
  return labels[type] ?? type;
}

export const RULE_LABELS: Readonly<Record<RuleId, string>> = {
  'daily-limit': '每日上限 Daily limit',
  'working-hours': '工作时间 Working hours',
  'bulk-reveals': '批量显示 Bulk reveals',
};

export const VERDICT_LABELS: Readonly<Record<FindingVerdict, string>> = {
  ok: '正常 OK',
  concern: '存疑 Concern',
  violation: '违规 Violation',
};

export const LEVEL_LABELS: Readonly<Record<IncidentLevel, string>> = {
  1: '一级 Level 1 · 单条误发 single misdirected record',
  2: '二级 Level 2 · 批量泄露 batch exposure',
  3: '三级 Level 3 · 大范围 wide exposure',
  4: '四级 Level 4 · 重大 major exposure',
};

export const STEP_LABELS: Readonly<Record<DeadlineStep, string>> = {
  'customer-notified': '告知客户 Tell the customer',
  'regulator-reported': '报告监管 Report to the regulator',
};

export const ACTION_LABELS: Readonly<Record<IncidentAction, string>> = {
  'customer-notified': '已告知客户 Customer notified',
  'regulator-reported': '已报告监管 Regulator reported',
  contained: '已控制 Contained',
  note: '备注 Note',
  closed: '结案 Closed',
};

export const REQUEST_STATUS_LABELS: Readonly<Record<DataRequestStatus, string>> = {
  open: '待处理 Open',
  'in-progress': '处理中 In progress',
  done: '已完成 Done',
  refused: '已拒绝 Refused',
};

export const REQUEST_KIND_LABELS = {
  deletion: '删除 Deletion',
  copy: '副本 Copy',
} as const;
