// Tests of one sync round against a fake queue and fake server answers: only acknowledged events
// leave, rejected ones become dead letters, every failure keeps the batch.
import { describe, expect, it } from 'vitest';
import type { StaffEvent } from '../../../shared/schema';
import { testEvent } from './test-helpers';
import { syncOnce, type SyncPorts } from './sync-once';

const event = testEvent;

function fakeQueue(
  events: StaffEvent[],
  answer: (body: { events: StaffEvent[] }) => Response | Error,
) {
  const queue = new Map(events.map((e) => [e.id, e]));
  const dead = new Map<string, string>();
  const requests: { url: string; auth: string | null }[] = [];
  const ports: SyncPorts = {
    readBatch: async (limit, after) => {
      const all = [...queue.values()];
      const last = after?.events.at(-1);
      const from = last ? all.findIndex((e) => e.seq > last.seq) : 0;
      const batch = from < 0 ? [] : all.slice(from, from + limit);
      return { events: batch, from: batch[0]?.seq ?? -1, to: batch.at(-1)?.seq ?? -1 };
    },
    settleBatch: async (_batch, acked, rejected) => {
      for (const id of acked) queue.delete(id);
      for (const { id, reason } of rejected) {
        dead.set(id, reason);
        queue.delete(id);
      }
    },
    fetch: async (url, init) => {
      requests.push({ url: String(url), auth: new Headers(init?.headers).get('authorization') });
      const result = answer(JSON.parse(String(init?.body)));
      if (result instanceof Error) throw result;
      return result;
    },
  };
  return { ports, queue, dead, requests };
}

const settings = { serverUrl: 'http://127.0.0.1:8787', deviceToken: 'device-token-0123456789' };
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('syncOnce', () => {
  it('removes acknowledged events and dead-letters rejected ones, nothing else', async () => {
    const events = [event(0), event(1), event(2)];
    const { ports, queue, dead, requests } = fakeQueue(events, () =>
      json({
        acks: [{ id: events[0]!.id, index: 7, duplicate: false }],
        rejected: [{ id: null, position: 1, reason: 'counts.phone: must be an integer' }],
        gaps: [],
        receivedAt: '2026-11-22T10:00:01.000Z',
      }),
    );
    expect(await syncOnce(ports, settings)).toEqual({
      kind: 'sent',
      acked: 1,
      rejected: 1,
      more: false,
    });
    expect([...queue.keys()]).toEqual([events[2]!.id]);
    expect(dead.get(events[1]!.id)).toContain('integer');
    expect(requests).toEqual([
      { url: 'http://127.0.0.1:8787/v1/events', auth: 'Bearer device-token-0123456789' },
    ]);
  });

  it('reports more when a full batch went', async () => {
    const events = [event(0), event(1)];
    const { ports } = fakeQueue(events, (body) =>
      json({
        acks: body.events.map((e, i) => ({ id: e.id, index: i, duplicate: false })),
        rejected: [],
        gaps: [],
        receivedAt: '2026-11-22T10:00:01.000Z',
      }),
    );
    expect(await syncOnce(ports, settings, 1)).toMatchObject({
      kind: 'sent',
      acked: 1,
      more: true,
    });
  });

  it('keeps every event on server errors, time-outs, garbage answers, and passes Retry-After', async () => {
    const cases: [Response | Error, object][] = [
      [json({ error: 'x' }, 500), { kind: 'retry', reason: 'server answered HTTP 500' }],
      [json({}, 503, { 'retry-after': '30' }), { kind: 'retry', retryAfter: '30' }],
      [new TypeError('Failed to fetch'), { kind: 'retry', reason: 'server unreachable' }],
      [
        Object.assign(new Error('t'), { name: 'TimeoutError' }),
        { kind: 'retry', reason: 'server timed out' },
      ],
      [
        // Headers came, then the body stalled past the time-out.
        Object.assign(json({}), {
          json: () => Promise.reject(Object.assign(new Error('t'), { name: 'TimeoutError' })),
        }),
        { kind: 'retry', reason: 'server timed out' },
      ],
      [new Response('<html>', { status: 200 }), { kind: 'retry' }],
      [json({ acks: 'all' }), { kind: 'retry', reason: 'server answer does not match the schema' }],
      [json({}, 401), { kind: 'blocked' }],
    ];
    for (const [answer, outcome] of cases) {
      const { ports, queue, dead } = fakeQueue([event(0)], () => answer);
      expect(await syncOnce(ports, settings)).toMatchObject(outcome);
      expect(queue.size).toBe(1);
      expect(dead.size).toBe(0);
    }
  });

  it('never sends over plain http off loopback, and is idle on an empty queue', async () => {
    const { ports, requests } = fakeQueue([event(0)], () => json({}));
    expect(
      await syncOnce(ports, { ...settings, serverUrl: 'http://audit.example.com' }),
    ).toMatchObject({
      kind: 'blocked',
    });
    expect(requests).toEqual([]);
    expect(await syncOnce(fakeQueue([], () => json({})).ports, settings)).toEqual({ kind: 'idle' });
  });
});
