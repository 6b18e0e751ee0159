// The behaviour rules (R16), pure: the extension runs them to stop at once, the server to decide.
export { evaluateRules } from './evaluate';
export { checkDailyLimit, type DailyLimitFiring } from './daily-limit';
export { checkWorkingHours, type WorkingHoursFiring } from './working-hours';
export { checkBulkReveals, type BulkRevealsFiring } from './bulk-reveals';
export { localTime, isKnownTimeZone, type LocalTime } from './local-time';
