// Test helper: staff statuses and grants as the audit service answers them.
import type { Grant, ReviewCase, StaffStatus } from '../../../shared/schema';

let serial = 0;
const uuid = () => `0190a000-0000-7000-8000-${String(++serial).padStart(12, '0')}`;

/** A grant of `role` from `from` to `to` (ISO instants). */
export function grant(role: string, from: string, to: string): Grant {
  return {
    grantId: uuid(),
    staffId: 'CS-0420',
    role,
    grantedAt: from,
    grantedBy: 'admin',
    expiresAt: to,
    note: 'project',
    revokedAt: null,
    revokedBy: null,
  };
}

/** A review case opened at `at` for the daily limit on `date`. */
export function reviewCase(at: string, date: string, status: ReviewCase['status']): ReviewCase {
  return {
    caseId: uuid(),
    staffId: 'CS-0420',
    openedAt: at,
    fired: [
      {
        rule: 'daily-limit',
        message: 'limit',
        count: 4,
        max: 3,
        date,
        timeZone: 'Asia/Shanghai',
      },
    ],
    trigger: { kind: 'reveal', at },
    status,
    decidedAt: status === 'open' ? null : at,
    decidedBy: status === 'open' ? null : 'reviewer',
    comment: status === 'open' ? null : 'checked',
  };
}

/** CS-0420's status: `support` granted for 2026, unlocked until `unlockedUntil`. */
export function status(overrides: Partial<StaffStatus> = {}): StaffStatus {
  return {
    staffId: 'CS-0420',
    name: 'Li Wei',
    totpActive: true,
    unlockedUntil: '2026-03-06T16:00:00.000Z',
    grants: [grant('support', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')],
    openCase: null,
    approvals: [],
    policyVersion: 'p-1',
    ...overrides,
  };
}
