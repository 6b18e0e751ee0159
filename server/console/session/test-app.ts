// Test helpers for the console routes: the whole app with the console mounted over fresh stores
// (governance, ledger, activity index, console store) and the issue-6 helpers beside it, an
// operator of each role with console credentials, sign-in as an authenticator app would, and a
// caller that sends the session cookie and the CSRF header.
import { join } from 'node:path';
import { expect } from 'vitest';
import { ConsoleEntrySchema, type ConsoleEntry } from '../../../shared/schema/review';
import type { StaffEvent } from '../../../shared/schema';
import { openActivityIndex } from '../../activity';
import { createApp } from '../../app';
import { openConsent, outboxSender } from '../../consent';
import { governanceApp } from '../../app/governance-test-helpers';
import { ledgerEntries } from '../../ledger/entries';
import { totpCode } from '../../staff/test-helpers';
import { openConsoleStore } from '../console-store';
import { CSRF_HEADER, SESSION_COOKIE } from './config';

export interface ConsoleCall {
  method?: string;
  body?: unknown;
  /** The session cookie's value; none when undefined. */
  cookie?: string | undefined;
  /** Sends `X-Custodian-Console: 1` (default true). */
  csrf?: boolean;
  /** Origin of the request URL (default http://localhost). */
  origin?: string;
}

/** Console operators the helper creates, one per role. */
export const CONSOLE_OPERATORS = {
  admin: 'ops.admin',
  reviewer: 'ops.reviewer',
  auditor: 'ops.auditor',
} as const;
export type ConsoleRole = keyof typeof CONSOLE_OPERATORS;

/**
 * The app with the console over fresh stores (removed after the test); close it in the test.
 * `consent: true` adds the consent service, for the pages that need it.
 */
export function consoleTestApp(
  options: { start?: number; uiDir?: string; consent?: boolean } = {},
) {
  const g = governanceApp(options.start);
  const activity = openActivityIndex(join(g.dir, 'activity.db'), 'Asia/Shanghai');
  const store = openConsoleStore(g.dir);
  const consent = options.consent
    ? openConsent({
        dir: g.dir,
        ledger: g.ledger,
        sender: outboxSender(g.clock.now).sender,
        now: g.clock.now,
      })
    : undefined;
  const app = createApp({
    version: 't',
    audit: { ledger: g.ledger, devices: g.devices, activity },
    governance: g.governance,
    ...(consent ? { consent: { service: consent } } : {}),
    console: { store, uiDir: options.uiDir ?? join(g.dir, 'no-console-build') },
  });
  const credential = (role: ConsoleRole) => {
    const name = CONSOLE_OPERATORS[role];
    const added = g.governance.addOperator(name, role);
    if (!added.ok) throw new Error(added.message);
    return { name, password: added.value.password, secret: added.value.totp.secret };
  };
  const credentials = {
    admin: credential('admin'),
    reviewer: credential('reviewer'),
    auditor: credential('auditor'),
  };

  const api = (path: string, o: ConsoleCall = {}) =>
    app.request(`${o.origin ?? 'http://localhost'}/admin/api${path}`, {
      method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(o.csrf === false ? {} : { [CSRF_HEADER]: '1' }),
        ...(o.cookie ? { cookie: `${SESSION_COOKIE}=${o.cookie}` } : {}),
      },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });

  /** The session cookie's value a response sets, or undefined. */
  const cookieOf = (res: Response): string | undefined =>
    new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(res.headers.get('set-cookie') ?? '')?.[1];

  /** Signs in as `role` with a fresh code (the clock moves one TOTP step first); the cookie. */
  async function signIn(role: ConsoleRole): Promise<string> {
    g.clock.advance(30_000);
    const { name, password, secret } = credentials[role];
    const res = await api('/session', {
      body: { name, password, code: totpCode(secret, g.clock.now()) },
    });
    expect(res.status).toBe(200);
    const cookie = cookieOf(res);
    expect(cookie).toBeDefined();
    return cookie!;
  }

  /** Sends events from a device through this app (so they reach the activity index). */
  async function sendEvents(device: string, events: StaffEvent[]) {
    const res = await app.request('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${device}` },
      body: JSON.stringify({ events }),
    });
    expect(res.status).toBe(200);
    return res;
  }

  /** Every console entry of the ledger, parsed, oldest first. */
  const consoleEntries = (): ConsoleEntry[] =>
    ledgerEntries(g.ledger)
      .filter((e) => e.kind === 'console')
      .map((e) => ConsoleEntrySchema.parse(e.payload));

  return {
    ...g,
    consoleApp: app,
    activity,
    store,
    credentials,
    api,
    cookieOf,
    signIn,
    sendEvents,
    consoleEntries,
    close() {
      consent?.close();
      store.close();
      activity.close();
      g.close();
    },
  };
}
