// Tests of the per-tab, per-frame store behind the badge.
import { describe, expect, it } from 'vitest';
import { createTabFindings, type SessionArea } from './tab-findings';

/** An in-memory `storage.session`, slow enough that unordered writes would lose updates. */
function memoryArea(): SessionArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const tick = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
  return {
    data,
    async get(key) {
      await tick();
      return data.has(key) ? { [key]: structuredClone(data.get(key)) } : {};
    },
    async set(items) {
      await tick();
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
    async remove(key) {
      await tick();
      data.delete(key);
    },
  };
}

describe('createTabFindings', () => {
  it('adds up the latest counts of each frame', async () => {
    const store = createTabFindings(memoryArea());
    await store.report(1, 0, { phone: 2 }, 'load');
    await store.report(1, 5, { email: 1 }, 'load');
    const { total } = await store.report(1, 0, { phone: 3 }, 'change');
    expect(total).toEqual({ phone: 3, email: 1 });
  });

  it('keeps tabs apart', async () => {
    const store = createTabFindings(memoryArea());
    await store.report(1, 0, { phone: 2 }, 'load');
    expect((await store.report(2, 0, { email: 1 }, 'load')).total).toEqual({ email: 1 });
  });

  it('starts over when the top frame loads a page, and asks the other frames again', async () => {
    const store = createTabFindings(memoryArea());
    await store.report(1, 0, { phone: 2 }, 'load');
    await store.report(1, 3, { cn_id: 1 }, 'load');
    const next = await store.report(1, 0, { email: 1 }, 'load');
    expect(next).toEqual({ total: { email: 1 }, askOtherFrames: true });
    const alone = await store.report(1, 0, { email: 1 }, 'load');
    expect(alone.askOtherFrames).toBe(false);
  });

  it('removes a frame that unloads', async () => {
    const store = createTabFindings(memoryArea());
    await store.report(1, 0, { phone: 2 }, 'load');
    await store.report(1, 3, { cn_id: 1 }, 'load');
    expect((await store.report(1, 3, {}, 'unload')).total).toEqual({ phone: 2 });
  });

  it('runs concurrent reports of one tab in order, losing none', async () => {
    const store = createTabFindings(memoryArea());
    const reports = Array.from({ length: 20 }, (_, frame) =>
      store.report(1, frame + 1, { phone: 1 }, 'change'),
    );
    const results = await Promise.all(reports);
    expect(results.at(-1)?.total).toEqual({ phone: 20 });
  });

  it('treats an unreadable stored record as empty, and forgets closed tabs', async () => {
    const area = memoryArea();
    area.data.set('page-findings:tab:1', { version: 0, frames: 'garbage' });
    const store = createTabFindings(area);
    expect((await store.report(1, 0, { phone: 1 }, 'change')).total).toEqual({ phone: 1 });
    await store.clear(1);
    expect(area.data.size).toBe(0);
  });
});
