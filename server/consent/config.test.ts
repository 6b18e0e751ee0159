// Tests of reading CUSTODIAN_CODE_SENDER.
import { describe, expect, it } from 'vitest';
import { readCodeSender } from './config';

describe('readCodeSender', () => {
  it('defaults to the outbox', () => {
    expect(readCodeSender({})).toEqual({ ok: true, value: { kind: 'outbox' } });
    expect(readCodeSender({ CUSTODIAN_CODE_SENDER: ' outbox ' })).toEqual({
      ok: true,
      value: { kind: 'outbox' },
    });
  });

  it('takes an https webhook, or http to loopback only', () => {
    expect(readCodeSender({ CUSTODIAN_CODE_SENDER: 'webhook:https://sms.example/send' })).toEqual({
      ok: true,
      value: { kind: 'webhook', url: 'https://sms.example/send' },
    });
    expect(readCodeSender({ CUSTODIAN_CODE_SENDER: 'webhook:http://127.0.0.1:9000/x' }).ok).toBe(
      true,
    );
    expect(readCodeSender({ CUSTODIAN_CODE_SENDER: 'webhook:http://localhost/x' }).ok).toBe(true);
  });

  it('refuses anything else with a message that says what to set', () => {
    for (const bad of [
      'sms',
      'webhook:',
      'webhook:not a url',
      'webhook:http://sms.example/send',
      'webhook:ftp://sms.example',
    ]) {
      const result = readCodeSender({ CUSTODIAN_CODE_SENDER: bad });
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/CUSTODIAN_CODE_SENDER.*"outbox"/s);
    }
  });
});
