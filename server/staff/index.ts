// Staff access on the server (R13): TOTP secrets, enrolment URIs and code checks.
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
