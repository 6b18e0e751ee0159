// The extension's typed message channels (@webext-core/messaging), one per direction. Payloads are
// the zod unions of shared/schema; receivers pass them through `accept.ts`, never a cast.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type {
  BackgroundToContent,
  ContentToBackground,
  RevealAnswer,
} from '../../../shared/schema';

export {
  acceptBackgroundMessage,
  acceptContentMessage,
  type FromContent,
  type Verdict,
  type SenderLike,
} from './accept';

/**
 * One channel per direction, each carrying a discriminated union: a new kind of message is a new
 * union member in shared/schema/messages.ts, not a new channel.
 */
export interface ProtocolMap {
  /** Answers a `reveal-request` with a RevealAnswer (parse it on receipt); other messages with nothing. */
  contentToBackground(message: ContentToBackground): RevealAnswer | undefined;
  backgroundToContent(message: BackgroundToContent): void;
}

/** Used on both sides: each sends on one channel and listens on the other. */
export const messenger = defineExtensionMessaging<ProtocolMap>();
