// From "chosen" to "recorded": which sensitive purposes are confirmed on their own (R4) and when
// a one-time code is needed (R5).
import { describe, expect, it } from 'vitest';
import { initialChoices } from '../../shared/consent/choices';
import { v1 } from '../test-fixtures';
import {
  currentChoices,
  needsVerification,
  noticeUpdate,
  promptKey,
  sensitiveToConfirm,
  withoutNewSensitive,
} from './flow';

const all = { ...initialChoices(v1), analytics: true, 'id-verification': true };
const none = new Set<string>(['orders']);
const held = new Set(['orders', 'id-verification']);

describe('sensitive purposes', () => {
  it('asks for the ones newly granted, not for those already granted', () => {
    expect(sensitiveToConfirm(v1, all, none)).toEqual(['id-verification']);
    expect(sensitiveToConfirm(v1, all, held)).toEqual([]);
    expect(sensitiveToConfirm(v1, initialChoices(v1), none)).toEqual([]);
  });

  it('verifies a new sensitive grant in service mode only', () => {
    expect(needsVerification(v1, all, none, true)).toBe(true);
    expect(needsVerification(v1, all, none, false)).toBe(false);
    expect(needsVerification(v1, all, held, true)).toBe(false);
    expect(needsVerification(v1, { ...all, 'id-verification': false }, none, true)).toBe(false);
  });

  it('verifies every decision when the policy says always', () => {
    const always = {
      ...v1,
      verification: { when: 'always' as const, channels: v1.verification.channels },
    };
    expect(needsVerification(always, initialChoices(v1), none, true)).toBe(true);
  });

  it('turns off only the newly granted sensitive purposes when verification is cancelled', () => {
    expect(withoutNewSensitive(v1, all, none)).toEqual({ ...all, 'id-verification': false });
    expect(withoutNewSensitive(v1, all, held)).toEqual(all);
  });
});

it('states the current choices of every optional purpose', () => {
  expect(currentChoices(v1, new Set(['orders', 'analytics']))).toEqual({
    ...initialChoices(v1),
    analytics: true,
  });
});

describe('the notice when the prompt changes (setSubject)', () => {
  const first = promptKey({ reason: 'first-visit', purposes: ['marketing', 'analytics'] }, null);
  const changed = promptKey({ reason: 'policy-changed', purposes: ['marketing'] }, v1);

  it('shows the notice on load when there is something to ask, and nothing otherwise', () => {
    expect(noticeUpdate(undefined, first, undefined)).toBe('show');
    expect(noticeUpdate(undefined, '', undefined)).toBe(null);
  });

  it('closes the notice once nothing is left to ask', () => {
    expect(noticeUpdate(first, '', 'choices')).toBe('close');
    expect(noticeUpdate(changed, '', 'changes')).toBe('close');
  });

  it('shows the notice anew for other questions, and leaves an unchanged one alone', () => {
    expect(noticeUpdate(first, changed, 'choices')).toBe('show');
    expect(noticeUpdate('', changed, undefined)).toBe('show');
    expect(noticeUpdate(first, first, 'choices')).toBe(null);
  });

  it('never takes away a screen the customer is using', () => {
    for (const screen of ['center', 'sensitive', 'verify']) {
      expect(noticeUpdate(first, '', screen)).toBe(null);
      expect(noticeUpdate('', changed, screen)).toBe(null);
    }
  });

  it('tells prompts apart by reason, purposes and the version decided under', () => {
    expect(promptKey(null, v1)).toBe('');
    expect(changed).not.toBe(
      promptKey({ reason: 'policy-changed', purposes: ['marketing'] }, null),
    );
    expect(changed).not.toBe(promptKey({ reason: 'expired', purposes: ['marketing'] }, v1));
  });
});
