// The signed staff policy: its text, and the round trip through a C2SP note signed with a real
// Ed25519 key (Web Crypto, which Node and browsers both have; shared/ cannot import node:crypto).
// Forged notes, other keys, other kinds of note and policies failing the schema are refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { receiptText } from '../consent/receipt';
import {
  formatVerifierKey,
  openNote,
  parseNote,
  parseVerifierKey,
  pureHasher,
  signNote,
  toHex,
  utf8Encode,
  type NoteVerifier,
  type Result,
} from '../ledger';
import type { ReceiptBody } from '../schema/consent';
import { StaffPolicySchema, type StaffPolicy, type StaffPolicyInput } from '../schema/policy';
import { POLICY_NOTE_HEADER, policyNoteText, readPolicyNoteText } from './policy-note';

const subtle = globalThis.crypto.subtle;

/** A signing key in the signed-note form: name, key hash, and the Web Crypto key pair. */
interface TestKey {
  name: string;
  keyHash: number;
  keys: CryptoKeyPair;
}

async function newKey(name: string): Promise<TestKey> {
  const keys = (await subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await subtle.exportKey('raw', keys.publicKey));
  const parsed = parseVerifierKey(pureHasher, formatVerifierKey(pureHasher, name, raw));
  if (!parsed.ok) throw new Error(parsed.error);
  return { name, keyHash: parsed.value.keyHash, keys };
}

const bytes = (text: string): Uint8Array<ArrayBuffer> => {
  const encoded = utf8Encode(text);
  if (!encoded) throw new Error('not UTF-8');
  return new Uint8Array(encoded);
};

/** Signs note text with `key` (Web Crypto signs asynchronously; NoteSigner is synchronous). */
async function sign(text: string, key: TestKey): Promise<string> {
  const signature = new Uint8Array(await subtle.sign('Ed25519', key.keys.privateKey, bytes(text)));
  const note = signNote(text, { name: key.name, keyHash: key.keyHash, sign: () => signature });
  if (!note.ok) throw new Error(note.error);
  return note.value;
}

/**
 * What the extension does with a policy note: verify it with `key` (each signature checked ahead,
 * as Web Crypto is asynchronous), then read the policy out of the verified text.
 */
async function open(note: string, key: TestKey): Promise<Result<StaffPolicy>> {
  const verified = new Set<string>();
  const parsed = parseNote(note);
  if (parsed.ok) {
    const message = bytes(parsed.value.text);
    for (const { signature } of parsed.value.signatures) {
      const good = await subtle
        .verify('Ed25519', key.keys.publicKey, new Uint8Array(signature), message)
        .catch(() => false);
      if (good) verified.add(`${toHex(message)}:${toHex(signature)}`);
    }
  }
  const verifier: NoteVerifier = {
    name: key.name,
    keyHash: key.keyHash,
    verify: (message, signature) => verified.has(`${toHex(message)}:${toHex(signature)}`),
  };
  const text = openNote(note, verifier);
  return text.ok ? readPolicyNoteText(text.value) : text;
}

function textOf(policy: unknown): string {
  const text = policyNoteText(policy);
  if (!text.ok) throw new Error(text.error);
  return text.value;
}

const input: StaffPolicyInput = {
  version: '2026-03-01',
  protect: ['https://crm.example.com/*'],
  roles: {
    support: { reveal: { phone: { access: 'partial', reasonRequired: true } } },
    constructor: { reveal: { email: { sites: ['https://crm.example.com/mail/*'] } } },
  },
  rules: { timeZone: 'Europe/Berlin', dailyLimit: { max: 80 } },
  revealSeconds: 20,
};

let key: TestKey;
let other: TestKey;
let note: string;

beforeAll(async () => {
  key = await newKey('custodian-audit');
  other = await newKey('custodian-audit');
  note = await sign(textOf(input), key);
});

