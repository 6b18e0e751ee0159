// Enrolling this browser with the audit service (issue 6, R13): the one-time code, the managed
// pins, the authenticator's registration and its QR code.
export { enroll, type EnrollDeps, type EnrollInput } from './enroll';
export { confirmTotp, readCode, NOT_ENROLLED, type TotpDeps } from './totp';
export { NO_PINS, PIN_KEYS, pinsOf, pinsProblem, type Pins } from './pins';
export {
  ENROLLMENT_KEY,
  EnrollmentRecordSchema,
  PENDING_TOTP_KEY,
  readEnrollment,
  readPendingTotp,
  type EnrollmentRecord,
  type PendingTotp,
} from './record';
export { groupSecret, qrDataUrl } from './qr';
