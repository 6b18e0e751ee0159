// The popup's view of a tab, put together from what the background knows (pure, so it is tested
// without a browser).
import type { PolicyState } from '../../../shared/schema';
import type { Governance, PopupStatus } from '../../../shared/schema/popup';
import { mayPauseNow } from '../policy/actor';
import type { TabCounts } from '../badge';
import type { TabState } from './tab-state';

export interface StatusInputs {
  state: PolicyState;
  tab: TabState;
  counts: TabCounts;
  revealsToday: number;
  queueLength: number;
  sync: PopupStatus['sync'];
  /** Enrollment, unlock and review state; null (the default) when not enrolled. */
  governance?: Governance | null;
}

/**
 * A tab is protected when a frame's masking script reported since the page loaded (the policy
 * covers the page, or the policy is unreadable and the script fails closed); paused when the
 * staff member paused it since.
 *
 * @example
 *   popupStatus({ state, tab: { page, paused: false }, counts: { frames: 1, counts: { phone: 2 } },
 *     revealsToday: 0, queueLength: 3 }).protection; // 'protected'
 */
export function popupStatus(inputs: StatusInputs): PopupStatus {
  const { state, tab, counts } = inputs;
  const reported = tab.page !== null || counts.frames > 0;
  return {
    protection: !reported ? 'unprotected' : tab.paused ? 'paused' : 'protected',
    counts: reported ? counts.counts : {},
    revealsToday: inputs.revealsToday,
    identity: state.identity,
    identityManaged: state.identityManaged,
    policyVersion: state.policy.version,
    policySource: state.source,
    policyProblems: state.problems.length,
    mayPause: mayPauseNow(state),
    queueLength: inputs.queueLength,
    sync: inputs.sync,
    governance: inputs.governance ?? null,
  };
}

/**
 * The local calendar day around `now`, as [midnight, next midnight) in ms. Built from calendar
 * fields, not by adding 24 h, so days of 23 or 25 hours (daylight saving) come out right.
 *
 * @example
 *   localDay(Date.now()); // [today 00:00, tomorrow 00:00], local time
 */
export function localDay(now: number): [number, number] {
  const d = new Date(now);
  const from = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const to = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
  return [from, to];
}
