// Every text the widget itself shows, as [English, 简体中文] pairs (the policy brings its own
// texts). One table with each key once: the widget's byte budget would count keys twice otherwise.
import type { Language } from '../../shared/schema/consent';

type N = number;
type S = string;

const TEXTS = {
  other: ['中文', 'English'],
  otherLabel: ['切换到中文', 'Switch to English'],
  title: ['Your privacy choices', '您的隐私选择'],
  centerTitle: ['Privacy center', '隐私偏好中心'],
  changedTitle: ['We changed our privacy policy', '我们更新了隐私政策'],
  expiredTitle: ['Please confirm your choices again', '请重新确认您的选择'],
  sensitiveTitle: ['Sensitive information', '敏感个人信息'],
  verifyTitle: ['Confirm it is you', '验证您的身份'],
  close: ['Close', '关闭'],
  fab: ['Privacy settings', '隐私设置'],
  controller: ['Controller: ', '个人信息处理者：'],
  rights: ['Your rights: ', '您的权利：'],
  fullPolicy: ['Full privacy policy', '完整隐私政策'],
  acceptAll: ['Accept all', '全部同意'],
  rejectAll: ['Reject all', '全部拒绝'],
  save: ['Save choices', '保存选择'],
  alwaysOn: ['Always on', '始终开启'],
  sensitive: ['Sensitive', '敏感'],
  fields: ['Data', '所需信息'],
  kept: ['Kept', '保存期限'],
  shared: ['Shared with', '提供给'],
  level: ['Level', '等级'],
  nobody: ['Nobody', '无'],
  // How the widget joins texts: full-width punctuation in Chinese.
  colon: [': ', '：'],
  paren: [(s: S) => ` (${s})`, (s: S) => `（${s}）`],
  days: [(n: N) => `${n} days`, (n: N) => `${n} 天`],
  askAgain: [(n: N) => `; consent lasts ${n} days`, (n: N) => `；同意有效期 ${n} 天`],
  levels: [
    ['1 (ID, bank card)', '2 (contact, purchases)', '3 (statistics)'],
    ['一级（身份证、银行卡）', '二级（联系方式、购买记录）', '三级（统计）'],
  ],
  gpc: [
    'Off: we honour your browser’s Global Privacy Control.',
    '已关闭：我们遵从您浏览器的“全球隐私控制”信号。',
  ],
  again: ['Please decide on these again.', '请对以下用途重新选择。'],
  changedIntro: ['Changed since your last choice:', '自您上次选择以来的变化：'],
  policyText: ['Summary, rights or contact', '政策摘要、权利或联系方式'],
  added: ['new', '新增'],
  removed: ['no longer used', '不再使用'],
  changed: ['changed', '有变化'],
  other_: ['description', '说明'],
  next: ['Continue', '继续'],
  sensitiveIntro: [
    'This needs your separate, explicit consent; without it, it stays off.',
    '此用途需要您单独、明确地同意；未同意则保持关闭。',
  ],
  statement: [
    (who: S, what: S, why: S) => `I agree that ${who} processes my ${what} for “${why}”.`,
    (who: S, what: S, why: S) => `我同意${who}为“${why}”处理我的${what}。`,
  ],
  agree: ['Agree', '同意'],
  decline: ['Don’t agree', '不同意'],
  channel: ['Send a one-time code by', '验证码发送方式'],
  sms: ['SMS', '短信'],
  email: ['E-mail', '电子邮件'],
  smsAddress: ['Mobile number', '手机号'],
  emailAddress: ['E-mail address', '电子邮箱'],
  send: ['Send code', '发送验证码'],
  sent: [(to: S) => `Code sent to ${to}.`, (to: S) => `验证码已发送至 ${to}。`],
  code: ['6-digit code', '6 位验证码'],
  confirm: ['Confirm', '确认'],
  resend: ['New code', '重新发送'],
  cancel: ['Cancel', '取消'],
  wrongCode: ['Wrong code: check it and try again.', '验证码不正确，请重试。'],
  locked: ['Too many tries: send a new code.', '错误次数过多，请重新发送。'],
  expiredCode: ['This code no longer works: send a new one.', '验证码已失效，请重新发送。'],
  tooMany: [
    'Too many codes for this address; try later.',
    '该号码或邮箱的验证码过多，请稍后再试。',
  ],
  badAddress: ['Check the address.', '请检查号码或邮箱。'],
  unreachable: ['Service unreachable; try again later.', '暂时无法连接服务，请稍后再试。'],
  saved: ['Saved.', '已保存。'],
  queued: [
    'Saved here, recorded once back online; nothing new is on until then.',
    '已暂存，恢复连接后记录；此前不开启任何新用途。',
  ],
  on: ['On', '已开启'],
  off: ['Off', '已关闭'],
  waiting: ['Waiting', '待记录'],
  withdraw: ['Withdraw', '撤回'],
  grant: ['Turn on', '开启'],
  localOnly: ['Kept in this browser only.', '仅保存在本浏览器中。'],
  history: ['History', '历史记录'],
  banner: ['notice', '通知'],
  'privacy-center': ['privacy center', '隐私偏好中心'],
  api: ['site', '网站'],
  verified: ['verified', '已验证'],
  agreed: ['Agreed: ', '同意：'],
  refused: ['Refused: ', '拒绝：'],
  download: ['Download receipt', '下载凭证'],
  yourData: ['Your data', '您的数据'],
  deletion: ['Request deletion', '申请删除'],
  copy: ['Request a copy', '申请副本'],
  open: ['received', '已受理'],
  'in-progress': ['in progress', '处理中'],
  done: ['done', '已完成'],
  rejected: ['refused', '已拒绝'],
  due: ['due ', '截止 '],
} as const;

type Widen<T> = T extends string ? string : T extends readonly string[] ? readonly string[] : T;
/** The texts of one language. */
export type Strings = { -readonly [K in keyof typeof TEXTS]: Widen<(typeof TEXTS)[K][0]> };

/** The texts in `language`. */
export function strings(language: Language): Strings {
  const i = language === 'en' ? 0 : 1;
  // TEXTS has every key of Strings with a pair of values; fromEntries forgets that.
  return Object.fromEntries(
    Object.entries(TEXTS).map(([key, pair]) => [key, pair[i]]),
  ) as unknown as Strings;
}
