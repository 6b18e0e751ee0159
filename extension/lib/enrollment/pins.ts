// What an administrator may pin in managed storage for enrollment: the audit service's address,
// its key, and the staff member this browser belongs to. A pin that the enrollment contradicts
// stops it: staff cannot enrol a company browser with another service or as someone else.
import { parseVerifierKey, pureHasher, sameKey } from '../../../shared/ledger';

/** Keys in managed storage (see public/managed-schema.json). */
export const PIN_KEYS = {
  serverUrl: 'serverUrl',
  serverKey: 'serverKey',
  staffId: 'staffId',
} as const;

export interface Pins {
  serverUrl: string | null;
  serverKey: string | null;
  staffId: string | null;
}

export const NO_PINS: Pins = { serverUrl: null, serverKey: null, staffId: null };

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** The pins among managed storage's values (absent or empty ones are not pins). */
export function pinsOf(values: Record<string, unknown>): Pins {
  return {
    serverUrl: text(values[PIN_KEYS.serverUrl]),
    serverKey: text(values[PIN_KEYS.serverKey]),
    staffId: text(values[PIN_KEYS.staffId]),
  };
}

/**
 * Why an enrollment the service answered must be refused under the pins, or null when it
 * agrees with them (or nothing is pinned).
 *
 * @example
 *   pinsProblem({ ...NO_PINS, staffId: 'CS-0420' }, { staffId: 'CS-0001', serverKey });
 *   // 'This enrollment code belongs to staff member CS-0001, but …'
 */
export function pinsProblem(
  pins: Pins,
  enrolled: { staffId: string; serverKey: string },
): string | null {
  if (pins.serverKey !== null) {
    const pinned = parseVerifierKey(pureHasher, pins.serverKey);
    if (!pinned.ok) {
      return `The audit service key your administrator pinned (managed storage "serverKey") is not usable: ${pinned.error} Ask your administrator to correct it; the browser was not enrolled.`;
    }
    const given = parseVerifierKey(pureHasher, enrolled.serverKey);
    if (!given.ok || !sameKey(pinned.value, given.value)) {
      const shown = enrolled.serverKey.split('+').slice(0, 2).join('+');
      return `This audit service's key (${shown}) is not the one your administrator pinned, so it is not your company's service and the browser was not enrolled. Check the server address, or ask your administrator.`;
    }
  }
  if (pins.staffId !== null && pins.staffId !== enrolled.staffId) {
    return `This enrollment code belongs to staff member ${enrolled.staffId}, but your administrator set this browser up for ${pins.staffId}, so it was not enrolled. Use your own enrollment code, or ask your administrator for a new one.`;
  }
  return null;
}
