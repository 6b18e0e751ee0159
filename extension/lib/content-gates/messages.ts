// The content script's side of the message channels: its messenger, and the gates for what it
// receives (the background's messages and its answers to reveal requests), checked by JSON Schema.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { BackgroundToContent, RevealAnswer } from '../../../shared/schema';
import {
  backgroundToContentJsonSchema,
  revealAnswerJsonSchema,
} from '../../../shared/schema/json/content-schemas';
import type { ProtocolMap, SenderLike } from '../messaging';
import { checked, type Checked } from './checked';

/**
 * The content script's messenger: the same protocol as lib/messaging's, without importing that
 * module, whose gates bring zod along.
 */
export const contentMessenger = defineExtensionMessaging<ProtocolMap>();

/**
 * The content script's gate (as acceptBackgroundMessage of lib/messaging): accepts a message only
 * from this extension's own background (no tab), and only if it is a BackgroundToContent.
 */
export function acceptBackgroundMessageInContent(
  data: unknown,
  sender: SenderLike,
  runtimeId: string,
): Checked<BackgroundToContent> {
  if (sender.id !== runtimeId) return { ok: false, reason: 'sender is not this extension' };
  if (sender.tab !== undefined) return { ok: false, reason: 'sender is a tab, not the extension' };
  return checked<BackgroundToContent>(backgroundToContentJsonSchema, data);
}

/** The background's answer to a reveal request; throws (the reveal does not happen) if malformed. */
export function parseRevealAnswer(data: unknown): RevealAnswer {
  const verdict = checked<RevealAnswer>(revealAnswerJsonSchema, data);
  if (!verdict.ok) throw new Error(`custodian: the reveal answer is ${verdict.reason}`);
  return verdict.value;
}
