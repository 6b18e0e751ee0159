// Tests of the consent routes through the app: policy, decisions and their signed receipts
// (idempotent by decisionId), subjects and data requests, double opt-in verification, body
// limits, CORS, and that a customer's address is never stored or logged in clear.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decisionsFor, openReceipt, shownText } from '../../shared/consent';
import {
  canonicalize,
  parseVerifierKey,
  pureHasher,
  toHex,
  utf8Encode,
  type NoteVerifier,
} from '../../shared/ledger';
import {
  ConsentPolicySchema,
  DataRequestSchema,
  DecisionResponseSchema,
  PolicyResponseSchema,
  SubjectCredentialsSchema,
  SubjectStateSchema,
  VerificationConfirmedSchema,
  VerificationStartedSchema,
  type ConsentPolicy,
  type DecisionRequest,
} from '../../shared/schema';
import { type CodeSender } from '../consent';
import { ed25519Verifier, nodeHasher } from '../ledger/node-crypto';
import { ledgerEntries, shopDecision, shopPolicy, tempConsent } from '../consent/test-helpers';
import { createApp, type ErrorBody } from './index';

const SHOP = 'https://shop.example';
const PHONE = '13812345678';
const DAY = 86_400_000;

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
  vi.restoreAllMocks();
});

interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  origin?: string;
  headers?: Record<string, string>;
}

function setup(options: { sender?: CodeSender; policy?: unknown } = {}) {
  const t = tempConsent(options);
  open.push(t);
  const published = t.consent.publish(options.policy ?? shopPolicy(1), [SHOP]);
  if (!published.ok) throw new Error(published.message);
  const hashes = published.value.textHashes;
  const app = createApp({ version: 't', consent: { service: t.consent, outbox: t.outbox } });
  const call = (path: string, o: CallOptions = {}) =>
    app.request(path.startsWith('/') ? path : `/v1/consent/sites/shop/${path}`, {
      method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.origin ? { origin: o.origin } : {}),
        ...o.headers,
      },
      body:
        o.body === undefined
          ? undefined
          : typeof o.body === 'string'
            ? o.body
            : JSON.stringify(o.body),
    });
  const decide = (overrides: Partial<DecisionRequest> = {}, token?: string) =>
    call('decisions', { body: shopDecision(hashes.en, overrides), token });
  /** Starts and confirms an SMS verification; returns the token. */
  const verify = async (address = PHONE) => {
    const started = VerificationStartedSchema.parse(
      await (await call('verifications', { body: { channel: 'sms', address } })).json(),
    );
    const code = t.outbox.messages()[0]!.code;
    const res = await call(`verifications/${started.verificationId}/confirm`, { body: { code } });
    expect(res.status).toBe(200);
    return VerificationConfirmedSchema.parse(await res.json()).verificationToken;
  };
  return { ...t, app, call, decide, verify, hashes };
}

async function expectError(res: Response, status: number, code?: string): Promise<string> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as ErrorBody;
  if (code) expect(body.error.code).toBe(code);
  return body.error.message;
}

/** The verifier of the key the service publishes (GET /v1/ledger/checkpoint → publicKey). */
function publishedVerifier(publicKey: string): NoteVerifier {
  const key = parseVerifierKey(nodeHasher, publicKey);
  if (!key.ok) throw new Error(key.error);
  return ed25519Verifier(key.value);
}

const shopV1 = () => ConsentPolicySchema.parse(shopPolicy(1));
const withSite = (policy: ConsentPolicy, site: string, version = 1): ConsentPolicy => ({
  ...policy,
  site,
  version,
});

