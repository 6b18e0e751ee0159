// Tests of the consent service's policy publishing (versions only go up, each logged with its text
// hashes), its store surviving a restart, the daily purge of verifications, and its key check.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConsentPolicySchema } from '../../shared/schema';
import { openLedger } from '../ledger';
import { tempDir, tempLedger } from '../ledger/test-helpers';
import { VERIFICATION_KEEP_MS } from './config';
import { outboxSender } from './senders';
import { openConsent } from './service';
import { openConsentStore } from './store';
import { ledgerEntries, shopDecision, shopPolicy, tempConsent } from './test-helpers';

describe('publishing a policy', () => {
  it('stores the version with its text hashes and logs the exact policy in the ledger', () => {
    const { consent, ledger, close } = tempConsent();
    try {
      const published = consent.publish(shopPolicy(1), ['http://127.0.0.1:8787/']);
      if (!published.ok) throw new Error(published.message);
      expect(published.value.publishedAt).toBe('2026-11-22T10:00:00.000Z');
      expect(consent.sites()).toEqual([
        { id: 'shop', origins: ['http://127.0.0.1:8787'], currentVersion: 1 },
      ]);
      expect(ledgerEntries(ledger).at(-1)).toEqual({
        index: published.value.ledgerIndex,
        kind: 'consent-policy',
        payload: {
          site: 'shop',
          version: 1,
          textHashes: published.value.textHashes,
          policy: ConsentPolicySchema.parse(shopPolicy(1)),
        },
        recordedAt: expect.any(String), // the ledger's own clock
      });
    } finally {
      close();
    }
  });

  it('refuses a version that is not higher (409) and keeps the origins when none are given', () => {
    const { consent, ledger, close } = tempConsent();
    try {
      expect(consent.publish(shopPolicy(2), ['https://shop.example']).ok).toBe(true);
      const size = ledger.size();
      const older = consent.publish(shopPolicy(1));
      expect(older).toMatchObject({
        ok: false,
        status: 409,
        code: 'version_not_higher',
      });
      expect(!older.ok && older.message).toMatch(/version 2.*3 or more/);
      const same = consent.publish(shopPolicy(2));
      expect(same).toMatchObject({ ok: false, status: 409 });
      expect(ledger.size()).toBe(size);
      const v3 = { ...ConsentPolicySchema.parse(shopPolicy(2)), version: 3 };
      expect(consent.publish(v3).ok).toBe(true);
      expect(consent.sites()[0]).toEqual({
        id: 'shop',
        origins: ['https://shop.example'],
        currentVersion: 3,
      });
    } finally {
      close();
    }
  });

  it('refuses a policy that breaks its rules, and bad origins, naming the problem', () => {
    const { consent, close } = tempConsent();
    try {
      const policy = ConsentPolicySchema.parse(shopPolicy(1));
      const forced = {
        ...policy,
        purposes: policy.purposes.map((p) => (p.id === 'analytics' ? { ...p, required: true } : p)),
      };
      const refused = consent.publish(forced);
      expect(refused).toMatchObject({ ok: false, status: 400, code: 'bad_policy' });
      expect(!refused.ok && refused.message).toMatch(/R3/);
      expect(consent.publish({ schema: 1 })).toMatchObject({ ok: false, status: 400 });
      for (const origin of ['shop.example', 'https://shop.example/path', 'ftp://shop.example']) {
        expect(consent.publish(policy, [origin]), origin).toMatchObject({
          ok: false,
          code: 'bad_origin',
        });
      }
      expect(consent.sites()).toEqual([]);
      expect(consent.setOrigins('shop', ['https://a.example'])).toMatchObject({
        ok: false,
        status: 404,
      });
    } finally {
      close();
    }
  });
});

describe('the store', () => {
  it('keeps sites, policies and receipts across a restart', () => {
    const { ledger, path } = tempLedger();
    const dir = join(path, '..');
    const first = openConsent({ dir, ledger, sender: outboxSender().sender });
    expect(first.publish(shopPolicy(1), ['https://shop.example']).ok).toBe(true);
    first.close();
    const second = openConsent({ dir, ledger, sender: outboxSender().sender });
    expect(second.policy('shop')).toMatchObject({ ok: true, value: { policy: { version: 1 } } });
    expect(second.allowsOrigin('shop', 'https://shop.example')).toBe(true);
    expect(second.allowsOrigin('shop', 'https://evil.example')).toBe(false);
    second.close();
    ledger.close();
  });

  it('destroys verifications, sealed addresses included, after a day', async () => {
    const { consent, clock, dir, close } = tempConsent();
    try {
      expect(consent.publish(shopPolicy(1)).ok).toBe(true);
      const started = await consent.startVerification('shop', {
        channel: 'sms',
        address: '13812345678',
      });
      if (!started.ok) throw new Error(started.message);
      const store = openConsentStore(join(dir, 'consent.db'));
      expect(store.sealedAddress(started.value.verificationId)).toMatch(/^aesgcm1:/);
      clock.advance(VERIFICATION_KEEP_MS + 1);
      expect(
        (await consent.startVerification('shop', { channel: 'sms', address: '13900000000' })).ok,
      ).toBe(true);
      expect(store.sealedAddress(started.value.verificationId)).toBeUndefined();
      store.close();
    } finally {
      close();
    }
  });

  it("refuses to sign receipts with a key that is not the ledger's", () => {
    const { ledger } = tempLedger();
    try {
      expect(() => openConsent({ dir: tempDir(), ledger, sender: outboxSender().sender })).toThrow(
        /not the ledger's/,
      );
    } finally {
      ledger.close();
    }
  });
});

describe('the ledger written by the command line while the server runs', () => {
  it('retries the append once, after the ledger has re-read its file', () => {
    const { consent, ledger, dir, close } = tempConsent();
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const published = consent.publish(shopPolicy(1));
      if (!published.ok) throw new Error(published.message);
      // `npm run consent -- publish` in another process: a second writer of the same file.
      const cli = openLedger({ path: join(dir, 'ledger.db'), checkpointEveryMs: 0 });
      cli.append('consent-policy', [{ from: 'the command line' }]);
      cli.close();
      const decided = consent.decide(
        'shop',
        undefined,
        shopDecision(published.value.textHashes.en),
      );
      expect(decided.ok).toBe(true);
      expect(decided.ok && decided.value.response.receipt.ledgerIndex).toBe(2);
      expect(warned).toHaveBeenCalledTimes(1);
      expect(ledger.verify()).toMatchObject({ ok: true, size: 3 });
    } finally {
      warned.mockRestore();
      close();
    }
  });
});
