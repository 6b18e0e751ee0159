// How many values this browser revealed today, for the popup. The queue cannot say once events
// have been synced (they leave it), so each reveal is also counted here, per local day.
import { browser } from 'wxt/browser';
import { z } from 'zod';

const KEY = 'revealsByDay';
/** Days kept: the popup shows today; a week is plenty to survive a clock set back. */
const KEEP_DAYS = 7;

const CountsSchema = z.record(
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  z.number().int().nonnegative(),
);

/** The local calendar day of `ms`, as YYYY-MM-DD. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function read(): Promise<Record<string, number>> {
  const parsed = CountsSchema.safeParse((await browser.storage.local.get(KEY))[KEY]);
  return parsed.success ? parsed.data : {};
}

let writing: Promise<void> = Promise.resolve();

/** Counts one reveal on the day of `now`; writes are serialised so none is lost. */
export function countReveal(now: number = Date.now()): Promise<void> {
  // After a failed write, the next still runs (a rejected chain would skip every later one).
  writing = writing
    .catch(() => undefined)
    .then(async () => {
      const counts = await read();
      const day = localDate(now);
      counts[day] = (counts[day] ?? 0) + 1;
      const kept = Object.keys(counts).sort().slice(-KEEP_DAYS);
      await browser.storage.local.set({
        [KEY]: Object.fromEntries(kept.map((d) => [d, counts[d]])),
      });
    });
  return writing;
}

/** Reveals counted on the local day of `now`. */
export async function revealsOn(now: number = Date.now()): Promise<number> {
  return (await read())[localDate(now)] ?? 0;
}
