// The extension's typed message channels (@webext-core/messaging), one per direction. Payloads are
// the zod unions of shared/schema; receivers pass them through `accept.ts`, never a cast.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type {
  BackgroundToContent,
  ContentToBackground,
  RevealAnswer,
} from '../../../shared/schema';
import type {
  ActionAnswer,
  EnrollmentView,
  PopupStatus,
  PopupToBackground,
  SetPauseAnswer,
} from '../../../shared/schema/popup';

export {
  acceptBackgroundMessage,
  acceptContentMessage,
  acceptPopupMessage,
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
  /**
   * Answers `popup-status` with a PopupStatus, `set-pause` with a SetPauseAnswer,
   * `enrollment-view` with an EnrollmentView, and `enroll`, `confirm-totp` and `unlock` with an
   * ActionAnswer (parse them on receipt with the matching schema of shared/schema/popup.ts).
   */
  popupToBackground(
    message: PopupToBackground,
  ): PopupStatus | SetPauseAnswer | EnrollmentView | ActionAnswer;
}

/** Used on both sides: each sends on one channel and listens on the other. */
export const messenger = defineExtensionMessaging<ProtocolMap>();
