// Test helpers: a consent service on a fresh ledger in a temporary directory, with a settable
// clock and the development outbox, and the demo shop's policies.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { uuidv7 } from '../../shared/ids';
import type { DecisionRequest } from '../../shared/schema';
import { tempLedger } from '../ledger/test-helpers';
import { outboxSender, type CodeSender } from './senders';
import { openConsent } from './service';

/** The demo shop's policy, version 1 or 2 (test/fixtures/consent/), as parsed JSON. */
export const shopPolicy = (version: 1 | 2): unknown =>
  JSON.parse(
    readFileSync(
      new URL(`../../test/fixtures/consent/shop-policy.v${version}.json`, import.meta.url),
      'utf8',
    ),
  );

/** A clock the test moves by hand. */
export function testClock(start = Date.parse('2026-11-22T10:00:00.000Z')) {
  const clock = { t: start, now: () => clock.t, advance: (ms: number) => void (clock.t += ms) };
  return clock;
}

/** A consent service in a temporary directory (removed after the test); close it in the test. */
export function tempConsent(options: { sender?: CodeSender } = {}) {
  const { ledger, path } = tempLedger();
  const dir = dirname(path);
  const clock = testClock();
  const { sender, outbox } = outboxSender(clock.now);
  const consent = openConsent({ dir, ledger, sender: options.sender ?? sender, now: clock.now });
  return {
    dir,
    ledger,
    consent,
    outbox,
    clock,
    close() {
      consent.close();
      ledger.close();
    },
  };
}

/** A fresh UUIDv7 decision id. */
export const decisionId = (): string => uuidv7(Date.now(), randomBytes(10));

/** A decision on the shop's v1 (analytics on, the rest off) unless `overrides` say otherwise. */
export function shopDecision(
  textHash: string,
  overrides: Partial<DecisionRequest> = {},
): DecisionRequest {
  return {
    decisionId: decisionId(),
    policyVersion: 1,
    language: 'en',
    textHash,
    choices: {
      analytics: true,
      marketing: false,
      'partner-sharing': false,
      'id-verification': false,
    },
    method: 'banner',
    gpc: false,
    decidedAt: '2026-11-22T09:59:00.000Z',
    ...overrides,
  };
}

export { ledgerEntries } from '../ledger/entries';
