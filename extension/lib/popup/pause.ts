// Pausing protection on a tab (R15): allowed only to roles the policy lets pause, recorded in the
// local queue before the tab is told, and ended (and recorded) when the tab's page goes away.
import type { BackgroundToContent, PageRef, PolicyState } from '../../../shared/schema';
import type { SetPauseAnswer } from '../../../shared/schema/popup';
import { actorOf, mayPauseNow } from '../policy/actor';
import type { NewEvent } from '../queue';
import type { TabState } from './tab-state';

/** What a pause needs from the rest of the background; tests pass fakes. */
export interface PauseDeps {
  state: PolicyState;
  /** Stores an event durably; rejects when it cannot (then nothing changes). */
  enqueue: (event: NewEvent) => Promise<unknown>;
  /** Sends a message to every frame of the tab; rejects when no frame answers. */
  tell: (tabId: number, message: BackgroundToContent) => Promise<void>;
  /**
   * On an enrolled browser, why pausing is not possible now (reveals locked, a review case open):
   * a pause shows every value, so it needs what a reveal needs. Null when nothing stands in the way.
   */
  pauseBlocked?: () => Promise<string | null>;
}

/** Why a pause was refused, in the two languages staff use. */
export function whyMayNotPause(state: PolicyState): string {
  const { identity, policy } = state;
  if (state.staff) {
    const roles = state.staff.roles.map((r) => `"${r}"`).join(', ') || 'none';
    return `你的角色无权暂停保护。Your roles (${roles}) may not pause protection (policy ${policy.version}); ask your administrator if your work needs it.`;
  }
  if (!identity) {
    return '未登记员工身份，无法暂停保护。No staff identity is set on this browser, so protection cannot be paused.';
  }
  return `角色 "${identity.role}" 无权暂停保护。The role "${identity.role}" may not pause protection (policy ${policy.version}); ask your administrator if your work needs it.`;
}

const NOT_PROTECTED =
  '此页面未受保护，无需暂停。Custodian does not protect this page, so there is nothing to pause.';
const NOT_RECORDED =
  '无法记录暂停，保护未暂停。The pause could not be recorded, so protection stays on; try again or tell your administrator.';
const NO_ANSWER =
  '页面没有响应，保护未暂停。The page did not answer, so protection stays on; reload it and try again.';

/** The event that records a pause or a resume on a page. */
export function pauseEvent(state: PolicyState, paused: boolean, page: PageRef): NewEvent {
  return {
    kind: paused ? 'pause' : 'resume',
    ...actorOf(state),
    policyVersion: state.policy.version,
    page,
  };
}

/**
 * Pauses or resumes protection on a tab whose state is `tab`; resolves with the answer and the
 * tab's new state. Contract (the caller runs it in order with the tab's other updates):
 * - pausing needs a role that may pause (`mayPauseNow`) and, when enrolled, nothing that would
 *   stop a reveal (`pauseBlocked`); resuming is always allowed (it restores masking);
 * - a tab whose page is not protected cannot be paused;
 * - asking for the state the tab is already in changes nothing and records nothing;
 * - the event is stored before the tab is told; if it cannot be stored, nothing changes;
 * - if no frame of the tab answers a pause, the tab did not pause: a `resume` is recorded too,
 *   so the log never shows a pause in force that was not, and the pause is refused. A resume the
 *   tab does not answer still counts: a page that went away is masked again when it comes back.
 */
export async function setPause(
  deps: PauseDeps,
  tabId: number,
  tab: TabState,
  paused: boolean,
): Promise<{ answer: SetPauseAnswer; tab: TabState }> {
  const { state } = deps;
  const refuse = (why: string) => ({ answer: { status: 'refused', why } as const, tab });
  if (paused && !mayPauseNow(state)) return refuse(whyMayNotPause(state));
  if (tab.page === null) return paused ? refuse(NOT_PROTECTED) : { answer: done(false), tab };
  if (tab.paused === paused) return { answer: done(paused), tab };
  const blocked = paused && deps.pauseBlocked ? await deps.pauseBlocked() : null;
  if (blocked) return refuse(blocked);

  const page = tab.page;
  try {
    await deps.enqueue(pauseEvent(state, paused, page));
  } catch (error) {
    console.error('[custodian] pause not recorded, so refused:', error);
    return refuse(NOT_RECORDED);
  }
  try {
    await deps.tell(tabId, { type: 'set-paused', paused });
  } catch {
    if (!paused) return { answer: done(false), tab: { page, paused: false } };
    await deps.enqueue(pauseEvent(state, false, page)).catch((error: unknown) => {
      console.error('[custodian] resume after an unanswered pause not recorded:', error);
    });
    return refuse(NO_ANSWER);
  }
  return { answer: done(paused), tab: { page, paused } };
}

const done = (paused: boolean): SetPauseAnswer => ({ status: 'done', paused });
