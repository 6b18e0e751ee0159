// Tests of the draining loop against a fake queue and server: batches go in queue order, one
// request at a time, each settled as answered; a failure stops it with what was sent settled.
import { describe, expect, it } from 'vitest';
import type { StaffEvent } from '../../../shared/schema';
import { testEvent } from './test-helpers';
import type { QueueBatch } from '../queue';
import { syncAll } from './sync-all';
import type { SyncPorts } from './sync-once';

const event = testEvent;

const settings = { serverUrl: 'http://127.0.0.1:8787', deviceToken: 'device-token-0123456789' };

function fake(
  count: number,
  fail: (request: number) => Response | undefined,
  unanswered: (seq: number) => boolean = () => false,
) {
  const queue = new Map(Array.from({ length: count }, (_, i) => [event(i).id, event(i)]));
  const sent: number[][] = [];
  let inFlight = 0;
  let most = 0;
  const ports: SyncPorts = {
    readBatch: async (limit, after?: QueueBatch) => {
      const last = after?.events.at(-1);
      const events = [...queue.values()].filter((e) => !last || e.seq > last.seq).slice(0, limit);
      return { events, from: events[0]?.seq ?? -1, to: events.at(-1)?.seq ?? -1 };
    },
    settleBatch: async (_batch, acked) => {
      for (const id of acked) queue.delete(id);
    },
    fetch: async (_url, init) => {
      const { events } = JSON.parse(String(init?.body)) as { events: StaffEvent[] };
      sent.push(events.map((e) => e.seq));
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      const failure = fail(sent.length);
      if (failure) return failure;
      const acks = events
        .filter((e) => !unanswered(e.seq))
        .map((e, index) => ({ id: e.id, index, duplicate: false }));
      return Response.json({ acks, rejected: [], gaps: [], receivedAt: '2026-11-22T10:00:01Z' });
    },
  };
  return { ports, queue, sent, most: () => most };
}

describe('syncAll', () => {
  it('sends every batch once, in order, one request at a time, until the queue is empty', async () => {
    const { ports, queue, sent, most } = fake(7, () => undefined);
    const outcome = await syncAll(ports, settings, { batchSize: 3 });
    expect(outcome).toEqual({ kind: 'sent', acked: 7, rejected: 0, more: false });
    expect(sent).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(most()).toBe(1);
    expect(queue.size).toBe(0);
    expect(await syncAll(ports, settings)).toEqual({ kind: 'idle' });
  });

  it('stops at a failure, keeping that batch and what follows, and reports it', async () => {
    const { ports, queue, sent } = fake(7, (n) =>
      n === 2 ? Response.json({}, { status: 503, headers: { 'retry-after': '5' } }) : undefined,
    );
    expect(await syncAll(ports, settings, { batchSize: 3 })).toMatchObject({
      kind: 'retry',
      retryAfter: '5',
    });
    expect(sent).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect([...queue.values()].map((e) => e.seq)).toEqual([3, 4, 5, 6]);
  });

  it('ends the run after an answer that leaves an event unanswered, so it goes before later ones', async () => {
    let first = true;
    const { ports, queue, sent } = fake(
      7,
      () => undefined,
      (seq) => {
        const skip = first && seq === 4;
        if (skip) first = false;
        return skip;
      },
    );
    expect(await syncAll(ports, settings, { batchSize: 3 })).toEqual({
      kind: 'sent',
      acked: 5,
      rejected: 0,
      more: true,
    });
    expect(sent).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect([...queue.values()].map((e) => e.seq)).toEqual([4, 6]);
    expect(await syncAll(ports, settings, { batchSize: 3 })).toMatchObject({ more: false });
    expect(sent.at(-1)).toEqual([4, 6]);
    expect(queue.size).toBe(0);
  });
});
