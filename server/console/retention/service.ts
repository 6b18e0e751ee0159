// The retention schedule (R10): what personal data the consent service holds has come due for
// destruction, by rule, and its destruction, recorded in the ledger with the count and the rule.
// The ledger itself is never destroyed here (R17): its entries hold keyed hashes and pseudonyms
// and are kept at least three years.
import {
  RetentionDestroyBodySchema,
  RetentionKindSchema,
  type RetentionResponse,
} from '../../../shared/schema/console-records';
import { RETENTION_RULES, type ConsentRecords } from '../../consent';
import { done, issuesText, refuse, type Outcome } from '../../consent/problems';
import type { Ledger } from '../../ledger';
import { isoAt } from '../http';
import { record } from '../record';

export interface RetentionDeps {
  /** The consent service's records (`consent.records`). */
  records: Pick<ConsentRecords, 'retentionDue' | 'destroyDue'>;
  ledger: Ledger;
  now: () => number;
}

/** What the console says of the ledger's own retention, on every retention page. */
export const LEDGER_RETENTION =
  'Ledger entries are kept at least three years (R17) and are never destroyed by the console: ' +
  'they hold keyed hashes and pseudonymous ids, never contact details, and the verifier would ' +
  'report any entry removed.';

/**
 * What is due for destruction now, per kind (`GET /admin/api/retention`).
 *
 * @example
 *   retentionReport(deps);
 *   // { checkedAt, due: [{ kind: 'verification-contacts', rule: 'Due 24 hours after…', count: 3, oldest: '…' }, …], ledger }
 */
export function retentionReport(deps: RetentionDeps): RetentionResponse {
  const now = deps.now();
  return {
    checkedAt: isoAt(now),
    due: RetentionKindSchema.options.map((kind) => {
      const { due, oldestDueAt } = deps.records.retentionDue(kind, now);
      return {
        kind,
        ...RETENTION_RULES[kind],
        count: due,
        oldest: oldestDueAt === null ? null : isoAt(oldestDueAt),
      };
    }),
    ledger: LEDGER_RETENTION,
  };
}

/**
 * Destroys what of one kind is due (`POST /admin/api/retention/destroy`), and records it in the
 * ledger (`retention-destroyed`, with the count and the rule) in the same transaction.
 *
 * @example
 *   destroyDue(deps, 'li.wei', { kind: 'verification-contacts' }); // { ok: true, value: { kind, destroyed: 3 } }
 */
export function destroyDue(
  deps: RetentionDeps,
  by: string,
  input: unknown,
): Outcome<{ kind: string; destroyed: number }> {
  const body = RetentionDestroyBodySchema.safeParse(input);
  if (!body.success) {
    return refuse(
      400,
      'bad_request',
      `Send {"kind": ${RetentionKindSchema.options.map((k) => `"${k}"`).join(' | ')}} (${issuesText(body.error.issues)}).`,
    );
  }
  const { kind } = body.data;
  const now = deps.now();
  const { what, rule } = RETENTION_RULES[kind];
  const destroyed = deps.records.destroyDue(kind, now, (count) => {
    record(deps.ledger, { kind: 'retention-destroyed', by, at: isoAt(now), what, count, rule });
  });
  return done({ kind, destroyed });
}
