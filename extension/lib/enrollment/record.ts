// What this browser keeps of its enrollment (issue 6, R13): who the staff member is, the audit
// service's address and its verifier key (which signed policies must verify against). Kept in
// `storage.local`, which web pages and content scripts' pages cannot read.
import { z } from 'zod';
import { StaffIdSchema } from '../../../shared/schema';
import type { StorageArea } from '../service/area';

/** Key in `storage.local`. */
export const ENROLLMENT_KEY = 'enrollment';

/** Key in `storage.session`: the authenticator until its first code is confirmed. */
export const PENDING_TOTP_KEY = 'pendingTotp';

export const EnrollmentRecordSchema = z.strictObject({
  /** Layout version, for migrations. */
  schema: z.literal(1),
  staffId: StaffIdSchema,
  name: z.string(),
  serverUrl: z.string().min(1),
  /** The service's verifier key, `<name>+<key hash>+<base64>`. */
  serverKey: z.string().min(1),
  /** ms since the epoch. */
  enrolledAt: z.number().int().nonnegative(),
  deviceLabel: z.string(),
});
export type EnrollmentRecord = z.infer<typeof EnrollmentRecordSchema>;

export const PendingTotpSchema = z.strictObject({ secret: z.string(), uri: z.string() });
export type PendingTotp = z.infer<typeof PendingTotpSchema>;

/** The enrollment, or null when the browser is not enrolled (or the record does not parse). */
export async function readEnrollment(area: StorageArea): Promise<EnrollmentRecord | null> {
  const parsed = EnrollmentRecordSchema.safeParse((await area.get(ENROLLMENT_KEY))[ENROLLMENT_KEY]);
  return parsed.success ? parsed.data : null;
}

/** The authenticator waiting for its first code, if any. */
export async function readPendingTotp(session: StorageArea): Promise<PendingTotp | null> {
  const parsed = PendingTotpSchema.safeParse(
    (await session.get(PENDING_TOTP_KEY))[PENDING_TOTP_KEY],
  );
  return parsed.success ? parsed.data : null;
}
