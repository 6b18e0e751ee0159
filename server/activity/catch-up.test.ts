// Tests of the start-up catch-up: staff events the index missed are folded in from the ledger, in
// batches, under the sending device's staff member; other kinds and unreadable payloads are left
// out; a current index is left alone, and one ahead of the ledger is reported, not changed.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StaffEvent } from '../../shared/schema';
import type { Ledger } from '../ledger';
import { tempDir, tempLedger } from '../ledger/test-helpers';
import { catchUpActivity } from './catch-up';
import { openActivityIndex, type ActivityIndex } from './store';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
  vi.restoreAllMocks();
});

function setup() {
  const { ledger } = tempLedger();
  const activity = openActivityIndex(join(tempDir(), 'activity.db'), 'Asia/Shanghai');
  open.push(ledger, activity);
  return { ledger, activity };
}

let seq = 0;
const view = (at: string, staffId: string | null): StaffEvent => ({
  schema: 1,
  id: `0190f7a2-1b3c-7def-8a12-${(seq++).toString(16).padStart(12, '0')}`,
  deviceId: '0190f7a2-1b3c-7def-8a12-ffffffffffff',
  seq,
  staffId,
  role: 'support',
  policyVersion: '1',
  at,
  page: { origin: 'https://crm.example.com', path: '/customers/18' },
  kind: 'page-view',
  counts: { phone: 1 },
});

/** Stores events as POST /v1/events does: keyed by id, with the sender. */
function ingest(ledger: Ledger, events: StaffEvent[], senderStaffId?: string): number[] {
  return ledger
    .appendKeyed(
      'staff-event',
      events.map((event) => ({
        key: event.id,
        payload: {
          event,
          receivedAt: '2026-11-20T03:00:00.000Z',
          sender: {
            deviceId: event.deviceId,
            label: 'laptop',
            ...(senderStaffId ? { staffId: senderStaffId } : {}),
          },
        },
      })),
    )
    .map((k) => k.index);
}

const all = (activity: ActivityIndex) =>
  activity.events({ from: '2026-01-01', to: '2026-12-31', limit: 1000 }).rows;

describe('catchUpActivity', () => {
  it('folds the ledger’s staff events into an empty index, in batches, by the device’s staff member', () => {
    const { ledger, activity } = setup();
    ledger.append('governance', [{ kind: 'anything' }]);
    const enrolled = ingest(ledger, [view('2026-11-20T02:00:00.000Z', 'CS-9999')], 'CS-0420');
    ledger.append('console', [{ kind: 'signed-in' }]);
    const unbound = ingest(ledger, [
      view('2026-11-20T02:01:00.000Z', 'CS-0007'),
      view('2026-11-20T02:02:00.000Z', null),
    ]);
    ledger.append('staff-event', [{ not: 'an event' }]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const record = vi.spyOn(activity, 'record');

    expect(catchUpActivity(ledger, activity, 2)).toEqual({ scanned: 6, folded: 3, unreadable: 1 });
    expect(record.mock.calls.map(([rows]) => rows.length)).toEqual([2, 1]);
    expect(warn).toHaveBeenCalledOnce();
    expect(all(activity).map((r) => [r.index, r.staffId])).toEqual([
      [enrolled[0], 'CS-0420'],
      [unbound[0], 'CS-0007'],
      [unbound[1], null],
    ]);
    expect(activity.staffCount({ from: '2026-11-20', to: '2026-11-20' })).toBe(2);
  });

  it('reads only what the index has not seen, and nothing when it is current', () => {
    const { ledger, activity } = setup();
    const first = ingest(ledger, [view('2026-11-20T02:00:00.000Z', 'CS-0420')], 'CS-0420');
    catchUpActivity(ledger, activity);
    const later = ingest(ledger, [view('2026-11-21T02:00:00.000Z', 'CS-0420')], 'CS-0420');
    ledger.append('governance', [{ kind: 'anything' }]);
    expect(catchUpActivity(ledger, activity)).toEqual({ scanned: 2, folded: 1, unreadable: 0 });
    expect(all(activity).map((r) => r.index)).toEqual([first[0], later[0]]);
    // Nothing is read again, not even the trailing governance entry; views are not counted twice.
    expect(catchUpActivity(ledger, activity)).toEqual({ scanned: 0, folded: 0, unreadable: 0 });
    // Events ingested (and folded) after a catch-up move the start past the stopping point.
    const folded = ingest(ledger, [view('2026-11-21T03:00:00.000Z', 'CS-0420')], 'CS-0420');
    activity.record([
      { index: folded[0]!, staffId: 'CS-0420', event: view('2026-11-21T03:00:00.000Z', 'CS-0420') },
    ]);
    ledger.append('consent', [{ kind: 'anything' }]);
    expect(catchUpActivity(ledger, activity)).toEqual({ scanned: 1, folded: 0, unreadable: 0 });
    expect(
      activity.chart({ from: '2026-11-20', to: '2026-11-21', limit: 10, offset: 0 })[0]?.peak,
    ).toBe(2);
  });

  it('reports an index built from another ledger, and leaves it', () => {
    const { ledger, activity } = setup();
    activity.record([
      { index: 5, staffId: 'CS-0420', event: view('2026-11-20T02:00:00.000Z', 'CS-0420') },
    ]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(catchUpActivity(ledger, activity)).toEqual({ scanned: 0, folded: 0, unreadable: 0 });
    expect(warn.mock.calls[0]?.[0]).toContain('Delete activity.db');
  });
});
