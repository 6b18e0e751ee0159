// What a reader of the published policy gets when the stored state cannot be trusted; zod-free,
// for the content script as much as for the background.
import type { PolicyState, StaffPolicy } from '../../../shared/schema';

/**
 * The fail-closed state in place of a published one that is missing (`stored` undefined: no
 * problem to show, the background has not published yet) or did not pass its schema.
 *
 * @example
 *   unreadableState(FAIL_CLOSED_POLICY, undefined).problems; // []
 *   unreadableState(FAIL_CLOSED_POLICY, { junk: 1 }).problems[0].path; // '(stored policy)'
 */
export function unreadableState(failClosed: StaffPolicy, stored: unknown): PolicyState {
  return {
    policy: failClosed,
    source: 'fail-closed',
    identity: null,
    identityManaged: false,
    problems:
      stored === undefined
        ? []
        : [
            {
              path: '(stored policy)',
              message: 'unreadable; the background rewrites it on restart',
            },
          ],
  };
}
