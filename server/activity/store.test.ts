import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StaffEvent } from '../../shared/schema';
import { openActivityIndex, parseDays, type ActivityIndex, type IndexedEvent } from './store';

const DEVICE = '0190f7a2-1b3c-7def-8a12-000000000001';
const page = { origin: 'https://crm.example.com', path: '/customers/18' };

function view(index: number, at: string, staffId = 'CS-0420'): IndexedEvent {
  const event: StaffEvent = {
    schema: 1,
    id: `0190f7a2-1b3c-7def-8a12-${index.toString(16).padStart(12, '0')}`,
    deviceId: DEVICE,
    seq: index,
    staffId,
    role: 'support',
    policyVersion: '1',
    at,
    page,
    kind: 'page-view',
    counts: { phone: 2 },
  };
  return { index, staffId, event };
}

function reveal(index: number, at: string, staffId = 'CS-0420'): IndexedEvent {
  const event: StaffEvent = {
    schema: 1,
    id: `0190f7a2-1b3c-7def-8a12-${index.toString(16).padStart(12, '0')}`,
    deviceId: DEVICE,
    seq: index,
    staffId,
    role: 'support',
    policyVersion: '1',
    at,
    page,
    kind: 'reveal',
    piiType: 'phone',
    count: 1,
    valueHash: 'a'.repeat(64),
    seconds: 30,
  };
  return { index, staffId, event };
}

describe('openActivityIndex', () => {
  let dir: string;
  let activity: ActivityIndex;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'activity-'));
    activity = openActivityIndex(join(dir, 'activity.db'), 'Asia/Shanghai');
  });
  afterEach(() => {
    activity.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts views and reveals per staff member per local day (16:00Z is midnight in Shanghai)', () => {
    activity.record([
      view(0, '2026-11-20T15:59:59.000Z'),
      view(1, '2026-11-20T16:00:00.000Z'),
      reveal(2, '2026-11-20T16:30:00.000Z'),
      view(3, '2026-11-20T17:00:00.000Z', 'CS-0007'),
    ]);
    const chart = activity
      .chart({ from: '2026-11-20', to: '2026-11-21', limit: 10, offset: 0 })
      .map(({ daysJson, ...rest }) => ({ ...rest, days: parseDays(daysJson) }));
    expect(chart).toEqual([
      {
        staffId: 'CS-0420',
        peak: 2,
        days: [
          ['2026-11-20', 1, 0],
          ['2026-11-21', 1, 1],
        ],
      },
      { staffId: 'CS-0007', peak: 1, days: [['2026-11-21', 1, 0]] },
    ]);
    expect(activity.staffCount({ from: '2026-11-21', to: '2026-11-21' })).toBe(2);
  });

  it('counts a replayed ledger index once', () => {
    activity.record([view(5, '2026-11-21T02:00:00.000Z')]);
    activity.record([view(5, '2026-11-21T02:00:00.000Z')]);
    expect(
      activity.chart({ from: '2026-11-21', to: '2026-11-21', limit: 10, offset: 0 })[0]?.peak,
    ).toBe(1);
    expect(activity.lastIndex()).toBe(5);
  });

  it('pages events by ledger index with filters', () => {
    activity.record(
      Array.from({ length: 7 }, (_, i) =>
        i % 2 ? reveal(i, '2026-11-21T02:00:00.000Z') : view(i, '2026-11-21T02:00:00.000Z'),
      ),
    );
    const first = activity.events({ from: '2026-11-21', to: '2026-11-21', limit: 2 });
    expect(first.rows.map((r) => r.index)).toEqual([0, 1]);
    expect(first.next).toBe(1);
    const reveals = activity.events({
      from: '2026-11-21',
      to: '2026-11-21',
      kind: 'reveal',
      after: first.next!,
      limit: 10,
    });
    expect(reveals.rows.map((r) => r.index)).toEqual([3, 5]);
    expect(reveals.next).toBeNull();
    expect(reveals.rows[0]).toMatchObject({
      piiType: 'phone',
      origin: page.origin,
      staffId: 'CS-0420',
    });
  });

  it('finds a spot check population by recorded role or by staff member', () => {
    activity.record([
      view(0, '2026-11-21T02:00:00.000Z', 'CS-0001'),
      view(1, '2026-11-21T02:00:00.000Z', 'CS-0002'),
      {
        ...view(2, '2026-11-21T02:00:00.000Z', 'CS-0003'),
        event: { ...view(2, '2026-11-21T02:00:00.000Z', 'CS-0003').event, role: 'data-admin' },
      },
      view(3, '2026-12-01T02:00:00.000Z', 'CS-0002'),
    ]);
    expect(
      activity.population({
        from: '2026-10-01',
        to: '2026-11-30',
        roles: ['data-admin'],
        staffIds: ['CS-0002'],
      }),
    ).toEqual([1, 2]);
  });

  it('fetches the events at a list of ledger indexes (a spot check sample), ascending', () => {
    activity.record([
      view(0, '2026-11-21T02:00:00.000Z'),
      reveal(1, '2026-11-21T03:00:00.000Z'),
      view(2, '2026-11-21T04:00:00.000Z'),
    ]);
    const rows = activity.eventsByIndex([2, 1, 99]);
    expect(rows.map((r) => r.index)).toEqual([1, 2]);
    expect(rows[0]).toMatchObject({ kind: 'reveal', piiType: 'phone', day: '2026-11-21' });
    expect(activity.eventsByIndex([])).toEqual([]);
  });

  it('reopened in another time zone, empties itself for the catch-up to rebuild it there', () => {
    activity.record([view(0, '2026-11-21T17:00:00.000Z')]);
    activity.setScannedTo(1);
    activity.close();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    activity = openActivityIndex(join(dir, 'activity.db'), 'Europe/Berlin');
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/Asia\/Shanghai.*Europe\/Berlin.*rebuilt/),
    );
    warn.mockRestore();
    expect(activity.timeZone).toBe('Europe/Berlin');
    expect(activity.scannedTo()).toBe(0);
    expect(activity.eventsByIndex([0])).toEqual([]);
    activity.record([view(0, '2026-11-21T17:00:00.000Z')]);
    // 01:00 on the 22nd in Shanghai, 18:00 on the 21st in Berlin.
    expect(activity.eventsByIndex([0])[0]).toMatchObject({ day: '2026-11-21' });
  });
});
