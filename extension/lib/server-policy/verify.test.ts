// Tests of the signed policy's check with WebCrypto Ed25519: a real key signs, and a forged,
// re-signed-by-another-key, unsigned or schema-failing policy is refused.
import { describe, expect, it } from 'vitest';
import { GO_NOTE } from '../../../shared/ledger/test-vectors';
import { makeServerKey } from './test-keys';
import { verifyPolicyNote } from './verify';

const POLICY = {
  version: '2026-11-01',
  protect: ['https://crm.example.com/*'],
  roles: { support: { reveal: { phone: { access: 'partial', offline: true } } } },
};

describe('verifyPolicyNote', () => {
  it('reads a policy signed by the server key, with the schema defaults filled in', async () => {
    const key = await makeServerKey();
    const result = await verifyPolicyNote(await key.signPolicy(POLICY), key.serverKey);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.version).toBe('2026-11-01');
      expect(result.value.roles.support?.reveal.phone).toEqual({
        access: 'partial',
        offline: true,
        reasonRequired: false,
      });
      expect(result.value.rules.timeZone).toBe('Asia/Shanghai');
    }
  });

  it('refuses a policy changed after signing', async () => {
    const key = await makeServerKey();
    const note = await key.signPolicy(POLICY);
    const forged = note.replace('"partial"', '"full"');
    expect(forged).not.toBe(note);
    const result = await verifyPolicyNote(forged, key.serverKey);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('does not verify') });
  });

  it('refuses a policy signed by another key, even one with the same name', async () => {
    const ours = await makeServerKey('custodian');
    const theirs = await makeServerKey('custodian');
    const result = await verifyPolicyNote(await theirs.signPolicy(POLICY), ours.serverKey);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('no signature') });
  });

  it('refuses an unsigned or malformed note', async () => {
    const key = await makeServerKey();
    const note = await key.signPolicy(POLICY);
    const text = note.slice(0, note.indexOf('\n\n') + 1);
    for (const bad of [text, `${text}\n`, '', 'not a note', note.replace(/— \S+ /, '— x ')]) {
      const result = await verifyPolicyNote(bad, key.serverKey);
      expect(result.ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('refuses a correctly signed note whose policy fails the schema or is not a policy', async () => {
    const key = await makeServerKey();
    const badSchema = await key.signText(
      'custodian-staff-policy/1\n{"protect":["ftp://x/*"],"version":"1"}\n',
    );
    expect(await verifyPolicyNote(badSchema, key.serverKey)).toMatchObject({
      ok: false,
      error: expect.stringContaining('protect.0'),
    });
    const receipt = await key.signText('custodian-consent-receipt/1\n{}\n');
    expect(await verifyPolicyNote(receipt, key.serverKey)).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a staff policy'),
    });
  });

  it('agrees with golang.org/x/mod/sumdb/note on its published test note', async () => {
    const note = `${GO_NOTE.text}\n${GO_NOTE.signature}`;
    // The signature verifies, so the refusal is about the text, which is not a policy…
    expect(await verifyPolicyNote(note, GO_NOTE.publicKey)).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a staff policy'),
    });
    // …while one changed character fails the signature.
    const changed = note.replace('answer', 'Answer');
    expect(await verifyPolicyNote(changed, GO_NOTE.publicKey)).toMatchObject({
      ok: false,
      error: expect.stringContaining('does not verify'),
    });
  });

  it('refuses when the enrollment key itself is damaged', async () => {
    const key = await makeServerKey();
    const note = await key.signPolicy(POLICY);
    const damaged = key.serverKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    expect(await verifyPolicyNote(note, damaged)).toMatchObject({
      ok: false,
      error: expect.stringContaining('enrol this browser again'),
    });
  });
});
