// Consent Mode reaches the page's gtag or dataLayer, and nothing is created when it has neither.
import { describe, expect, it } from 'vitest';
import { CONSENT_MODE_DEFAULT, sendConsentMode } from './consent-mode';

describe('sendConsentMode', () => {
  it('calls gtag when the page has it', () => {
    const calls: unknown[][] = [];
    const win = { gtag: (...args: unknown[]) => calls.push(args) };
    expect(sendConsentMode(win, 'default', CONSENT_MODE_DEFAULT)).toBe(true);
    expect(calls).toEqual([['consent', 'default', CONSENT_MODE_DEFAULT]]);
  });

  it('pushes an Arguments object to a bare dataLayer, as gtag does', () => {
    const win = { dataLayer: [] as unknown[] };
    sendConsentMode(win, 'update', { ...CONSENT_MODE_DEFAULT, analytics_storage: 'granted' });
    const [entry] = win.dataLayer;
    expect(Object.prototype.toString.call(entry)).toBe('[object Arguments]');
    expect(Array.from(entry as ArrayLike<unknown>).slice(0, 2)).toEqual(['consent', 'update']);
  });

  it('creates no global on a page without either', () => {
    const win = {};
    expect(sendConsentMode(win, 'default', CONSENT_MODE_DEFAULT)).toBe(false);
    expect(win).toEqual({});
  });
});