describe('GET /v1/consent/sites/:site/policy', () => {
  it("gives the current policy and the SHA-256 of each language's canonical shown text", async () => {
    const { call } = setup();
    const res = await call('policy');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const body = PolicyResponseSchema.parse(await res.json());
    expect(body.policy).toEqual(shopV1());
    for (const language of ['zh-CN', 'en'] as const) {
      const text = canonicalize(shownText(body.policy, language));
      if (!text.ok) throw new Error('not canonical');
      expect(body.textHashes[language]).toBe(toHex(pureHasher.sha256(utf8Encode(text.text)!)));
    }
  });

  it('serves the newest version, and an older one by ?version=', async () => {
    const { call, consent } = setup();
    expect(consent.publish(shopPolicy(2)).ok).toBe(true);
    expect(PolicyResponseSchema.parse(await (await call('policy')).json()).policy.version).toBe(2);
    const v1 = PolicyResponseSchema.parse(await (await call('policy?version=1')).json());
    expect(v1.policy.version).toBe(1);
    await expectError(await call('policy?version=7'), 404, 'unknown_version');
    await expectError(await call('policy?version=abc'), 400, 'bad_query');
  });

  it('answers 404 for an unknown site, without echoing a malformed id', async () => {
    const { call } = setup();
    expect(
      await expectError(await call('/v1/consent/sites/blog/policy'), 404, 'unknown_site'),
    ).toMatch(/npm run consent -- publish/);
    const message = await expectError(
      await call(`/v1/consent/sites/${PHONE}_X/policy`),
      404,
      'unknown_site',
    );
    expect(message).not.toContain(PHONE);
    for (const [path, body] of [
      ['decisions', shopDecision('f'.repeat(64))],
      ['verifications', { channel: 'sms', address: PHONE }],
    ] as const) {
      await expectError(
        await call(`/v1/consent/sites/blog/${path}`, { body }),
        404,
        'unknown_site',
      );
    }
  });
});

