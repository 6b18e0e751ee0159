// Tests of the message gates: sender checks first, then zod parsing.
import { describe, expect, it } from 'vitest';
import { acceptBackgroundMessage, acceptContentMessage } from './accept';

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
