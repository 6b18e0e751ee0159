// Queued decisions: refusals count at once, grants only once the service confirms them (R3, R6).
import { describe, expect, it } from 'vitest';
import { decisionsFor, initialChoices } from '../../shared/consent/choices';
import { grantedPurposes } from '../../shared/consent/state';
import type { Choices, PendingDecision, WidgetStore } from '../../shared/schema/consent';
import { HASH, receiptFor, SUBJECT, v1, v2 } from '../test-fixtures';
import {
  applyLocally,
  confirmDecision,
  decisionsChosen,
  decisionsFromReceipts,
  decisionsInForce,
  dropDecision,
  queueDecision,
  retryDelay,
} from './decisions';
import { emptyRecord } from './record';

const t0 = new Date('2026-01-01T00:00:00.000Z');
let n = 0;
function pending(choices: Choices, policy = v1, at = t0): PendingDecision {
  return {
    request: {
      decisionId: `01890000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
      policyVersion: policy.version,
      language: 'en',
      textHash: HASH,
      choices,
      method: 'banner',
      gpc: false,
      decidedAt: at.toISOString(),
    },
    decisions: decisionsFor(policy, choices, at),
  };
}
const all = { ...initialChoices(v1), analytics: true, marketing: true };
const granted = (r: WidgetStore, policy = v1) =>
  [...grantedPurposes(policy, { policy: r.policy, decisions: decisionsInForce(r) }, t0)].sort();

describe('a decision waiting for the service', () => {
  it('grants nothing until confirmed, then grants what it said', () => {
    const p = pending(all);
    const queued = queueDecision(emptyRecord(), v1, p, t0);
    expect(granted(queued)).toEqual(['orders']);
    // …but it is chosen: the notice is not shown again.
    expect(
      decisionsChosen(queued)
        .filter((d) => d.granted)
        .map((d) => d.purpose),
    ).toContain('analytics');
    const done = confirmDecision(queued, p.request.decisionId, {
      receipt: receiptFor(p.request),
      subject: SUBJECT,
    });
    expect(done.pending).toEqual([]);
    expect(done.subject).toEqual(SUBJECT);
    expect(done.receipts).toHaveLength(1);
    expect(granted(done)).toEqual(['analytics', 'marketing', 'orders']);
  });

  it('applies a refusal at once, before it is sent', () => {
    const first = pending(all);
    let r = queueDecision(emptyRecord(), v1, first, t0);
    r = confirmDecision(r, first.request.decisionId, { receipt: receiptFor(first.request) });
    r = queueDecision(r, v1, pending({ ...all, marketing: false }), t0);
    expect(granted(r)).toEqual(['analytics', 'orders']);
  });

  it('keeps the first subject credentials and stores a resent receipt once', () => {
    const p = pending(all);
    const other = { ...SUBJECT, token: `cst_${'B'.repeat(43)}` };
    let r = queueDecision({ ...emptyRecord(), subject: SUBJECT }, v1, p, t0);
    r = confirmDecision(r, p.request.decisionId, {
      receipt: receiptFor(p.request),
      subject: other,
    });
    r = confirmDecision(r, p.request.decisionId, { receipt: receiptFor(p.request) });
    expect(r.subject).toEqual(SUBJECT);
    expect(r.receipts).toHaveLength(1);
  });

  it('when refused for good, keeps its refusals and loses its grants', () => {
    const first = pending(all);
    let r = queueDecision(emptyRecord(), v1, first, t0);
    r = confirmDecision(r, first.request.decisionId, { receipt: receiptFor(first.request) });
    const second = pending({ ...all, marketing: false, 'partner-sharing': true });
    r = dropDecision(queueDecision(r, v1, second, t0), second.request.decisionId);
    expect(r.pending).toEqual([]);
    expect(granted(r)).toEqual(['analytics', 'orders']);
  });

  it('does not let a move to a new version revive grants of changed purposes', () => {
    const first = pending(all);
    let r = queueDecision(emptyRecord(), v1, first, t0);
    r = confirmDecision(r, first.request.decisionId, { receipt: receiptFor(first.request) });
    // v2 changed "marketing": the v1 grant no longer holds, even while the v2 decision waits.
    r = queueDecision(r, v2, pending({ ...all, marketing: true, recommendations: false }, v2), t0);
    expect(granted(r, v2)).toEqual(['analytics', 'orders']);
  });
});

describe('helpers', () => {
  it('applies a local decision completely', () => {
    const decisions = decisionsFor(v1, all, t0);
    expect(applyLocally(emptyRecord(), v1, decisions)).toMatchObject({ policy: v1, decisions });
  });

  it('reads the latest decision per purpose from receipts', () => {
    const a = pending(all);
    const b = pending({ ...all, analytics: false });
    const decisions = decisionsFromReceipts([receiptFor(a.request), receiptFor(b.request)]);
    expect(decisions.find((d) => d.purpose === 'analytics')?.granted).toBe(false);
    expect(decisions.find((d) => d.purpose === 'marketing')?.granted).toBe(true);
  });

  it('waits longer after each failure, up to five minutes', () => {
    expect([0, 1, 2, 10].map(retryDelay)).toEqual([5000, 10000, 20000, 300000]);
  });
});
