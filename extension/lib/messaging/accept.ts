// The gates for incoming messages: each checks who sent a message, then parses it with zod.
import type { z } from 'zod';
import {
  BackgroundToContentSchema,
  ContentToBackgroundSchema,
  type BackgroundToContent,
  type ContentToBackground,
} from '../../../shared/schema';
import { PopupToBackgroundSchema, type PopupToBackground } from '../../../shared/schema/popup';

/** The fields of `runtime.MessageSender` the gates read. */
export interface SenderLike {
  id?: string;
  frameId?: number;
  tab?: { id?: number };
  /** The sending document's URL (for an extension page, under the extension's base URL). */
  url?: string;
}

/** A gate's verdict. A refusal's reason names the rule broken, never the payload. */
export type Verdict<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A content script's message with the frame it came from. */
export interface FromContent {
  tabId: number;
  frameId: number;
  message: ContentToBackground;
}

function parse<T>(schema: z.ZodType<T>, data: unknown): Verdict<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`);
  return { ok: false, reason: `malformed message (${where.join('; ')})` };
}

/**
 * The background's gate. Accepts a message only when:
 * - it comes from this extension (`sender.id === runtimeId`);
 * - it comes from a content script in a tab (`sender.tab.id` and `sender.frameId` set), not from
 *   an extension page or the background itself;
 * - it parses as `ContentToBackground`.
 *
 * @example
 *   acceptContentMessage({ type: 'page-findings', trigger: 'load', counts: { phone: 1 } },
 *     { id: browser.runtime.id, tab: { id: 7 }, frameId: 0 }, browser.runtime.id);
 *   // { ok: true, value: { tabId: 7, frameId: 0, message: { type: 'page-findings', ... } } }
 */
export function acceptContentMessage(
  data: unknown,
  sender: SenderLike,
  runtimeId: string,
): Verdict<FromContent> {
  if (sender.id !== runtimeId) return { ok: false, reason: 'sender is not this extension' };
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  if (tabId === undefined || tabId < 0 || frameId === undefined || frameId < 0) {
    return { ok: false, reason: 'sender is not a content script in a tab' };
  }
  const parsed = parse(ContentToBackgroundSchema, data);
  return parsed.ok ? { ok: true, value: { tabId, frameId, message: parsed.value } } : parsed;
}

/**
 * The content script's gate. Accepts a message only when it comes from this extension and not
 * from a tab (so from the background or an extension page), and parses as `BackgroundToContent`.
 *
 * @example
 *   acceptBackgroundMessage({ type: 'recount' }, { id: browser.runtime.id }, browser.runtime.id);
 *   // { ok: true, value: { type: 'recount' } }
 */
export function acceptBackgroundMessage(
  data: unknown,
  sender: SenderLike,
  runtimeId: string,
): Verdict<BackgroundToContent> {
  if (sender.id !== runtimeId) return { ok: false, reason: 'sender is not this extension' };
  if (sender.tab !== undefined) return { ok: false, reason: 'sender is a tab, not the extension' };
  return parse(BackgroundToContentSchema, data);
}

/**
 * The background's gate for the popup. Accepts a message only when:
 * - it comes from this extension (`sender.id === runtimeId`);
 * - it comes from one of the extension's own pages: `sender.url` lies under `extensionUrl`
 *   (`runtime.getURL('/')`). A content script's sender URL is its web page's, so this refuses
 *   content scripts even though they share the extension's id. `sender.tab` is not checked: the
 *   popup is a tab when opened as `popup.html` in one (as the end-to-end tests do);
 * - it parses as `PopupToBackground`.
 *
 * @example
 *   acceptPopupMessage({ type: 'popup-status', tabId: 7 },
 *     { id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') },
 *     browser.runtime.id, browser.runtime.getURL('/'));
 *   // { ok: true, value: { type: 'popup-status', tabId: 7 } }
 */
export function acceptPopupMessage(
  data: unknown,
  sender: SenderLike,
  runtimeId: string,
  extensionUrl: string,
): Verdict<PopupToBackground> {
  if (sender.id !== runtimeId) return { ok: false, reason: 'sender is not this extension' };
  if (!extensionUrl.endsWith('/') || !sender.url?.startsWith(extensionUrl)) {
    return { ok: false, reason: 'sender is not a page of this extension' };
  }
  return parse(PopupToBackgroundSchema, data);
}