describe('POST /v1/consent/sites/:site/decisions', () => {
  it('creates a subject and answers 201 with a receipt signed by the ledger key and logged', async () => {
    const { decide, ledger, consent } = setup();
    const request = shopDecision('');
    const res = await decide({ decisionId: request.decisionId });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { receipt, subject } = DecisionResponseSchema.parse(await res.json());
    expect(SubjectCredentialsSchema.parse(subject)).toEqual(subject);
    expect(receipt.body).toMatchObject({
      format: 'custodian-consent-receipt/1',
      receiptId: request.decisionId,
      subjectId: subject!.subjectId,
      site: 'shop',
      policyVersion: 1,
      method: 'banner',
      verification: null,
      recordedAt: '2026-11-22T10:00:00.000Z',
    });
    expect(receipt.body.decisions).toEqual(
      decisionsFor(shopV1(), request.choices, new Date(request.decidedAt)),
    );
    expect(receipt.publicKey).toBe(ledger.publicKey);
    expect(consent.publicKey).toBe(ledger.publicKey);

    const entry = ledgerEntries(ledger).find((e) => e.index === receipt.ledgerIndex);
    expect(entry).toMatchObject({ kind: 'consent-decision', payload: receipt.body });
  });

  it('gives a receipt that openReceipt verifies with the service key, and that fails when one byte changes', async () => {
    const { decide, ledger } = setup();
    const { receipt } = DecisionResponseSchema.parse(await (await decide()).json());
    const verifier = publishedVerifier(ledger.publicKey);
    const opened = openReceipt(receipt.note, verifier);
    expect(opened).toEqual({ ok: true, value: receipt.body });
    const at = receipt.note.indexOf('"analytics"') + 2;
    const changed = receipt.note.slice(0, at) + 'b' + receipt.note.slice(at + 1);
    expect(changed).not.toBe(receipt.note);
    expect(openReceipt(changed, verifier).ok).toBe(false);
  });

  it('answers a resent decisionId with the same receipt (200), stored and logged once', async () => {
    const { decide, ledger, consent } = setup();
    const first = shopDecision('');
    const created = DecisionResponseSchema.parse(
      await (await decide({ decisionId: first.decisionId })).json(),
    );
    const size = ledger.size();
    // The answer (with the token) was lost: the widget resends without one.
    const again = await decide({ decisionId: first.decisionId });
    expect(again.status).toBe(200);
    expect(DecisionResponseSchema.parse(await again.json())).toEqual({ receipt: created.receipt });
    // The answer arrived; the widget resends with its token anyway.
    const withToken = await decide({ decisionId: first.decisionId }, created.subject!.token);
    expect(withToken.status).toBe(200);
    expect(DecisionResponseSchema.parse(await withToken.json())).toEqual({
      receipt: created.receipt,
    });
    expect(ledger.size()).toBe(size);
    const state = consent.subject(
      'shop',
      created.subject!.subjectId,
      `Bearer ${created.subject!.token}`,
    );
    expect(state.ok && state.value.receipts).toHaveLength(1);
  });

  it('refuses with 409 a decisionId of another subject, or resent with other content', async () => {
    const { decide } = setup();
    const a = DecisionResponseSchema.parse(await (await decide()).json());
    const b = DecisionResponseSchema.parse(await (await decide()).json());
    const id = a.receipt.body.receiptId;
    const other = await decide({ decisionId: id }, b.subject!.token);
    expect(await expectError(other, 409, 'decision_conflict')).toMatch(/new UUIDv7/);
    const changed = await decide({
      decisionId: id,
      choices: {
        analytics: false,
        marketing: false,
        'partner-sharing': false,
        'id-verification': false,
      },
    });
    await expectError(changed, 409, 'decision_conflict');
  });

  it("adds later decisions to the bearer's subject, without new credentials", async () => {
    const { decide, call } = setup();
    const first = DecisionResponseSchema.parse(await (await decide()).json());
    const res = await decide({ method: 'privacy-center' }, first.subject!.token);
    expect(res.status).toBe(201);
    const second = DecisionResponseSchema.parse(await res.json());
    expect(second.subject).toBeUndefined();
    expect(second.receipt.body.subjectId).toBe(first.subject!.subjectId);
    const state = SubjectStateSchema.parse(
      await (
        await call(`subjects/${first.subject!.subjectId}`, { token: first.subject!.token })
      ).json(),
    );
    expect(state.receipts.map((r) => r.body.receiptId)).toEqual([
      first.receipt.body.receiptId,
      second.receipt.body.receiptId,
    ]);
  });

  it('refuses a malformed, unknown or other-site bearer token with 401, even for a resend', async () => {
    const { decide, call, consent, hashes } = setup();
    const blog = consent.publish(withSite(shopV1(), 'blog'));
    if (!blog.ok) throw new Error(blog.message);
    const onBlog = DecisionResponseSchema.parse(
      await (
        await call('/v1/consent/sites/blog/decisions', {
          body: shopDecision(blog.value.textHashes.en),
        })
      ).json(),
    );
    for (const token of ['nonsense', `cst_${'A'.repeat(43)}`, onBlog.subject!.token]) {
      await expectError(await decide({}, token), 401, 'unauthorized');
    }
    const basic = await call('decisions', {
      body: shopDecision(hashes.en),
      headers: { authorization: 'Basic abc' },
    });
    expect(await expectError(basic, 401)).toMatch(/Bearer cst_/);
  });

  it('refuses a textHash that is not the hash of the text in that language', async () => {
    const { decide, hashes } = setup();
    const res = await decide({ language: 'en', textHash: hashes['zh-CN'] });
    expect(await expectError(res, 400, 'text_hash_mismatch')).toMatch(/textHashes\["en"\]/);
    await expectError(await decide({ textHash: 'f'.repeat(64) }), 400, 'text_hash_mismatch');
  });

  it('accepts any published version, and refuses an unknown one', async () => {
    const { decide, consent } = setup();
    expect(consent.publish(shopPolicy(2)).ok).toBe(true);
    // A decision queued under v1 while the service was down arrives after v2 is out.
    expect((await decide({ policyVersion: 1 })).status).toBe(201);
    await expectError(await decide({ policyVersion: 5 }), 400, 'unknown_version');
  });

  it('refuses choices that break the policy: GPC-refused, missing, required, unknown', async () => {
    const { decide } = setup();
    const base = {
      analytics: false,
      marketing: false,
      'partner-sharing': false,
      'id-verification': false,
    };
    const gpc = await decide({ gpc: true, choices: { ...base, marketing: true } });
    expect(await expectError(gpc, 400, 'bad_choices')).toMatch(/Global Privacy Control/);
    expect((await decide({ gpc: true, choices: base, method: 'gpc' })).status).toBe(201);
    const missing = Object.fromEntries(Object.entries(base).filter(([id]) => id !== 'marketing'));
    expect(await expectError(await decide({ choices: missing }), 400, 'bad_choices')).toMatch(
      /missing/,
    );
    await expectError(await decide({ choices: { ...base, orders: true } }), 400, 'bad_choices');
    await expectError(await decide({ choices: { ...base, ads: true } }), 400, 'bad_choices');
  });

  it('lets grants lapse from the moment recorded when the browser clock is ahead', async () => {
    const { decide } = setup();
    const res = await decide({ decidedAt: '2027-01-01T00:00:00.000Z' });
    const { receipt } = DecisionResponseSchema.parse(await res.json());
    expect(receipt.body.decidedAt).toBe('2027-01-01T00:00:00.000Z');
    const analytics = receipt.body.decisions.find((d) => d.purpose === 'analytics')!;
    expect(analytics.expiresAt).toBe(
      new Date(Date.parse(receipt.body.recordedAt) + 180 * DAY).toISOString(),
    );
  });

  it('answers a bad body 400, malformed JSON 400 and an oversized body 413', async () => {
    const { call, hashes } = setup();
    const bad = await call('decisions', {
      body: { ...shopDecision(hashes.en), method: 'telepathy' },
    });
    expect(await expectError(bad, 400, 'bad_request')).toMatch(/method/);
    await expectError(await call('decisions', { body: '{"decisionId": ' }), 400, 'malformed_json');
    const huge = await call('decisions', {
      body: { ...shopDecision(hashes.en), pad: 'x'.repeat(70_000) },
    });
    await expectError(huge, 413, 'payload_too_large');
    await expectError(
      await call('verifications', { body: { channel: 'sms', address: 'x'.repeat(70_000) } }),
      413,
    );
  });
});

