// Builders of grants, review cases and rule firings for the access tests: valid by their schemas,
// with only what a test is about to be chosen.
import { GrantSchema, ReviewCaseSchema, type Grant, type ReviewCase } from '../schema/staff';
import type { RuleFiring } from '../schema/rules';

let serial = 0;
/** A fresh UUIDv7-shaped id, distinct within a test run. */
function uuid(): string {
  serial += 1;
  return `0190a5d0-0000-7000-8000-${String(serial).padStart(12, '0')}`;
}

/** A grant of `role` from `grantedAt` until `expiresAt`, revoked at `revokedAt` if given. */
export function grant(
  role: string,
  grantedAt: string,
  expiresAt: string,
  revokedAt: string | null = null,
): Grant {
  return GrantSchema.parse({
    grantId: uuid(),
    staffId: 'CS-0420',
    role,
    grantedAt,
    grantedBy: 'alice',
    expiresAt,
    note: 'support desk rota',
    revokedAt,
    revokedBy: revokedAt ? 'alice' : null,
  });
}

/** A daily-limit firing for the local `date`. */
export const dailyFiring = (date: string, timeZone = 'Asia/Shanghai'): RuleFiring => ({
  rule: 'daily-limit',
  message: 'limit',
  count: 51,
  max: 50,
  date,
  timeZone,
});

/** A working-hours firing for the local `date` (a weekday evening). */
export const hoursFiring = (date: string, timeZone = 'Asia/Shanghai'): RuleFiring => ({
  rule: 'working-hours',
  message: 'after hours',
  date,
  weekday: 'fri',
  time: '18:01',
  timeZone,
  dayKind: 'workday',
  hours: { start: '09:00', end: '18:00' },
});

export const bulkFiring: RuleFiring = {
  rule: 'bulk-reveals',
  message: 'burst',
  count: 11,
  max: 10,
  seconds: 60,
};

/**
 * A review case of `fired`, opened at `openedAt` and, unless open, decided at `decidedAt`
 * (default: an hour after it opened).
 */
export function reviewCase(
  fired: RuleFiring[],
  status: ReviewCase['status'],
  openedAt: string,
  decidedAt: string | null = status === 'open'
    ? null
    : new Date(Date.parse(openedAt) + 3_600_000).toISOString(),
): ReviewCase {
  return ReviewCaseSchema.parse({
    caseId: uuid(),
    staffId: 'CS-0420',
    openedAt,
    fired,
    trigger: { kind: 'reveal', at: openedAt, piiType: 'phone' },
    status,
    decidedAt,
    decidedBy: status === 'open' ? null : 'bob',
    comment: status === 'open' ? null : 'checked the tickets of that day',
  });
}
