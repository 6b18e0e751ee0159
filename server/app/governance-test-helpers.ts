// Test helpers for the governance routes: the app over a temporary governance service, an operator
// of each role, a caller that sends JSON with a bearer token, the ledger's governance entries, and
// a staff member taken from creation to an unlocked device in one call.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import {
  CreateStaffResponseSchema,
  EnrollResponseSchema,
  GovernanceEntrySchema,
  GrantSchema,
  StaffEventSchema,
  type GovernanceEntry,
  type StaffEvent,
} from '../../shared/schema';
import { crmPolicy, ledgerEntries, tempGovernance, totpCode } from '../staff/test-helpers';
import { createApp } from './index';

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string | undefined;
}

const DAY = 86_400_000;

/** The app with governance and the event sync over fresh stores; close it in the test. */
export function governanceApp(start?: number) {
  const t = tempGovernance(start);
  const app = createApp({
    version: 't',
    audit: { ledger: t.ledger, devices: t.devices },
    governance: t.governance,
  });
  const operator = (name: string, role: string) => {
    const added = t.governance.addOperator(name, role);
    if (!added.ok) throw new Error(added.message);
    return added.value.token;
  };
  const tokens = {
    admin: operator('li.wei', 'admin'),
    reviewer: operator('zhao.min', 'reviewer'),
    auditor: operator('audit-01', 'auditor'),
  };
  /** The ledger's size once the operators are added: their `operator-added` entries are set-up. */
  const setUp = t.ledger.size();
  const call = (path: string, o: CallOptions = {}) =>
    app.request(path, {
      method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      },
      body:
        o.body === undefined
          ? undefined
          : typeof o.body === 'string'
            ? o.body
            : JSON.stringify(o.body),
    });
  const admin = (path: string, o: Omit<CallOptions, 'token'> = {}) =>
    call(path, { ...o, token: tokens.admin });
  /** Every governance entry of the ledger after the set-up, parsed, oldest first. */
  const governanceEntries = (): GovernanceEntry[] =>
    ledgerEntries(t.ledger)
      .filter((e) => e.kind === 'governance' && e.index >= setUp)
      .map((e) => GovernanceEntrySchema.parse(e.payload));

  async function publish(policy: unknown = crmPolicy()) {
    const res = await admin('/v1/admin/policy', { method: 'PUT', body: policy });
    expect(res.status).toBe(200);
  }

  /** Creates a staff member and returns the enrollment code. */
  async function createStaff(staffId = 'CS-0420', name = '王芳') {
    const res = await admin('/v1/admin/staff', { body: { staffId, name } });
    expect(res.status).toBe(201);
    return CreateStaffResponseSchema.parse(await res.json()).enrollment.code;
  }

  async function grant(staffId: string, role: string, days = 30) {
    const res = await admin(`/v1/admin/staff/${staffId}/grants`, {
      body: { role, expiresAt: new Date(t.clock.now() + days * DAY).toISOString(), note: 'test' },
    });
    expect(res.status).toBe(201);
    return GrantSchema.parse(await res.json());
  }

  async function enroll(code: string, deviceLabel = 'office laptop') {
    const res = await call('/v1/enroll', { body: { code, deviceLabel } });
    expect(res.status).toBe(201);
    return EnrollResponseSchema.parse(await res.json());
  }

  /**
   * Policy published (unless `policy: null`), staff member created, granted `role`, a device
   * enrolled, the authenticator confirmed and the device unlocked (the clock moves 30 s).
   */
  async function unlockedStaff(
    options: { staffId?: string; role?: string | null; policy?: unknown } = {},
  ) {
    const staffId = options.staffId ?? 'CS-0420';
    if (options.policy !== null) await publish(options.policy ?? crmPolicy());
    const code = await createStaff(staffId);
    const role = options.role === undefined ? 'support' : options.role;
    const granted = role ? await grant(staffId, role) : null;
    const enrolled = await enroll(code);
    const device = enrolled.deviceToken;
    const { secret } = enrolled.totp;
    const confirm = await call('/v1/staff/totp/confirm', {
      body: { code: totpCode(secret, t.clock.now()) },
      token: device,
    });
    expect(confirm.status).toBe(200);
    t.clock.advance(30_000);
    const unlock = await call('/v1/staff/unlock', {
      body: { code: totpCode(secret, t.clock.now()) },
      token: device,
    });
    expect(unlock.status).toBe(200);
    return { staffId, device, secret, grant: granted };
  }

  let seq = 0;
  /** A staff event from an enrolled browser; `staffId` is the browser's claim, not trusted. */
  function event(
    kind: 'page-view' | 'reveal',
    overrides: Partial<Record<string, unknown>> = {},
  ): StaffEvent {
    const at = new Date(t.clock.now()).toISOString();
    const base = {
      schema: 1 as const,
      id: uuidv7(t.clock.now(), randomBytes(10)),
      deviceId: '0190a000-0000-7000-8000-ffffffffffff',
      seq: seq++,
      staffId: 'CS-0420',
      role: 'support',
      policyVersion: 'crm-demo-1',
      at,
      page: { origin: 'http://127.0.0.1:8787', path: '/demo/customer.html' },
    };
    const e =
      kind === 'page-view'
        ? { ...base, kind, counts: { phone: 2, email: 1 } }
        : {
            ...base,
            kind,
            piiType: 'name' as const,
            count: 1 as const,
            valueHash: 'a'.repeat(64),
            seconds: 30,
            authorizedBy: 'offline' as const,
          };
    return StaffEventSchema.parse({ ...e, ...overrides });
  }

  async function sendEvents(device: string, events: StaffEvent[]) {
    const res = await call('/v1/events', { body: { events }, token: device });
    expect(res.status).toBe(200);
    return res;
  }

  return {
    ...t,
    app,
    tokens,
    call,
    admin,
    governanceEntries,
    publish,
    createStaff,
    grant,
    enroll,
    unlockedStaff,
    event,
    sendEvents,
  };
}

/** A reveal request for `piiType` on the demo CRM with a fresh requestId. */
export function revealRequest(piiType = 'name', extra: Record<string, unknown> = {}) {
  return {
    requestId: uuidv7(Date.now(), randomBytes(10)),
    piiType,
    page: { origin: 'http://127.0.0.1:8787', path: '/demo/customer.html' },
    valueHash: 'b'.repeat(64),
    ...extra,
  };
}
