// When to try again after a failed sync: exponential backoff with full jitter (AWS architecture
// blog, "Exponential Backoff And Jitter"), and the server's Retry-After when it sends one.

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/**
 * Delay before attempt number `attempt` (0 = first retry): uniform in [0, min(cap, base × 2^n)).
 * Full jitter spreads a fleet of browsers that failed together, so they do not return together.
 *
 * @example
 *   backoffDelay(3, { baseMs: 1000, capMs: 300_000 }, Math.random); // 0 … 8000
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds a `Retry-After` header asks to wait: delta-seconds or an HTTP date; undefined
 * when absent or unreadable. Never negative; capped, so a wrong server clock cannot stall sync.
 *
 * @example
 *   retryAfterMs('120', Date.now(), 3_600_000); // 120000
 */
export function retryAfterMs(
  header: string | null,
  now: number,
  capMs: number,
): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, capMs);
  // An HTTP date names its weekday and month; Date.parse alone would read '-5' as a year.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), capMs);
}
