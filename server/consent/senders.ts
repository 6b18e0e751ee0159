// How one-time codes reach the customer (R5): a pluggable sender. The outbox keeps them in memory
// for development (shown at /dev/outbox); the webhook hands them to an SMS/e-mail gateway.
import type { VerificationChannel } from '../../shared/schema';
import { OUTBOX_SIZE, WEBHOOK_TIMEOUT_MS, type CodeSenderChoice } from './config';

/** One code to deliver. */
export interface CodeMessage {
  channel: VerificationChannel;
  /** Normalized (shared by nothing else): the only place the service uses it in clear. */
  address: string;
  code: string;
  site: string;
  expiresAt: string;
}

export interface CodeSender {
  /** Delivers the code or throws; an error's message must not contain the address or code. */
  send(message: CodeMessage): Promise<void>;
}

/** A message as the outbox lists it. */
export interface OutboxMessage {
  at: string;
  channel: VerificationChannel;
  address: string;
  code: string;
  site: string;
}

/** What the development outbox shows. */
export interface Outbox {
  /** The latest messages, newest first. */
  messages(): OutboxMessage[];
}

/**
 * Development sender: keeps the latest OUTBOX_SIZE messages in memory, sends nothing. Returns the
 * sender to give the service and the outbox to give the app (`/dev/outbox`).
 *
 * @example
 *   const { sender, outbox } = outboxSender();
 *   await sender.send({ channel: 'sms', address: '+8613812345678', code: '123456', site: 'shop', expiresAt });
 *   outbox.messages()[0].code; // '123456'
 */
export function outboxSender(now: () => number = Date.now): { sender: CodeSender; outbox: Outbox } {
  const kept: OutboxMessage[] = [];
  return {
    sender: {
      send({ channel, address, code, site }) {
        kept.push({ at: new Date(now()).toISOString(), channel, address, code, site });
        if (kept.length > OUTBOX_SIZE) kept.splice(0, kept.length - OUTBOX_SIZE);
        return Promise.resolve();
      },
    },
    outbox: { messages: () => kept.slice().reverse() },
  };
}

/** The text a gateway can send as is, in both languages of the policies. */
export function codeText(message: CodeMessage): { 'zh-CN': string; en: string } {
  return {
    'zh-CN': `您在 ${message.site} 的验证码是 ${message.code}，10 分钟内有效。请勿告诉他人。`,
    en: `Your verification code for ${message.site} is ${message.code}. It is valid for 10 minutes; do not share it.`,
  };
}

/**
 * Production sender: POSTs `{ channel, address, code, site, expiresAt, text }` as JSON to `url`;
 * any answer but 2xx, or none within WEBHOOK_TIMEOUT_MS, is a failure.
 *
 * @example
 *   const sender = webhookSender('https://sms-gateway.internal/send');
 */
export function webhookSender(url: string, fetchImpl: typeof fetch = fetch): CodeSender {
  return {
    async send(message) {
      let res: Response;
      try {
        res = await fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...message, text: codeText(message) }),
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
      } catch (cause) {
        // The cause (a network error) names the gateway, never the message's content.
        throw new Error(`the code gateway ${url} could not be reached`, { cause });
      }
      await res.body?.cancel();
      if (!res.ok) throw new Error(`the code gateway ${url} answered HTTP ${res.status}`);
    },
  };
}

/**
 * The sender for an environment's choice (see readCodeSender), and the outbox when it is one.
 *
 * @example
 *   const { sender, outbox } = codeSenderFor({ kind: 'outbox' }); // outbox: for /dev/outbox
 */
export function codeSenderFor(choice: CodeSenderChoice): {
  sender: CodeSender;
  outbox: Outbox | null;
} {
  if (choice.kind === 'webhook') return { sender: webhookSender(choice.url), outbox: null };
  return outboxSender();
}