describe('policyNoteText', () => {
  it('is the header, the policy’s canonical JSON as written on one line, and a newline', () => {
    expect(textOf({ version: '1', protect: ['<all_urls>'] })).toBe(
      'custodian-staff-policy/1\n{"protect":["<all_urls>"],"version":"1"}\n',
    );
    const lines = textOf(input).split('\n');
    expect(lines).toEqual([POLICY_NOTE_HEADER, expect.any(String), '']);
    expect(JSON.parse(lines[1]!)).toEqual(input);
  });

  it('gives the same text whatever the key order', () => {
    const reordered = { revealSeconds: 20, rules: input.rules, roles: input.roles, ...input };
    expect(textOf(reordered)).toBe(textOf(input));
  });

  it('signs a policy given as JSON text as the value the text holds', () => {
    expect(textOf(JSON.stringify(input))).toBe(textOf(input));
  });

  it('refuses a policy failing the schema, naming each field and what to do', () => {
    const bad = policyNoteText({
      version: '1',
      protect: ['ftp://files.example.com/*'],
      roles: { support: { reveal: { phon: {} } } },
    });
    expect(bad).toEqual({
      ok: false,
      error: expect.stringContaining('protect.0: must be a match pattern'),
    });
    expect(!bad.ok && bad.error).toContain('roles.support.reveal.phon');
  });

  it('refuses a policy no signed note can carry, saying what to remove', () => {
    const del = policyNoteText({ version: '1\u007f', protect: ['<all_urls>'] });
    expect(del).toEqual({ ok: false, error: expect.stringContaining('U+007F') });
    const lone = policyNoteText({ version: '1\ud800', protect: ['<all_urls>'] });
    expect(lone).toEqual({ ok: false, error: expect.stringContaining('$.version') });
  });
});

describe('a signed policy note', () => {
  it('opens with the key that signed it, to the policy with its defaults filled in', async () => {
    expect(await open(note, key)).toEqual({ ok: true, value: StaffPolicySchema.parse(input) });
  });

  it('keeps a role named constructor as the policy’s own role', async () => {
    const opened = await open(note, key);
    expect(opened.ok && Object.hasOwn(opened.value.roles, 'constructor')).toBe(true);
  });

  it('is refused when its text was changed after signing', async () => {
    const forged = note.replace('"max":80', '"max":800');
    expect(forged).not.toBe(note);
    expect((await open(forged, key)).ok).toBe(false);
    const wider = note.replace('"access":"partial"', '"access":"full"   ');
    expect((await open(wider, key)).ok).toBe(false);
  });

  it('is refused when signed by another key of the same name', async () => {
    expect(other.keyHash).not.toBe(key.keyHash);
    const byOther = await sign(textOf(input), other);
    expect(await open(byOther, key)).toMatchObject({ ok: false });
  });

  it('is refused when it is a consent receipt, even one signed by the same key', async () => {
    const body: ReceiptBody = {
      format: 'custodian-consent-receipt/1',
      receiptId: '01890a5d-ac96-774b-bcce-b302099a8057',
      subjectId: 'sub_0123456789abcdefghijklmnop',
      site: 'shop',
      policyVersion: 2,
      language: 'zh-CN',
      textHash: 'c39ef17b1482e2adb70101979ad736a1222bb5a1e8b872ec5528a84f88619528',
      decisions: [{ purpose: 'orders', granted: true, expiresAt: null }],
      method: 'banner',
      gpc: false,
      verification: null,
      decidedAt: '2026-01-01T00:00:00.000Z',
      recordedAt: '2026-01-01T00:00:01.250Z',
    };
    const receipt = receiptText(body);
    if (!receipt.ok) throw new Error(receipt.error);
    const signed = await sign(receipt.value, key);
    expect(await open(signed, key)).toEqual({
      ok: false,
      error: expect.stringContaining('This note is not a staff policy'),
    });
  });

  it('is refused when its header is right but more follows the JSON line', async () => {
    const longer = await sign(`${textOf(input)}{"version":"2","protect":["<all_urls>"]}\n`, key);
    expect(await open(longer, key)).toMatchObject({ ok: false });
  });

  it('is refused, with the field path, when its signed JSON fails the schema', async () => {
    const signed = await sign(
      `${POLICY_NOTE_HEADER}\n{"protect":["<all_urls>"],"revealSeconds":6000,"version":"1"}\n`,
      key,
    );
    expect(await open(signed, key)).toEqual({
      ok: false,
      error: expect.stringMatching(/^The signed policy does not pass the schema: revealSeconds: /),
    });
  });
});
