// Tests of the popup's background side: pause rules, the order of record and tell, and the end
// of a pause when the tab's page goes away.
import { describe, expect, it } from 'vitest';
import {
  StaffPolicySchema,
  type BackgroundToContent,
  type PageFindingsMessage,
  type PolicyState,
} from '../../../shared/schema';
import type { SessionArea } from '../badge';
import type { NewEvent } from '../queue';
import { createPopupService, type PopupDeps } from './index';

const policy = StaffPolicySchema.parse({
  version: 'p-1',
  protect: ['<all_urls>'],
  roles: { lead: { mayPause: true }, support: {} },
});
const lead: PolicyState = {
  policy,
  source: 'options',
  identity: { staffId: 'CS-0420', role: 'lead' },
  identityManaged: false,
  problems: [],
};
const support: PolicyState = { ...lead, identity: { staffId: 'CS-0001', role: 'support' } };
const page = { origin: 'http://127.0.0.1:8787', path: '/demo/' };
const report = (trigger: PageFindingsMessage['trigger'], path = '/demo/'): PageFindingsMessage => ({
  type: 'page-findings',
  trigger,
  counts: { phone: 2 },
  page: { ...page, path },
});

function memoryArea(): SessionArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => (data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}),
    set: async (items) => {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    remove: async (key) => void data.delete(key),
  };
}

/** A service over fakes; `log` lists what happened, in order. */
function setup(state: PolicyState = lead, overrides: Partial<PopupDeps> = {}) {
  const log: string[] = [];
  const events: NewEvent[] = [];
  const session = memoryArea();
  const popup = createPopupService({
    session,
    policy: async () => state,
    enqueue: async (event) => {
      log.push(`event ${event.kind}`);
      events.push(event);
    },
    tell: async (tabId, message: BackgroundToContent) => {
      log.push(`tell ${tabId} ${JSON.stringify(message)}`);
    },
    queueLength: async () => events.length,
    countReveals: async () => 0,
    ...overrides,
  });
  return { popup, log, events, session };
}

const status = (popup: ReturnType<typeof setup>['popup'], tabId = 7) => popup.status(tabId);

describe('createPopupService', () => {
  it('records the pause before it tells the tab, then shows the tab paused', async () => {
    const { popup, log, events } = setup();
    await popup.pageReported(7, 0, report('load'));
    expect(await status(popup)).toMatchObject({ protection: 'protected', mayPause: true });
    expect(await popup.setPause(7, true)).toEqual({
      status: 'done',
      paused: true,
    });
    expect(log).toEqual(['event pause', 'tell 7 {"type":"set-paused","paused":true}']);
    expect(events[0]).toEqual({
      kind: 'pause',
      staffId: 'CS-0420',
      role: 'lead',
      policyVersion: 'p-1',
      page,
    });
    expect(await status(popup)).toMatchObject({ protection: 'paused', queueLength: 1 });
    await popup.setPause(7, false);
    expect(log.slice(2)).toEqual(['event resume', 'tell 7 {"type":"set-paused","paused":false}']);
    expect((await status(popup)).protection).toBe('protected');
  });

  it('refuses a role that may not pause, saying why, and records nothing', async () => {
    const { popup, log } = setup(support);
    await popup.pageReported(7, 0, report('load'));
    const answer = await popup.setPause(7, true);
    expect(answer).toMatchObject({ status: 'refused' });
    if (answer.status === 'refused') expect(answer.why).toContain('"support" may not pause');
    const nobody = setup({ ...lead, identity: null });
    await nobody.popup.pageReported(7, 0, report('load'));
    const refused = await nobody.popup.setPause(7, true);
    expect(refused).toMatchObject({ status: 'refused', why: expect.stringContaining('identity') });
    expect([...log, ...nobody.log]).toEqual([]);
  });

  it('refuses to pause a tab whose page is not protected', async () => {
    const { popup, log } = setup();
    expect(await popup.setPause(7, true)).toMatchObject({
      status: 'refused',
      why: expect.stringContaining('does not protect this page'),
    });
    expect(log).toEqual([]);
  });

  it('changes nothing when the event cannot be stored', async () => {
    const { popup, log } = setup(lead, {
      enqueue: () => Promise.reject(new Error('quota')),
    });
    await popup.pageReported(7, 0, report('load'));
    const answer = await popup.setPause(7, true);
    expect(answer).toMatchObject({ status: 'refused', why: expect.stringContaining('recorded') });
    expect(log).toEqual([]);
    expect((await status(popup)).protection).toBe('protected');
  });

  it('records a resume when the tab does not answer a pause, and refuses it', async () => {
    const { popup, log } = setup(lead, { tell: () => Promise.reject(new Error('No response')) });
    await popup.pageReported(7, 0, report('load'));
    const answer = await popup.setPause(7, true);
    expect(answer).toMatchObject({ status: 'refused', why: expect.stringContaining('reload') });
    expect(log).toEqual(['event pause', 'event resume']);
    expect((await status(popup)).protection).toBe('protected');
  });

  it('does nothing when asked for the state the tab is already in', async () => {
    const { popup, log } = setup();
    await popup.pageReported(7, 0, report('load'));
    await popup.setPause(7, true);
    await popup.setPause(7, true);
    expect(log.filter((l) => l.startsWith('event'))).toEqual(['event pause']);
  });

  it('ends a pause, recorded, when the page reloads, unloads or the tab closes', async () => {
    for (const end of ['load', 'unload', 'close'] as const) {
      const { popup, events, session } = setup();
      await popup.pageReported(7, 0, report('load'));
      await popup.setPause(7, true);
      if (end === 'close') await popup.forgetTab(7);
      else await popup.pageReported(7, 0, report(end));
      expect(
        events.map((e) => e.kind),
        end,
      ).toEqual(['pause', 'resume']);
      expect(events[1]?.page, end).toEqual(page);
      expect((await status(popup)).protection, end).toBe(
        end === 'load' ? 'protected' : 'unprotected',
      );
      if (end !== 'load') expect(session.data.size, end).toBe(0);
    }
  });

  it('follows the top frame only, and records a pause against its latest route', async () => {
    const { popup, events } = setup();
    await popup.pageReported(7, 0, report('load'));
    await popup.pageReported(7, 3, report('unload', '/frame'));
    await popup.pageReported(7, 0, report('change', '/demo/customer/18'));
    await popup.setPause(7, true);
    expect(events[0]?.page).toEqual({ ...page, path: '/demo/customer/18' });
  });

  it('answers the popup’s messages', async () => {
    const { popup } = setup();
    await popup.pageReported(7, 0, report('load'));
    expect(await popup.handle({ type: 'popup-status', tabId: 7 })).toMatchObject({
      protection: 'protected',
    });
    expect(await popup.handle({ type: 'set-pause', tabId: 7, paused: true })).toEqual({
      status: 'done',
      paused: true,
    });
  });

  it('runs a tab’s updates in order: a pause and an unload racing still end unpaused', async () => {
    const { popup, events } = setup();
    await popup.pageReported(7, 0, report('load'));
    await Promise.all([popup.setPause(7, true), popup.pageReported(7, 0, report('unload'))]);
    expect(events.map((e) => e.kind)).toEqual(['pause', 'resume']);
    expect((await status(popup)).protection).toBe('unprotected');
  });
});
