// Consent receipts as C2SP signed notes, signed and checked with a real Ed25519 key (Web Crypto,
// which Node and browsers both have; shared/ cannot import node:crypto).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bytesEqual,
  formatVerifierKey,
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
import { openReceipt, RECEIPT_HEADER, receiptText } from './receipt';
import { omit } from './test-arbitraries';

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

/** Signs any note text with `key` (Web Crypto signs asynchronously; NoteSigner is synchronous). */
async function sign(text: string, key: TestKey): Promise<string> {
  const signature = new Uint8Array(await subtle.sign('Ed25519', key.keys.privateKey, bytes(text)));
  const note = signNote(text, { name: key.name, keyHash: key.keyHash, sign: () => signature });
  if (!note.ok) throw new Error(note.error);
  return note.value;
}

/**
 * openReceipt with `key`'s real Ed25519 check: each signature in the note is verified ahead (Web
 * Crypto is asynchronous), and the verifier answers for exactly those message and signature bytes.
 */
async function open(note: string, key: TestKey): Promise<Result<ReceiptBody>> {
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
  return openReceipt(note, verifier);
}

const body: ReceiptBody = {
  format: 'custodian-consent-receipt/1',
  receiptId: '01890a5d-ac96-774b-bcce-b302099a8057',
  subjectId: 'sub_0123456789abcdefghijklmnop',
  site: 'shop',
  policyVersion: 2,
  language: 'zh-CN',
  textHash: 'c39ef17b1482e2adb70101979ad736a1222bb5a1e8b872ec5528a84f88619528',
  decisions: [
    { purpose: 'orders', granted: true, expiresAt: '2027-01-01T00:00:00.000Z' },
    { purpose: 'marketing', granted: false, expiresAt: null },
    { purpose: 'id-verification', granted: true, expiresAt: '2026-04-01T00:00:00.000Z' },
  ],
  method: 'banner',
  gpc: false,
  verification: { channel: 'sms', verifiedAt: '2025-12-31T23:59:00.000Z' },
  decidedAt: '2026-01-01T00:00:00.000Z',
  recordedAt: '2026-01-01T00:00:01.250Z',
};

let key: TestKey;
let other: TestKey;
let note: string;

beforeAll(async () => {
  key = await newKey('custodian-consent');
  other = await newKey('custodian-consent');
  const text = receiptText(body);
  if (!text.ok) throw new Error(text.error);
  note = await sign(text.value, key);
});

describe('receiptText', () => {
  it('is the header line, the canonical JSON of the body, and a newline', () => {
    const text = receiptText(body);
    expect(text.ok && text.value.split('\n')).toEqual([RECEIPT_HEADER, expect.any(String), '']);
    const json = text.ok ? text.value.split('\n')[1]! : '';
    expect(
      json.startsWith('{"decidedAt":"2026-01-01T00:00:00.000Z","decisions":[{"expiresAt"'),
    ).toBe(true);
    expect(JSON.parse(json)).toEqual(body);
  });

  it('refuses a body that has no canonical JSON, saying where', () => {
    expect(receiptText({ ...body, policyVersion: NaN })).toMatchObject({
      ok: false,
      error: expect.stringContaining('$.policyVersion'),
    });
  });
});

describe('openReceipt', () => {
  it('returns the body of a receipt signed by the key', async () => {
    expect(await open(note, key)).toEqual({ ok: true, value: body });
  });

  it('refuses a receipt with one byte changed, in the body or the signature', async () => {
    const tampered = [
      note.replace('"granted":false', '"granted":true '),
      note.replace('"gpc":false', '"gpc":fals0'),
      note.replace(body.textHash, `${body.textHash.slice(0, -1)}0`),
      note.replace('"site":"shop"', '"site":"shoq"'),
    ];
    // Characters of the signature's base64 past the key hash, short of the last one before the
    // '=' padding, whose low bits carry nothing.
    const sigStart = note.lastIndexOf(' ') + 1;
    for (let i = sigStart + 8; i < note.length - 3; i += 7) {
      const c = note[i] === 'A' ? 'B' : 'A';
      tampered.push(`${note.slice(0, i)}${c}${note.slice(i + 1)}`);
    }
    for (const changed of tampered) {
      expect(changed).not.toBe(note);
      expect(await open(changed, key), changed).toMatchObject({
        ok: false,
        error: expect.stringMatching(/altered or forged|signature line of the note is malformed/),
      });
    }
  });

  it('refuses a receipt signed by another key of the same name', async () => {
    expect(await open(note, other)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The note carries no signature by the key custodian-consent\+/),
    });
  });

  it('refuses a signed note that is not a receipt: wrong header, or more lines', async () => {
    const json = note.split('\n')[1]!;
    for (const text of [
      `custodian.local/ledger\n${json}\n`,
      `${RECEIPT_HEADER}\n`,
      `${RECEIPT_HEADER}\n${json}\nan extra line\n`,
      `${RECEIPT_HEADER}\n${json}\n\nan extra line after a blank one\n`,
    ]) {
      expect(await open(await sign(text, key), key)).toEqual({
        ok: false,
        error: `This note is not a consent receipt: expected the line ${RECEIPT_HEADER}, then the body's JSON on one line.`,
      });
    }
  });

  it('refuses a signed body that is not canonical JSON', async () => {
    const spaced = JSON.stringify(body, null, 0).replace('"site":"shop"', '"site": "shop"');
    const { site, ...rest } = body;
    const reordered = JSON.stringify({ site, ...rest });
    for (const json of [spaced, reordered]) {
      expect(json).not.toBe(note.split('\n')[1]);
      expect(await open(await sign(`${RECEIPT_HEADER}\n${json}\n`, key), key)).toEqual({
        ok: false,
        error: 'The receipt body is not in canonical form.',
      });
    }
  });

  it('refuses a signed body that is not JSON, or not a receipt, naming the field', async () => {
    expect(await open(await sign(`${RECEIPT_HEADER}\n{"format":\n`, key), key)).toEqual({
      ok: false,
      error: 'The receipt body is not JSON: the note was damaged.',
    });
    const text = `${RECEIPT_HEADER}\n${JSON.stringify(omit(body, 'subjectId'))}\n`;
    expect(await open(await sign(text, key), key)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The receipt body is malformed: subjectId: /),
    });
    const badDecision = {
      ...body,
      decisions: [{ purpose: 'Orders', granted: true, expiresAt: null }],
    };
    const text2 = `${RECEIPT_HEADER}\n${JSON.stringify(badDecision)}\n`;
    expect(await open(await sign(text2, key), key)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The receipt body is malformed: decisions\.0\.purpose: /),
    });
  });

  it('checks the signature with the real key: the same check refuses a forged one', async () => {
    // A forger without the key re-signs the altered text with their own key under our name.
    const altered = receiptText({ ...body, gpc: true });
    if (!altered.ok) throw new Error(altered.error);
    const forged = await sign(altered.value, { ...other, keyHash: key.keyHash });
    expect(bytesEqual(bytes(forged), bytes(note))).toBe(false);
    expect(await open(forged, key)).toMatchObject({ ok: false, error: /altered or forged/ });
  });
});
