// What the sync tests share: a staff event of a given sequence number, as the queue holds it.
import type { StaffEvent } from '../../../shared/schema';

/** A valid page-view event of the test device, its id and `seq` derived from `seq`. */
export const testEvent = (seq: number): StaffEvent => ({
  schema: 1,
  id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  deviceId: '0190a000-0000-7000-8000-ffffffffffff',
  seq,
  staffId: 'CS-0420',
  role: 'support',
  policyVersion: '1',
  at: '2026-11-22T10:00:00.000Z',
  page: { origin: 'https://crm.example.com', path: '/c/1' },
  kind: 'page-view',
  counts: { phone: 1 },
});
