// The consent service's refusals as values (STYLE.md: errors are data until the edge decides):
// each carries the HTTP status the routes answer with, a stable code and a message that says how
// to fix it, never a customer value.

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 410 | 429 | 502;

export interface ConsentProblem {
  status: ProblemStatus;
  code: string;
  message: string;
  /** For 429: when to try again. */
  retryAfterSeconds?: number;
}

/** A value, or the refusal itself (flat, so `outcome.message` reads as in a log line). */
export type Outcome<T> = { ok: true; value: T } | ({ ok: false } & ConsentProblem);

export const done = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const refuse = <T = never>(
  status: ProblemStatus,
  code: string,
  message: string,
  retryAfterSeconds?: number,
): Outcome<T> => ({
  ok: false,
  status,
  code,
  message,
  ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
});

/** The first few zod issues as `path: message`, without the values (they may be customer data). */
export function issuesText(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
