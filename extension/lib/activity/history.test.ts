// Tests of the local activity history: kept for its window, in time order, none lost to racing writes.
import { describe, expect, it } from 'vitest';
import { memoryArea } from '../service/area';
import { ACTIVITY_KEY, createActivityLog, prune } from './history';

const HOUR = 3_600_000;

describe('prune', () => {
  it('keeps what is inside the window, sorted', () => {
    const now = 100 * HOUR;
    expect(
      prune(
        [
          { at: now - 50 * HOUR, kind: 'view' },
          { at: now - 1, kind: 'reveal' },
          { at: now - 49 * HOUR, kind: 'view' },
        ],
        now,
        50 * HOUR,
      ),
    ).toEqual([
      { at: now - 49 * HOUR, kind: 'view' },
      { at: now - 1, kind: 'reveal' },
    ]);
  });
});

describe('createActivityLog', () => {
  it('records concurrent writes without losing any, and forgets on clear', async () => {
    const area = memoryArea();
    let now = 10 * HOUR;
    const log = createActivityLog(area, 50 * HOUR, () => now);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        log.record({ at: now + i, kind: i % 2 ? 'view' : 'reveal' }),
      ),
    );
    expect(await log.read(now + 100)).toHaveLength(20);
    now += 60 * HOUR;
    await log.record({ at: now, kind: 'view' });
    expect(await log.read(now)).toEqual([{ at: now, kind: 'view' }]);
    await log.clear();
    expect(area.data.has(ACTIVITY_KEY)).toBe(false);
    await area.set({ [ACTIVITY_KEY]: { schema: 1, items: [{ at: -1, kind: 'view' }] } });
    expect(await log.read(now)).toEqual([]);
  });
});
