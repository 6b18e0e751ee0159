// Tests of the code senders: the outbox's order and size, and the webhook's request and failures.
import { describe, expect, it } from 'vitest';
import { OUTBOX_SIZE } from './config';
import { codeSenderFor, outboxSender, webhookSender, type CodeMessage } from './senders';

const message = (code: string): CodeMessage => ({
  channel: 'sms',
  address: '+8613812345678',
  code,
  site: 'shop',
  expiresAt: '2026-11-22T10:10:00.000Z',
});

describe('outboxSender', () => {
  it(`keeps the latest ${OUTBOX_SIZE} messages, newest first`, async () => {
    const { sender, outbox } = outboxSender(() => Date.parse('2026-11-22T10:00:00.000Z'));
    for (let i = 0; i < OUTBOX_SIZE + 5; i++)
      await sender.send(message(String(i).padStart(6, '0')));
    const kept = outbox.messages();
    expect(kept).toHaveLength(OUTBOX_SIZE);
    expect(kept[0]).toEqual({
      at: '2026-11-22T10:00:00.000Z',
      channel: 'sms',
      address: '+8613812345678',
      code: String(OUTBOX_SIZE + 4).padStart(6, '0'),
      site: 'shop',
    });
    expect(kept.at(-1)!.code).toBe('000005');
  });
});

describe('webhookSender', () => {
  it('POSTs the message as JSON, with a ready text in both languages', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fake: typeof fetch = (url, init) => {
      calls.push({ url: String(url), init: init! });
      return Promise.resolve(new Response(null, { status: 204 }));
    };
    await webhookSender('https://sms.example/send', fake).send(message('042917'));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://sms.example/send');
    expect(calls[0]!.init.method).toBe('POST');
    const body = JSON.parse(String(calls[0]!.init.body)) as Record<string, unknown>;
    expect(body).toMatchObject({ ...message('042917') });
    expect(body.text).toEqual({
      'zh-CN': expect.stringContaining('042917'),
      en: expect.stringContaining('042917'),
    });
  });

  it('fails on a non-2xx answer or no answer, naming the gateway, never the address or code', async () => {
    const answering =
      (status: number): typeof fetch =>
      () =>
        Promise.resolve(new Response('busy', { status }));
    const down: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    for (const fake of [answering(503), answering(400), down]) {
      const sent = webhookSender('https://sms.example/send', fake).send(message('042917'));
      await expect(sent).rejects.toThrow(/sms\.example/);
      const error = await sent.catch((e: unknown) => e);
      expect(String(error)).not.toMatch(/042917|13812345678/);
    }
  });
});

describe('codeSenderFor', () => {
  it('gives the outbox for outbox, and no outbox for a webhook', async () => {
    const dev = codeSenderFor({ kind: 'outbox' });
    await dev.sender.send(message('123456'));
    expect(dev.outbox?.messages()[0]?.code).toBe('123456');
    expect(codeSenderFor({ kind: 'webhook', url: 'https://sms.example/' }).outbox).toBeNull();
  });
});
