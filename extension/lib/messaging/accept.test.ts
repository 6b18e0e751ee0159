// Tests of the message gates: sender checks first, then zod parsing.
import { describe, expect, it } from 'vitest';
import { acceptBackgroundMessage, acceptContentMessage, acceptPopupMessage } from './accept';

const ID = 'custodian-extension-id';
const report = { type: 'page-findings', trigger: 'load', counts: { phone: 3, cn_id: 2 } };
const fromTab = { id: ID, tab: { id: 7 }, frameId: 0 };

describe('acceptContentMessage', () => {
  it('accepts a well-formed report from a content script of this extension', () => {
    expect(acceptContentMessage(report, fromTab, ID)).toEqual({
      ok: true,
      value: { tabId: 7, frameId: 0, message: report },
    });
  });

  it('refuses other senders', () => {
    expect(acceptContentMessage(report, { ...fromTab, id: 'other' }, ID)).toMatchObject({
      ok: false,
      reason: 'sender is not this extension',
    });
    expect(acceptContentMessage(report, { id: ID }, ID)).toMatchObject({ ok: false });
    expect(acceptContentMessage(report, { id: ID, tab: { id: -1 }, frameId: 0 }, ID).ok).toBe(
      false,
    );
  });

  it('refuses malformed messages without echoing them', () => {
    for (const bad of [
      null,
      'page-findings',
      { type: 'unknown' },
      { ...report, counts: { phone: -1 } },
      { ...report, counts: { phone: 1.5 } },
      { ...report, counts: { ssn: 1 } },
      { ...report, trigger: 'whenever' },
      { ...report, value: '13812345678' },
    ]) {
      const verdict = acceptContentMessage(bad, fromTab, ID);
      expect(verdict.ok, JSON.stringify(bad)).toBe(false);
      if (!verdict.ok) expect(verdict.reason).not.toContain('13812345678');
    }
  });
});

describe('acceptBackgroundMessage', () => {
  it('accepts a recount request from the extension itself, and nothing from a tab', () => {
    expect(acceptBackgroundMessage({ type: 'recount' }, { id: ID }, ID)).toEqual({
      ok: true,
      value: { type: 'recount' },
    });
    expect(acceptBackgroundMessage({ type: 'recount' }, fromTab, ID).ok).toBe(false);
    expect(acceptBackgroundMessage({ type: 'recount' }, { id: 'other' }, ID).ok).toBe(false);
    expect(acceptBackgroundMessage({ type: 'recount', extra: 1 }, { id: ID }, ID).ok).toBe(false);
  });
});

describe('acceptPopupMessage', () => {
  const BASE = `chrome-extension://${ID}/`;
  const status = { type: 'popup-status', tabId: 7 };
  const fromPopup = { id: ID, url: `${BASE}popup.html` };

  it('accepts a well-formed message from a page of this extension, in a tab or not', () => {
    expect(acceptPopupMessage(status, fromPopup, ID, BASE)).toEqual({ ok: true, value: status });
    const inTab = { ...fromPopup, url: `${BASE}popup.html?tabId=7`, tab: { id: 9 }, frameId: 0 };
    const pause = { type: 'set-pause', tabId: 7, paused: true };
    expect(acceptPopupMessage(pause, inTab, ID, BASE)).toEqual({ ok: true, value: pause });
  });

  it('refuses content scripts, other extensions and pages that merely look alike', () => {
    const refusals: [object, string][] = [
      [fromTab, 'sender is not a page of this extension'],
      [
        { ...fromTab, url: 'http://127.0.0.1:8787/demo/' },
        'sender is not a page of this extension',
      ],
      [{ id: ID }, 'sender is not a page of this extension'],
      [{ ...fromPopup, id: 'other' }, 'sender is not this extension'],
      [
        { id: ID, url: `chrome-extension://${ID}.evil/popup.html` },
        'sender is not a page of this extension',
      ],
      [
        { id: ID, url: `chrome-extension://other/popup.html` },
        'sender is not a page of this extension',
      ],
    ];
    for (const [sender, reason] of refusals) {
      expect(acceptPopupMessage(status, sender, ID, BASE), JSON.stringify(sender)).toEqual({
        ok: false,
        reason,
      });
    }
    // A base URL without its trailing slash would let `chrome-extension://ID.evil/` through.
    expect(acceptPopupMessage(status, fromPopup, ID, BASE.slice(0, -1)).ok).toBe(false);
  });

  it('refuses malformed messages', () => {
    for (const bad of [
      null,
      { type: 'popup-status' },
      { type: 'popup-status', tabId: -1 },
      { type: 'popup-status', tabId: 1.5 },
      { type: 'set-pause', tabId: 7 },
      { type: 'set-pause', tabId: 7, paused: 'yes' },
      { type: 'set-pause', tabId: 7, paused: true, role: 'admin' },
      { type: 'reveal-request' },
    ]) {
      expect(acceptPopupMessage(bad, fromPopup, ID, BASE).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});
