// Access governance on the server (issue 6: R12, R13, R14, R16): operators, staff members and
// their enrollment, the TOTP second factor, grants, the signed staff policy, server-authorized
// reveals, behaviour rules over each staff member's activity, and second-level review.
export {
  checkTotp,
  generateTotpSecret,
  totpUri,
  totpStep,
  hotp,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  TOTP_SKEW_STEPS,
  type TotpCheck,
  type TotpRefusal,
} from './totp';
export { base32Decode, base32Encode } from './base32';
export {
  CLI_OPERATOR,
  DEMO_STAFF_POLICY_FILE,
  ENROLLMENT_TTL_MS,
  GOVERNANCE_DB_FILE,
  GOVERNANCE_KEY_FILE,
  GOVERNANCE_KIND,
  MAX_GOVERNANCE_BODY_BYTES,
  MAX_WRONG_TOTP,
  TOTP_LOCK_WINDOW_MS,
} from './config';
export type { StaffDevice } from './enrollment';
export type { OperatorRow } from './store';
export { openGovernance, type GovernanceOptions, type GovernanceService } from './service';
