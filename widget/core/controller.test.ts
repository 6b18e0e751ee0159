// The widget's core without a DOM: first visit, recording, the queue while the service is down
// (no unconfirmed grant counts; refusals do), resending, GPC, credentials, local mode.
import { describe, expect, it, vi } from 'vitest';
import { initialChoices } from '../../shared/consent/choices';
import type { Choices } from '../../shared/schema/consent';
import { ServiceError } from '../service/client';
import { readRecord } from '../store/record';
import { fakeService, memoryStorage, SUBJECT, v1, v2 } from '../test-fixtures';
import { createController, type ControllerOptions } from './controller';

const t0 = new Date('2026-01-01T00:00:00.000Z');
const all: Choices = { ...initialChoices(v1), analytics: true, marketing: true };

function setup(options: Partial<ControllerOptions> = {}) {
  const fake = fakeService(options.loadPolicy ? v1 : undefined);
  const timers: { run: () => void; ms: number }[] = [];
  const storage = memoryStorage();
  const warn = vi.fn();
  const make = (more: Partial<ControllerOptions> = {}) =>
    createController({
      site: 'shop',
      service: fake.service,
      storage,
      gpc: false,
      language: 'en',
      now: () => t0,
      random: () => new Uint8Array(10).map(() => Math.floor(Math.random() * 256)),
      schedule: (run, ms) => timers.push({ run, ms }),
      warn,
      ...options,
      ...more,
    });
  const runTimers = async () => {
    for (const { run } of timers.splice(0)) run();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { ...fake, storage, timers, warn, make, runTimers };
}
const sorted = (s: ReadonlySet<string>) => [...s].sort();

describe('service mode', () => {
  it('asks on a first visit, records the decision and keeps the credentials', async () => {
    const { make, storage } = setup();
    const ctl = make();
    await ctl.load();
    expect(ctl.view.prompt?.reason).toBe('first-visit');
    expect(sorted(ctl.view.granted)).toEqual(['orders']);
    expect(await ctl.decide(all, 'banner')).toBe('recorded');
    expect(sorted(ctl.view.granted)).toEqual(['analytics', 'marketing', 'orders']);
    expect(ctl.view.prompt).toBe(null);
    const stored = readRecord(storage, 'shop', vi.fn());
    expect(stored).toMatchObject({ subject: SUBJECT, pending: [], policy: v1 });
    expect(stored.receipts).toHaveLength(1);
  });

  it('sends the decision as the contract says', async () => {
    const { make, calls } = setup();
    const ctl = make();
    await ctl.load();
    await ctl.decide(all, 'banner');
    await ctl.decide({ ...all, marketing: false }, 'privacy-center');
    const [first, second] = calls;
    expect(first?.subject).toBe(null);
    expect(second?.subject).toEqual(SUBJECT);
    expect(first?.request).toMatchObject({
      policyVersion: 1,
      language: 'en',
      choices: all,
      method: 'banner',
      gpc: false,
      decidedAt: t0.toISOString(),
    });
    expect(first?.request.decisionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it('while the service is down: queues, grants nothing new, refuses at once, resends', async () => {
    const { make, control, timers, runTimers, calls } = setup();
    const ctl = make();
    await ctl.load();
    await ctl.decide(all, 'banner');
    control.down = true;
    // A new grant waits: not granted, not asked again.
    expect(await ctl.decide({ ...all, 'partner-sharing': true }, 'privacy-center')).toBe('pending');
    expect(ctl.view.granted.has('partner-sharing')).toBe(false);
    expect(ctl.view.prompt).toBe(null);
    // A withdrawal counts before it is sent.
    await ctl.decide({ ...all, analytics: false, 'partner-sharing': true }, 'privacy-center');
    expect(sorted(ctl.view.granted)).toEqual(['marketing', 'orders']);
    expect(ctl.view.record.pending).toHaveLength(2);
    expect(timers.map((t) => t.ms)).toEqual([5000]);
    // Still down: the next wait is longer.
    await runTimers();
    expect(timers.map((t) => t.ms)).toEqual([10000]);
    control.down = false;
    await runTimers();
    expect(ctl.view.record.pending).toEqual([]);
    expect(sorted(ctl.view.granted)).toEqual(['marketing', 'orders', 'partner-sharing']);
    expect(calls.map((c) => c.request.method)).toEqual([
      'banner',
      'privacy-center',
      'privacy-center',
    ]);
  });

  it('resends what waits on the next load, and on retry (the online event)', async () => {
    const { make, control, calls } = setup();
    control.down = true;
    const offline = make();
    await offline.load();
    expect(offline.view.policy).toBe(null);
    control.down = false;
    await offline.retry();
    expect(offline.view.policy).toEqual(v1);
    control.down = true;
    expect(await offline.decide(all, 'banner')).toBe('pending');
    control.down = false;
    const next = make();
    await next.load();
    await vi.waitFor(() => expect(next.view.record.pending).toEqual([]));
    expect(sorted(next.view.granted)).toEqual(['analytics', 'marketing', 'orders']);
    expect(calls).toHaveLength(1);
  });

  it('goes on as a new subject when the token is refused', async () => {
    const { make, control, storage, warn } = setup();
    storage.data.set(
      'custodian-consent:shop',
      JSON.stringify({ ...readRecord(storage, 'shop', vi.fn()), subject: SUBJECT }),
    );
    const ctl = make();
    await ctl.load();
    const other = { ...SUBJECT, subjectId: `sub_${'1'.repeat(26)}` };
    control.answer = (request) => {
      control.answer = null;
      throw new ServiceError(401, 'unauthorized', `bad token for ${request.decisionId}`);
    };
    const service = ctl.service!;
    const decide = service.decide;
    service.decide = async (request, subject) => {
      const answer = await decide(request, subject);
      return subject ? answer : { ...answer, subject: other };
    };
    expect(await ctl.decide(all, 'banner')).toBe('recorded');
    expect(ctl.view.record.subject).toEqual(other);
    expect(warn).toHaveBeenCalled();
  });

  it('reports verification-required and keeps the refusals of the refused decision', async () => {
    const { make, control } = setup();
    const ctl = make();
    await ctl.load();
    await ctl.decide(all, 'banner');
    control.answer = () => {
      throw new ServiceError(400, 'verification-required', 'verify first');
    };
    const outcome = await ctl.decide(
      { ...all, marketing: false, 'id-verification': true },
      'banner',
    );
    expect(outcome).toBe('verification-required');
    expect(ctl.view.record.pending).toEqual([]);
    expect(sorted(ctl.view.granted)).toEqual(['analytics', 'orders']);
  });

  it('asks again under a new version, only about what changed', async () => {
    const { make, storage } = setup();
    const ctl = make();
    await ctl.load();
    await ctl.decide(all, 'banner');
    const next = make({ service: fakeService(v2).service });
    expect(readRecord(storage, 'shop', vi.fn()).policy?.version).toBe(1);
    await next.load();
    expect(next.view.prompt).toEqual({
      reason: 'policy-changed',
      purposes: ['marketing', 'recommendations'],
    });
    expect(sorted(next.view.granted)).toEqual(['analytics', 'orders']);
  });

  it('under Global Privacy Control, stops and withdraws an earlier marketing grant', async () => {
    const { make, calls } = setup();
    const before = make();
    await before.load();
    await before.decide(all, 'banner');
    const ctl = make({ gpc: true });
    await ctl.load();
    expect(ctl.view.granted.has('marketing')).toBe(false);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]?.request).toMatchObject({
      method: 'gpc',
      gpc: true,
      choices: { ...all, marketing: false },
    });
  });

  it('switches subject and takes its decisions from its receipts', async () => {
    const { make, warn } = setup();
    const first = make();
    await first.load();
    await first.decide(all, 'banner');
    const ctl = make();
    await ctl.load();
    expect(await ctl.setSubject('nope', 'nope')).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('setSubject'));
    expect(await ctl.setSubject(SUBJECT.subjectId, SUBJECT.token)).toBe(true);
    expect(ctl.view.state?.receipts).toHaveLength(1);
    expect(sorted(ctl.view.granted)).toEqual(['analytics', 'marketing', 'orders']);
  });

  it('records data requests', async () => {
    const { make } = setup();
    const ctl = make();
    await ctl.load();
    expect(await ctl.request('deletion')).toBe(false);
    await ctl.decide(all, 'banner');
    expect(await ctl.request('deletion')).toBe(true);
    expect(ctl.view.state?.requests.map((r) => r.kind)).toEqual(['deletion']);
  });

  it('resends a data request whose answer did not come with the same id, so it is stored once', async () => {
    const { make, control, requestIds } = setup();
    const ctl = make();
    await ctl.load();
    await ctl.decide(all, 'banner');
    control.down = true;
    expect(await ctl.request('copy')).toBe(false);
    control.down = false;
    expect(await ctl.request('copy')).toBe(true);
    expect(await ctl.request('copy')).toBe(true);
    expect(requestIds).toHaveLength(3);
    expect(requestIds[1]).toBe(requestIds[0]);
    expect(requestIds[2]).not.toBe(requestIds[1]);
    expect(ctl.view.state?.requests.map((r) => r.id)).toEqual([requestIds[1], requestIds[2]]);
  });
});

describe('local mode', () => {
  it('applies decisions at once, without receipts', async () => {
    const { make, storage } = setup({ service: null, site: '', loadPolicy: async () => v1 });
    const ctl = make();
    await ctl.load();
    expect(ctl.view.prompt?.reason).toBe('first-visit');
    expect(await ctl.decide(all, 'banner')).toBe('recorded');
    expect(sorted(ctl.view.granted)).toEqual(['analytics', 'marketing', 'orders']);
    expect(readRecord(storage, 'shop', vi.fn())).toMatchObject({ receipts: [], pending: [] });
  });
});
