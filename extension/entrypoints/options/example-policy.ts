// The example policy "Load example" fills in: protects the demo CRM and a typical company CRM,
// with one role that reveals little and one that may also pause. Each key is explained below it.
import type { StaffPolicyInput } from '../../../shared/schema';

const EXAMPLE: StaffPolicyInput = {
  version: '2026-11-01',
  protect: ['http://127.0.0.1/*', 'https://crm.example.com/*'],
  exclude: ['https://crm.example.com/login*'],
  sites: [
    {
      match: ['http://127.0.0.1/demo/*'],
      selectors: [{ selector: '#customers tbody td:nth-child(2)', type: 'name' }],
      watermark: false,
    },
  ],
  roles: {
    support: { reveal: { phone: { reasonRequired: true }, email: { reasonRequired: false } } },
    'team-lead': {
      reveal: { phone: {}, email: {}, cn_id: { reasonRequired: true } },
      mayPause: true,
    },
  },
  revealSeconds: 30,
};

export const EXAMPLE_POLICY_TEXT = JSON.stringify(EXAMPLE, null, 2);

/** What each key of the policy means, shown next to the editor. */
export const POLICY_KEYS: readonly [key: string, meaning: string][] = [
  ['version', '版本，写入每条日志 A label for this policy; every event records it.'],
  [
    'protect',
    '需遮盖的页面 Pages to mask, as match patterns. No port means any port: "http://127.0.0.1/*" covers the demo on any port.',
  ],
  ['exclude', '不遮盖的页面 Pages never masked, even when "protect" matches them.'],
  [
    'sites',
    '站点规则 Per-site rules: CSS selectors whose text is a name or address, and a watermark.',
  ],
  [
    'roles',
    '角色 What each role may reveal (and whether a reason is asked), and whether it may pause.',
  ],
  ['revealSeconds', '显示时长 How long a revealed value shows, 1–600 s (default 30).'],
];
