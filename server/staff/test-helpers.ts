// Test helpers: a governance service on a fresh ledger and device store in a temporary directory,
// with a clock the test moves, the demo CRM's staff policy, and TOTP codes computed as an
// authenticator app would.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDeviceStore } from '../devices';
import { tempLedger } from '../ledger/test-helpers';
import { base32Decode } from './base32';
import { openGovernance } from './service';
import { hotp, totpStep } from './totp';

/** Tuesday 2026-11-24, 10:00 in Shanghai: inside the default working hours. */
export const WORKDAY_MORNING = Date.parse('2026-11-24T10:00:00+08:00');

/** The demo CRM's staff policy (test/fixtures/staff/crm-policy.json), as parsed JSON. */
export const crmPolicy = (): Record<string, unknown> =>
  JSON.parse(
    readFileSync(new URL('../../test/fixtures/staff/crm-policy.json', import.meta.url), 'utf8'),
  );

/** A clock the test moves by hand. */
export function testClock(start = WORKDAY_MORNING) {
  const clock = { t: start, now: () => clock.t, advance: (ms: number) => void (clock.t += ms) };
  return clock;
}

/** The code an authenticator app shows for `secret` at `now`, `offset` steps away. */
export function totpCode(secret: string, now: number, offset = 0): string {
  const key = base32Decode(secret);
  if (!key.ok) throw new Error(key.error);
  return hotp(key.value, totpStep(now) + offset, 6);
}

/** A governance service in a temporary directory (removed after the test); close it in the test. */
export function tempGovernance(start?: number) {
  const { ledger, path } = tempLedger();
  const dir = dirname(path);
  const devices = openDeviceStore(join(dir, 'devices.db'));
  const clock = testClock(start);
  // A cheap password hash (scrypt N = 2^10): tests add operators by the dozen.
  const governance = openGovernance({ dir, ledger, devices, now: clock.now, passwordCost: 10 });
  return {
    dir,
    ledger,
    devices,
    governance,
    clock,
    close() {
      governance.close();
      devices.close();
      ledger.close();
    },
  };
}

export { ledgerEntries } from '../ledger/entries';
