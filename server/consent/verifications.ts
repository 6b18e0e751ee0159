// Double opt-in (R5) with the address protected (R20): a 6-digit code sent through the pluggable
// sender, kept only as an HMAC; the address kept only sealed with AES-256-GCM and found again by
// its HMAC for the hourly limit. A confirmed code yields a single-use token bound to the site.
//
// Rules, each enforced below:
// - a code is valid CODE_TTL_MS; after MAX_WRONG_CODES wrong ones the verification is locked;
// - at most MAX_CODES_PER_ADDRESS codes go to one address per CODE_RATE_WINDOW_MS, on any site;
// - the token is valid VERIFICATION_TOKEN_TTL_MS, for this site, once;
// - neither address nor code appears in a message, a log line or the ledger.
import { randomInt } from 'node:crypto';
import {
  VerificationConfirmSchema,
  VerificationStartSchema,
  type VerificationChannel,
} from '../../shared/schema';
import { normalizeAddress } from './address';
import {
  CODE_RATE_WINDOW_MS,
  CODE_TTL_MS,
  MAX_CODES_PER_ADDRESS,
  MAX_WRONG_CODES,
  VERIFICATION_KEEP_MS,
  VERIFICATION_TOKEN_TTL_MS,
} from './config';
import { isoAt, newId, newToken, tokenHash, type ConsentContext } from './context';
import { policyFor } from './policies';
import { done, issuesText, refuse, type Outcome } from './problems';

/** Token prefix: recognisable in a leaked-secret scan, distinct from subject tokens. */
const TOKEN_PREFIX = 'cvt_';

const codeMacInput = (id: string, code: string) => `code:${id}:${code}`;

/**
 * Sends a one-time code to the address, through the site's policy's channels only.
 *
 * @example
 *   await startVerification(ctx, 'shop', { channel: 'sms', address: '13812345678' });
 *   // { ok: true, value: { verificationId: '0190…', expiresAt: '…' } }
 */