describe('verification (R5)', () => {
  it('requires a verification token for a sensitive grant, records it, and spends it once', async () => {
    const { decide, verify } = setup();
    const sensitive = {
      analytics: false,
      marketing: false,
      'partner-sharing': false,
      'id-verification': true,
    };
    const refused = await decide({ choices: sensitive });
    expect(await expectError(refused, 400, 'verification-required')).toMatch(/verifications/);

    const token = await verify();
    const res = await decide({ choices: sensitive, verificationToken: token });
    expect(res.status).toBe(201);
    const { receipt } = DecisionResponseSchema.parse(await res.json());
    expect(receipt.body.verification).toEqual({
      channel: 'sms',
      verifiedAt: '2026-11-22T10:00:00.000Z',
    });
    expect(JSON.stringify(receipt)).not.toContain(PHONE);

    const reused = await decide({ choices: sensitive, verificationToken: token });
    expect(await expectError(reused, 400, 'verification-required')).toMatch(/already used/);
  });

  it('asks no code to keep a sensitive grant in force or to withdraw it (R6: one step)', async () => {
    const { decide, verify } = setup();
    const sensitive = {
      analytics: false,
      marketing: true,
      'partner-sharing': false,
      'id-verification': true,
    };
    const first = await decide({ choices: sensitive, verificationToken: await verify() });
    expect(first.status).toBe(201);
    const { subject } = DecisionResponseSchema.parse(await first.json());
    const token = subject!.token;

    // Withdraw marketing, keep the ID check: no new grant, no code.
    const kept = await decide({ choices: { ...sensitive, marketing: false } }, token);
    expect(kept.status).toBe(201);
    // Withdraw the ID check itself: no code either.
    const withdrawn = await decide(
      { choices: { ...sensitive, marketing: false, 'id-verification': false } },
      token,
    );
    expect(withdrawn.status).toBe(201);
    // Granting it again is a new grant: the code is asked again.
    await expectError(await decide({ choices: sensitive }, token), 400, 'verification-required');
  });

  it("refuses an expired token or one of another site, and verifies every decision when 'always'", async () => {
    const always = { ...shopV1(), verification: { when: 'always', channels: ['email'] } };
    const { decide, call, clock, consent, outbox } = setup({ policy: always });
    await expectError(await decide(), 400, 'verification-required');

    const started = VerificationStartedSchema.parse(
      await (
        await call('verifications', { body: { channel: 'email', address: 'Li.Lei@Example.CN' } })
      ).json(),
    );
    const code = outbox.messages()[0]!.code;
    expect(outbox.messages()[0]!.address).toBe('li.lei@example.cn');
    const { verificationToken } = VerificationConfirmedSchema.parse(
      await (
        await call(`verifications/${started.verificationId}/confirm`, { body: { code } })
      ).json(),
    );
    const blog = consent.publish(withSite(ConsentPolicySchema.parse(always), 'blog'));
    if (!blog.ok) throw new Error(blog.message);
    const elsewhere = await call('/v1/consent/sites/blog/decisions', {
      body: shopDecision(blog.value.textHashes.en, { verificationToken }),
    });
    expect(await expectError(elsewhere, 400, 'verification-required')).toMatch(/not one this site/);

    clock.advance(30 * 60_000 + 1);
    const late = await decide({ verificationToken });
    expect(await expectError(late, 400, 'verification-required')).toMatch(/expired/);
  });

  it('counts wrong codes: 400 with the tries left, locked (429) at the fifth, even for the right code', async () => {
    const { call, outbox } = setup();
    const { verificationId } = VerificationStartedSchema.parse(
      await (await call('verifications', { body: { channel: 'sms', address: PHONE } })).json(),
    );
    const code = outbox.messages()[0]!.code;
    const wrong = code === '000000' ? '000001' : '000000';
    const confirm = (c: string) =>
      call(`verifications/${verificationId}/confirm`, { body: { code: c } });
    for (let left = 4; left >= 1; left--) {
      expect(await expectError(await confirm(wrong), 400, 'wrong_code')).toContain(`${left} tr`);
    }
    await expectError(await confirm(wrong), 429, 'verification_locked');
    await expectError(await confirm(code), 429, 'verification_locked');
    await expectError(await confirm('12ab'), 400, 'bad_request');
  });

  it('expires a code after 10 minutes (410), refuses a second confirm (409) and unknown ids (404)', async () => {
    const { call, outbox, clock } = setup();
    const start = async () =>
      VerificationStartedSchema.parse(
        await (await call('verifications', { body: { channel: 'sms', address: PHONE } })).json(),
      );
    const first = await start();
    expect(first.expiresAt).toBe('2026-11-22T10:10:00.000Z');
    const firstCode = outbox.messages()[0]!.code;
    const second = await start();
    const secondCode = outbox.messages()[0]!.code;
    const confirm = (id: string, code: string) =>
      call(`verifications/${id}/confirm`, { body: { code } });
    expect((await confirm(second.verificationId, secondCode)).status).toBe(200);
    await expectError(await confirm(second.verificationId, secondCode), 409, 'already_confirmed');
    clock.advance(10 * 60_000 + 1);
    await expectError(await confirm(first.verificationId, firstCode), 410, 'code_expired');
    await expectError(
      await confirm('0190a000-0000-7000-8000-000000000000', '123456'),
      404,
      'unknown_verification',
    );
    await expectError(
      await call(`/v1/consent/sites/blog/verifications/${first.verificationId}/confirm`, {
        body: { code: firstCode },
      }),
      404,
    );
  });

  it('sends at most 5 codes per address per hour, however the number is written (429)', async () => {
    const { call, clock } = setup();
    const spellings = [PHONE, '+86 138 1234 5678', '008613812345678', '+86-138-1234-5678', PHONE];
    for (const address of spellings) {
      expect((await call('verifications', { body: { channel: 'sms', address } })).status).toBe(201);
      clock.advance(60_000);
    }
    const res = await call('verifications', { body: { channel: 'sms', address: PHONE } });
    const message = await expectError(res, 429, 'too_many_codes');
    expect(message).not.toContain(PHONE);
    expect(Number(res.headers.get('retry-after'))).toBe(55 * 60);
    // Another address is not affected; after the hour this one may receive again.
    expect(
      (await call('verifications', { body: { channel: 'sms', address: '+447700900123' } })).status,
    ).toBe(201);
    clock.advance(55 * 60_000 + 1);
    expect((await call('verifications', { body: { channel: 'sms', address: PHONE } })).status).toBe(
      201,
    );
  });

  it('checks the address per channel and the channels the policy offers, never echoing the address', async () => {
    const smsOnly = { ...shopV1(), verification: { when: 'sensitive', channels: ['sms'] } };
    const { call } = setup({ policy: smsOnly });
    for (const address of ['12812345678', '1381234567', 'li.lei@example.cn', '+0123456789']) {
      const res = await call('verifications', { body: { channel: 'sms', address } });
      expect(await expectError(res, 400, 'bad_address')).not.toContain(address);
    }
    const email = await call('verifications', { body: { channel: 'email', address: 'a@b.cn' } });
    expect(await expectError(email, 400, 'channel_not_offered')).toMatch(/by sms/);
    await expectError(
      await call('verifications', { body: { channel: 'fax', address: PHONE } }),
      400,
    );
  });

  it('answers 502 when the sender fails, without counting the code or logging the address', async () => {
    const failing: CodeSender = {
      send: () =>
        Promise.reject(new Error('the code gateway https://sms.example/send answered HTTP 503')),
    };
    const { call } = setup({ sender: failing });
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
    for (let i = 0; i < 6; i++) {
      const res = await call('verifications', { body: { channel: 'sms', address: PHONE } });
      expect(await expectError(res, 502, 'send_failed')).not.toContain(PHONE);
    }
    expect(logged).toHaveLength(6);
    expect(logged.join('\n')).not.toContain(PHONE);
    expect(logged.join('\n')).not.toMatch(/8613812345678/);
  });

  it('keeps the address only sealed: never in clear in consent.db, the ledger or their WAL files', async () => {
    const { call, decide, verify, dir, ledger, close } = setup();
    const email = 'zhang.wei.private@example.cn';
    await call('verifications', { body: { channel: 'email', address: email } });
    const token = await verify('+86 138 1234 5678');
    const sensitive = {
      analytics: true,
      marketing: true,
      'partner-sharing': false,
      'id-verification': true,
    };
    expect((await decide({ choices: sensitive, verificationToken: token })).status).toBe(201);
    const entries = JSON.stringify(ledgerEntries(ledger));
    close();
    open.length = 0;
    const files = readdirSync(dir).filter((f) => /^(consent|ledger)\.db/.test(f));
    expect(files).toEqual(expect.arrayContaining(['consent.db', 'ledger.db']));
    for (const file of files) {
      const bytes = readFileSync(join(dir, file));
      for (const needle of [PHONE, email, 'zhang.wei']) {
        expect(bytes.includes(needle), `${needle} in ${file}`).toBe(false);
      }
    }
    expect(entries).not.toContain(PHONE);
    expect(entries).not.toContain(email);
  });
});

