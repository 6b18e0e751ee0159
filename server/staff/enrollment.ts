// Enrollment (issue 6, R13): a one-time code becomes a device token bound to the staff member,
// with the service's verifier key and a new TOTP secret that stays pending until a code from it
// is confirmed. Also how a staff device's calls are authenticated.
//
// - Unknown, used, voided or expired codes are all the same 401: the answer tells a guesser nothing.
// - The code is spent, the device issued, its pending secret stored and the ledger written in one
//   transaction of the governance store: a failure leaves the code unspent.
// - Each device gets its own pending secret: two devices enrolled before either confirms do not
//   overwrite each other. The first confirmed secret becomes the staff member's; later devices
//   use the authenticator already registered (their confirm answers 409 totp-active).
import { EnrollBodySchema, type EnrollResponse, type StaffMember } from '../../shared/schema/staff';
import { done, issuesText, refuse, type Outcome } from '../consent/problems';
import type { Device } from '../devices';
import { isoAt, record, type GovernanceContext } from './context';
import { codeHash } from './members';
import { generateTotpSecret, totpUri } from './totp';

/** A device enrolled for a staff member, and the staff member. */
export interface StaffDevice {
  device: Device & { staffId: string };
  staff: StaffMember;
}

/** The sealed secret's context: a sealed secret moved to another staff member does not open. */
export const totpContext = (staffId: string): string => `totp:${staffId}`;

/**
 * Exchanges an enrollment code for a device token (`POST /v1/enroll`).
 *
 * @example
 *   enroll(ctx, { code: 'ENR-7K2M-Q9XD-4TPA-H3VW', deviceLabel: 'office laptop' });
 *   // { ok: true, value: { staffId, name, deviceToken: 'cdt_…', serverKey, totp: { secret, uri } } }
 */
export function enroll(ctx: GovernanceContext, input: unknown): Outcome<EnrollResponse> {
  const body = EnrollBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"code": "ENR-…", "deviceLabel": "office laptop"} (${issuesText(body.error.issues)}).`,
    );
  }
  const { code, deviceLabel } = body.data;
  const hash = codeHash(code);
  return ctx.store.transaction(() => {
    const now = ctx.now();
    const row = ctx.store.code(hash);
    const usable =
      row && row.usedAt === null && row.voidedAt === null && now < row.expiresAt
        ? ctx.store.staff(row.staffId)
        : undefined;
    if (!row || !usable || !ctx.store.useCode(hash, now)) {
      return refuse<EnrollResponse>(
        401,
        'enrollment-invalid',
        'This enrollment code is unknown, already used, replaced by a newer one, or expired (codes work once, for 7 days). Ask your administrator for a new code.',
      );
    }
    const { device, token } = ctx.devices.issue(deviceLabel, usable.staffId);
    const secret = generateTotpSecret();
    const uri = totpUri(secret, usable.staffId);
    // Staff numbers never hold a ":" (StaffIdSchema), the one label totpUri refuses.
    if (!uri.ok) throw new Error(uri.error);
    ctx.store.putPendingTotp(
      device.id,
      usable.staffId,
      ctx.box.seal(secret, totpContext(usable.staffId)),
      now,
    );
    ctx.store.setEnrolled(usable.staffId, now);
    record(ctx, {
      kind: 'device-enrolled',
      at: isoAt(now),
      staffId: usable.staffId,
      deviceId: device.id,
      deviceLabel: device.label,
    });
    return done({
      staffId: usable.staffId,
      name: usable.name,
      deviceToken: token,
      serverKey: ctx.key.publicKey,
      totp: { secret, uri: uri.value },
    });
  });
}

/**
 * The staff device an `Authorization: Bearer cdt_…` header names: 401 without one or for an unknown
 * token, 403 `not-enrolled` for a token `npm run device` issued (bound to nobody).
 *
 * @example
 *   staffDevice(ctx, 'Bearer cdt_…'); // { ok: true, value: { device, staff } }
 */
export function staffDevice(
  ctx: GovernanceContext,
  authorization: string | undefined,
): Outcome<StaffDevice> {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  const device = token ? ctx.devices.authenticate(token) : undefined;
  if (!device) {
    return refuse(
      401,
      'unauthorized',
      token
        ? 'The device token is unknown or revoked. Enrol this browser again with a new code from your administrator.'
        : 'Send the device token as "Authorization: Bearer cdt_…" (the extension gets one by enrolling).',
    );
  }
  const staff = device.staffId === null ? undefined : ctx.store.staff(device.staffId);
  if (device.staffId === null || !staff) {
    return refuse(
      403,
      'not-enrolled',
      'This device token is not bound to a staff member (it was issued by npm run device). Enrol the browser with an enrollment code from your administrator.',
    );
  }
  return done({ device: { ...device, staffId: device.staffId }, staff });
}
