// The consent service's tunable constants and its environment parsing, in one place (STYLE.md,
// "Habits"): file names, time limits of verification codes, data-request deadlines.
import type { EnvResult } from '../config';

/** The consent store's SQLite file in the data directory. */
export const CONSENT_DB_FILE = 'consent.db';

/** The secret for sealing contact addresses and keying code hashes (R20), beside the database. */
export const CONSENT_KEY_FILE = 'consent-key';

/** A deletion or copy request is answered within 15 days, as the demo policy promises its
 * customers (PIPL art. 50 leaves the deadline to the handler; 15 days is common practice). */
export const DATA_REQUEST_DUE_DAYS = 15;

/** A one-time code is good for 10 minutes: long enough for a slow SMS, short enough to guess. */
export const CODE_TTL_MS = 10 * 60_000;

/** Wrong codes allowed before a verification locks: 5 guesses in 10^6 is a 1-in-200,000 chance. */
export const MAX_WRONG_CODES = 5;

/** Codes sent to one address per hour: enough for typos and lost messages, too few to bomb. */
export const MAX_CODES_PER_ADDRESS = 5;
export const CODE_RATE_WINDOW_MS = 60 * 60_000;

/** A confirmed verification's token is usable for 30 minutes: the customer finishes deciding. */
export const VERIFICATION_TOKEN_TTL_MS = 30 * 60_000;

/** Verification rows (with the sealed address) are destroyed after a day: the rate window and
 * the token's life are over by then, and an address kept longer serves no purpose (R10, R20). */
export const VERIFICATION_KEEP_MS = 24 * 60 * 60_000;

/** The development outbox keeps the latest 200 messages: a day of manual testing. */
export const OUTBOX_SIZE = 200;

/** A gateway that has not answered in 10 s is down; the customer can ask for a new code. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Largest request body of the consent routes: a decision is ~2 KiB even with 30 purposes. */
export const MAX_CONSENT_BODY_BYTES = 64 * 1024;

/** How one-time codes leave the service. */
export type CodeSenderChoice = { kind: 'outbox' } | { kind: 'webhook'; url: string };

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * Reads `CUSTODIAN_CODE_SENDER`: `outbox` (default: codes shown at /dev/outbox, for development)
 * or `webhook:https://gateway.example/send` (an SMS/e-mail gateway; plain http only to loopback,
 * as codes are secrets in transit, R19).
 *
 * @example
 *   readCodeSender({}); // { ok: true, value: { kind: 'outbox' } }
 *   readCodeSender({ CUSTODIAN_CODE_SENDER: 'webhook:https://sms.example/send' }).ok; // true
 */
export function readCodeSender(
  env: Record<string, string | undefined>,
): EnvResult<CodeSenderChoice> {
  const raw = env.CUSTODIAN_CODE_SENDER?.trim() ?? '';
  if (raw === '' || raw === 'outbox') return { ok: true, value: { kind: 'outbox' } };
  const usage =
    'Set CUSTODIAN_CODE_SENDER to "outbox" (development: codes listed at /dev/outbox) or to ' +
    '"webhook:https://your-gateway.example/send" (codes POSTed as JSON to an SMS/e-mail gateway).';
  if (!raw.startsWith('webhook:')) {
    return { ok: false, message: `CUSTODIAN_CODE_SENDER is not a known sender. ${usage}` };
  }
  let url: URL;
  try {
    url = new URL(raw.slice('webhook:'.length));
  } catch {
    return {
      ok: false,
      message: `CUSTODIAN_CODE_SENDER has a webhook URL that does not parse. ${usage}`,
    };
  }
  const secure =
    url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  if (!secure) {
    return {
      ok: false,
      message:
        'CUSTODIAN_CODE_SENDER: the webhook must be https (plain http only to localhost), since ' +
        `codes and addresses travel in it (R19). ${usage}`,
    };
  }
  return { ok: true, value: { kind: 'webhook', url: url.href } };
}