describe('subjects and data requests (R6, R9)', () => {
  async function withSubject() {
    const s = setup();
    const created = DecisionResponseSchema.parse(await (await s.decide()).json());
    return { ...s, ...created.subject! };
  }

  it("gives the subject's receipts and requests to its own token only (401, 403)", async () => {
    const { call, subjectId, token, decide } = await withSubject();
    const res = await call(`subjects/${subjectId}`, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(SubjectStateSchema.parse(await res.json())).toMatchObject({ subjectId, requests: [] });

    await expectError(await call(`subjects/${subjectId}`), 401, 'unauthorized');
    await expectError(
      await call(`subjects/${subjectId}`, { token: `cst_${'B'.repeat(43)}` }),
      401,
      'unauthorized',
    );
    const other = DecisionResponseSchema.parse(await (await decide()).json()).subject!;
    await expectError(
      await call(`subjects/${subjectId}`, { token: other.token }),
      403,
      'forbidden',
    );
    await expectError(
      await call('/v1/consent/sites/blog/subjects/x', { token }),
      404,
      'unknown_site',
    );
  });

  it('stores a request resent with its requestId once, and refuses the id for another request', async () => {
    const { call, subjectId, token, ledger } = await withSubject();
    const requestId = '019a0000-0000-7000-8000-00000000abcd';
    const send = (kind: string) =>
      call(`subjects/${subjectId}/requests`, { token, body: { kind, requestId } });
    const first = DataRequestSchema.parse(await (await send('copy')).json());
    const again = DataRequestSchema.parse(await (await send('copy')).json());
    expect(first.id).toBe(requestId);
    expect(again).toEqual(first);
    expect(ledgerEntries(ledger).filter((e) => e.kind === 'consent-request')).toHaveLength(1);
    expect(await expectError(await send('deletion'), 409, 'request_conflict')).toMatch(
      /new UUIDv7/,
    );
  });

  it('records a deletion request due in 15 days, in the ledger and the subject state', async () => {
    const { call, subjectId, token, ledger, consent } = await withSubject();
    const res = await call(`subjects/${subjectId}/requests`, { token, body: { kind: 'deletion' } });
    expect(res.status).toBe(201);
    const request = DataRequestSchema.parse(await res.json());
    expect(request).toMatchObject({
      kind: 'deletion',
      status: 'open',
      createdAt: '2026-11-22T10:00:00.000Z',
      dueAt: '2026-12-07T10:00:00.000Z',
    });
    expect(request.id[14]).toBe('7'); // UUIDv7
    expect(ledgerEntries(ledger).filter((e) => e.kind === 'consent-request')).toEqual([
      expect.objectContaining({
        payload: {
          requestId: request.id,
          subjectId,
          site: 'shop',
          kind: 'deletion',
          status: 'open',
          createdAt: request.createdAt,
          dueAt: request.dueAt,
        },
      }),
    ]);
    const state = SubjectStateSchema.parse(
      await (await call(`subjects/${subjectId}`, { token })).json(),
    );
    expect(state.requests).toEqual([request]);

    const done = consent.setRequestStatus(request.id, 'done');
    expect(done.ok).toBe(true);
    const after = SubjectStateSchema.parse(
      await (await call(`subjects/${subjectId}`, { token })).json(),
    );
    expect(after.requests[0]!.status).toBe('done');
    expect(ledgerEntries(ledger).at(-1)).toMatchObject({
      kind: 'consent-request-status',
      payload: { requestId: request.id, status: 'done' },
    });
  });

  it('refuses a bad kind (400), no token (401) and another subject (403)', async () => {
    const { call, subjectId, token, decide } = await withSubject();
    await expectError(
      await call(`subjects/${subjectId}/requests`, { token, body: { kind: 'everything' } }),
      400,
      'bad_request',
    );
    await expectError(
      await call(`subjects/${subjectId}/requests`, { body: { kind: 'copy' } }),
      401,
    );
    const other = DecisionResponseSchema.parse(await (await decide()).json()).subject!;
    await expectError(
      await call(`subjects/${subjectId}/requests`, { token: other.token, body: { kind: 'copy' } }),
      403,
    );
  });
});

describe('CORS on /v1/consent/*', () => {
  it('echoes an allowed origin with Vary: Origin, on success and on errors', async () => {
    const { call } = setup();
    const res = await call('policy', { origin: SHOP });
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(res.headers.get('vary')).toMatch(/Origin/);
    const denied = await call('subjects/sub_x', { origin: SHOP });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(SHOP);
  });

  it('gives another origin, and a same-origin request, no CORS headers', async () => {
    const { call } = setup();
    for (const origin of ['https://evil.example', 'https://shop.example.evil.example', undefined]) {
      const res = await call('policy', { origin });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/Origin/);
    }
  });

  it('answers a preflight with 204, allowing Authorization and Content-Type only to the site origins', async () => {
    const { call } = setup();
    const preflight = (origin: string) =>
      call('decisions', {
        method: 'OPTIONS',
        origin,
        headers: {
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const ok = await preflight(SHOP);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(ok.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(ok.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
    const other = await preflight('https://evil.example');
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-methods')).toBeNull();
  });
});

describe('GET /dev/outbox', () => {
  it('lists the codes sent, newest first, as JSON and as an escaped HTML page', async () => {
    const { call } = setup();
    await call('verifications', { body: { channel: 'sms', address: PHONE } });
    await call('verifications', { body: { channel: 'email', address: '<b>x</b>@example.cn' } });
    const json = (await (await call('/dev/outbox.json')).json()) as {
      messages: { channel: string; address: string; code: string; site: string; at: string }[];
    };
    expect(json.messages.map((m) => m.channel)).toEqual(['email', 'sms']);
    expect(json.messages[1]).toMatchObject({ address: '+8613812345678', site: 'shop' });
    expect(json.messages[1]!.code).toMatch(/^\d{6}$/);
    const page = await call('/dev/outbox');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain(json.messages[1]!.code);
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;@example.cn');
    expect(html).not.toContain('<b>x</b>');
  });

  it('is not there without the outbox sender', async () => {
    const t = tempConsent();
    open.push(t);
    const app = createApp({ version: 't', consent: { service: t.consent } });
    expect((await app.request('/dev/outbox.json')).status).toBe(404);
  });
});
