// Tests of POST /v1/events through the app: device tokens, per-event validation, idempotent
// storage by event id, sequence gaps, size limit, and the CORS preflight the extension sends.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBatchResultSchema, type StaffEvent } from '../../shared/schema';
import { openDeviceStore } from '../devices';
import { tempDir, tempLedger } from '../ledger/test-helpers';
import { createApp } from './index';

const DEVICE = '0190a000-0000-7000-8000-ffffffffffff';
const event = (seq: number): StaffEvent => ({
  schema: 1,
  id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  deviceId: DEVICE,
  seq,
  staffId: 'CS-0420',
  role: 'support',
  policyVersion: '1',
  at: '2026-11-22T10:00:00.000Z',
  page: { origin: 'https://crm.example.com', path: '/c/1' },
  kind: 'reveal',
  piiType: 'phone',
  count: 1,
  valueHash: 'a'.repeat(64),
  seconds: 30,
});

function setup() {
  const { ledger } = tempLedger();
  const devices = openDeviceStore(join(tempDir(), 'devices.db'));
  const { token } = devices.issue('CS-0420 laptop');
  const app = createApp({ version: 't', audit: { ledger, devices } });
  const post = (body: unknown, auth: string | null = `Bearer ${token}`) =>
    app.request('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { ledger, devices, post, app, close: () => (ledger.close(), devices.close()) };
}

describe('POST /v1/events', () => {
  it('stores valid events once, rejects invalid ones alone, and answers a resend the same', async () => {
    const { ledger, post, close } = setup();
    try {
      const bad = { ...event(1), counts: 'lots', valueHash: 'raw 13812345678' };
      const res = await post({ events: [event(0), bad, event(2)] });
      expect(res.status).toBe(200);
      const body = EventBatchResultSchema.parse(await res.json());
      expect(body.acks).toEqual([
        { id: event(0).id, index: 0, duplicate: false },
        { id: event(2).id, index: 1, duplicate: false },
      ]);
      expect(body.rejected).toHaveLength(1);
      expect(body.rejected[0]).toMatchObject({ id: event(1).id, position: 1 });
      expect(body.rejected[0]!.reason).not.toContain('13812345678');
      expect(body.gaps).toEqual([{ deviceId: DEVICE, from: 1, to: 1 }]);

      const again = EventBatchResultSchema.parse(
        await (await post({ events: [event(0), event(2), event(1)] })).json(),
      );
      expect(again.acks).toEqual([
        { id: event(0).id, index: 0, duplicate: true },
        { id: event(2).id, index: 1, duplicate: true },
        { id: event(1).id, index: 2, duplicate: false },
      ]);
      expect(again.gaps).toEqual([]);
      expect(ledger.size()).toBe(3);
      expect(ledger.verify()).toMatchObject({ ok: true, size: 3 });
    } finally {
      close();
    }
  });

  it('refuses a missing or wrong token with 401 and stores nothing', async () => {
    const { ledger, post, close } = setup();
    try {
      for (const auth of [null, 'Bearer cdt_wrong', 'Basic abc', `Bearer ${'x'.repeat(10)}`]) {
        const res = await post({ events: [event(0)] }, auth);
        expect(res.status, String(auth)).toBe(401);
        expect((await res.json()).error.message).toMatch(/token/);
      }
      expect(ledger.size()).toBe(0);
    } finally {
      close();
    }
  });

  it('answers malformed and oversized bodies with 400 and 413, never 500', async () => {
    const { post, close } = setup();
    try {
      expect((await post('{"events": [')).status).toBe(400);
      expect((await post({ events: [] })).status).toBe(400);
      expect((await post({ events: 'all' })).status).toBe(400);
      expect((await post({ events: Array.from({ length: 501 }, (_, i) => event(i)) })).status).toBe(
        400,
      );
      const huge = await post({ events: [{ ...event(0), pad: 'x'.repeat(1_100_000) }] });
      expect(huge.status).toBe(413);
    } finally {
      close();
    }
  });

  it('lets the extension call it from its own origin (CORS preflight)', async () => {
    const { app, close } = setup();
    try {
      const res = await app.request('/v1/events', {
        method: 'OPTIONS',
        headers: {
          origin: 'chrome-extension://abcdefghijklmnop',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.status).toBeLessThan(300);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      close();
    }
  });
});