export async function startVerification(
  ctx: ConsentContext,
  site: string,
  input: unknown,
): Promise<Outcome<{ verificationId: string; expiresAt: string }>> {
  const policy = policyFor(ctx, site);
  if (!policy.ok) return policy;
  const body = VerificationStartSchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"channel": "sms" | "email", "address": "…"} (${issuesText(body.error.issues)}).`,
    );
  }
  const { channel } = body.data;
  const offered = policy.value.policy.verification.channels;
  if (!offered.includes(channel)) {
    return refuse(
      400,
      'channel_not_offered',
      `Site "${site}" verifies by ${offered.join(' or ')}, not ${channel}.`,
    );
  }
  const address = normalizeAddress(channel, body.data.address);
  if (!address.ok) return refuse(400, 'bad_address', address.message);

  const now = ctx.now();
  ctx.store.purgeVerifications(now - VERIFICATION_KEEP_MS);
  const addressMac = ctx.secrets.mac(`address:${channel}:${address.address}`);
  const sent = ctx.store.sentSince(addressMac, now - CODE_RATE_WINDOW_MS);
  if (sent.count >= MAX_CODES_PER_ADDRESS) {
    const wait = Math.max(1, Math.ceil(((sent.oldest ?? now) + CODE_RATE_WINDOW_MS - now) / 1000));
    return refuse(
      429,
      'too_many_codes',
      `This address has been sent ${MAX_CODES_PER_ADDRESS} codes in the last hour, the most ` +
        `allowed. Use the latest code, or try again in ${Math.ceil(wait / 60)} minutes.`,
      wait,
    );
  }
  const id = newId(ctx);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = isoAt(now + CODE_TTL_MS);
  ctx.store.insertVerification({
    id,
    site,
    channel,
    addressSealed: ctx.secrets.seal(address.address, id),
    addressMac,
    codeMac: ctx.secrets.mac(codeMacInput(id, code)),
    createdAt: now,
    expiresAt: now + CODE_TTL_MS,
  });
  try {
    await ctx.sender.send({ channel, address: address.address, code, site, expiresAt });
  } catch (error) {
    // A code that never left does not count against the address's hourly limit.
    ctx.store.deleteVerification(id);
    console.error(
      `[consent] sending a ${channel} code for site ${site} failed:`,
      error instanceof Error ? error.message : 'unknown error',
    );
    return refuse(
      502,
      'send_failed',
      `The ${channel === 'sms' ? 'SMS' : 'e-mail'} could not be sent just now. Try again in a minute; ` +
        'if it keeps failing, the service operator should check the code gateway (server log).',
    );
  }
  return done({ verificationId: id, expiresAt });
}

/**
 * Checks a code; the right one yields the verification token (shown once, stored as a hash).
 *
 * @example
 *   confirmVerification(ctx, 'shop', verificationId, { code: '123456' });
 *   // { ok: true, value: { verificationToken: 'cvt_…' } }
 */
export function confirmVerification(
  ctx: ConsentContext,
  site: string,
  id: string,
  input: unknown,
): Outcome<{ verificationToken: string }> {
  const body = VerificationConfirmSchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      'Send {"code": "123456"}: the 6 digits of the code received.',
    );
  }
  const row = ctx.store.verification(id, site);
  if (!row) {
    return refuse(
      404,
      'unknown_verification',
      `No verification with this id on site "${site}" (it may be over a day old). Ask for a new code.`,
    );
  }
  const now = ctx.now();
  if (now > row.expiresAt) {
    return refuse(
      410,
      'code_expired',
      'This code has expired (codes are valid 10 minutes). Ask for a new one.',
    );
  }
  const locked = () =>
    refuse<never>(
      429,
      'verification_locked',
      `${MAX_WRONG_CODES} wrong codes were entered, so this code no longer works. Ask for a new one.`,
    );
  if (row.wrongTries >= MAX_WRONG_CODES) return locked();
  if (row.confirmedAt !== null) {
    return refuse(
      409,
      'already_confirmed',
      'This code was already used. Continue with the verification token you received, or ask for a new code.',
    );
  }
  if (!ctx.secrets.macEquals(codeMacInput(id, body.data.code), row.codeMac)) {
    const wrong = ctx.store.wrongTry(id);
    if (wrong >= MAX_WRONG_CODES) return locked();
    const left = MAX_WRONG_CODES - wrong;
    return refuse(
      400,
      'wrong_code',
      `That is not the code that was sent. Check it and try again (${left} ${left === 1 ? 'try' : 'tries'} left).`,
    );
  }
  const token = newToken(TOKEN_PREFIX);
  ctx.store.confirm(id, now, tokenHash(token), now + VERIFICATION_TOKEN_TTL_MS);
  return done({ verificationToken: token });
}

/** A verification token that may still be spent, with what the receipt records of it. */
export interface UsableToken {
  id: string;
  verification: { channel: VerificationChannel; verifiedAt: string };
}

/**
 * Finds an unspent, unexpired token of this site (spend it with `store.useToken` in the same
 * transaction that records the decision).
 */
export function usableToken(
  ctx: ConsentContext,
  site: string,
  token: string,
): Outcome<UsableToken> {
  const row = ctx.store.byToken(site, tokenHash(token));
  const why = !row
    ? 'The verificationToken is not one this site issued'
    : row.tokenUsedAt !== null
      ? 'The verificationToken was already used for another decision (each is good for one)'
      : ctx.now() > row.tokenExpiresAt
        ? 'The verificationToken has expired (it is good for 30 minutes)'
        : null;
  if (why || !row) {
    return refuse(
      400,
      'verification-required',
      `${why}. Verify again: POST …/verifications, then …/verifications/:id/confirm.`,
    );
  }
  return done({
    id: row.id,
    verification: { channel: row.channel, verifiedAt: isoAt(row.confirmedAt) },
  });
}
