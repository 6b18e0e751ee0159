// Keeps the queue draining in an MV3 service worker that the browser stops at will: a sync runs
// on start-up, on a periodic alarm, when the network returns and soon after events are queued;
// after a failure it waits (backoff with full jitter, or Retry-After) using a one-shot alarm, so
// a stopped worker is woken for it. Its status is kept in storage for the popup.
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { backoffDelay, retryAfterMs } from './backoff';
import { readSyncSettings } from './settings';
import { syncAll } from './sync-all';
import type { SyncPorts } from './sync-once';

/** Periodic wake-up: Chrome's minimum for a packed extension's alarm period is 30 s. */
export const SYNC_PERIOD_MINUTES = 1;
/** First retry within a second or so, then doubling, at most five minutes apart. */
export const BACKOFF = { baseMs: 1_000, capMs: 300_000 } as const;
/** After this long without a successful sync the popup warns (a day's events not yet safe). */
export const SYNC_WARN_AFTER_MS = 60 * 60 * 1000;

const ALARM = 'custodian-sync';
const RETRY_ALARM = 'custodian-sync-retry';
const STATUS_KEY = 'syncStatus';

const SyncStatusSchema = z.object({
  lastSuccessAt: z.number().nullable(),
  failingSince: z.number().nullable(),
  lastError: z.string().nullable(),
  attempt: z.number().int().nonnegative(),
  nextRetryAt: z.number().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

const EMPTY: SyncStatus = {
  lastSuccessAt: null,
  failingSince: null,
  lastError: null,
  attempt: 0,
  nextRetryAt: null,
};

/** The sync status for the popup; a fresh status when none is stored or it does not parse. */
export async function readSyncStatus(): Promise<SyncStatus> {
  const parsed = SyncStatusSchema.safeParse(
    (await browser.storage.local.get(STATUS_KEY))[STATUS_KEY],
  );
  return parsed.success ? parsed.data : EMPTY;
}

/**
 * Starts the scheduler. `ports` reach the queue; returns `kick`, which asks for a sync soon
 * (after events were queued). Runs never overlap: a kick during a run schedules one more.
 */
export function startSyncScheduler(ports: SyncPorts): { kick(): void; runNow(): Promise<void> } {
  let running: Promise<void> | undefined;
  let again = false;

  async function run(): Promise<void> {
    const settings = await readSyncSettings();
    if (!settings) return; // Not set up yet: events wait, safe, in the queue.
    let status = await readSyncStatus();
    const succeeded = async () => {
      status = { ...EMPTY, lastSuccessAt: Date.now() };
      await browser.storage.local.set({ [STATUS_KEY]: status });
    };
    const outcome = await syncAll(ports, settings, { onSent: succeeded });
    if (outcome.kind === 'idle' && status.failingSince !== null) await succeeded();
    if (outcome.kind === 'retry' || outcome.kind === 'blocked') {
      const now = Date.now();
      const wait =
        outcome.kind === 'blocked'
          ? null
          : (retryAfterMs(outcome.retryAfter ?? null, now, BACKOFF.capMs) ??
            backoffDelay(status.attempt, BACKOFF, Math.random));
      status = {
        ...status,
        failingSince: status.failingSince ?? now,
        lastError: outcome.reason,
        attempt: status.attempt + 1,
        nextRetryAt: wait === null ? null : now + wait,
      };
      await browser.storage.local.set({ [STATUS_KEY]: status });
      if (wait !== null)
        await browser.alarms.create(RETRY_ALARM, { when: now + Math.max(wait, 1000) });
    }
  }

  function runNow(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = run()
      .catch((error: unknown) => console.error('[custodian] sync failed:', error))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void runNow();
        }
      });
    return running;
  }

  void browser.alarms.create(ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM || alarm.name === RETRY_ALARM) void runNow();
  });
  globalThis.addEventListener('online', () => void runNow());
  browser.storage.onChanged.addListener((changes, area) => {
    if (
      (area === 'local' || area === 'managed') &&
      ('serverUrl' in changes || 'deviceToken' in changes)
    ) {
      void runNow();
    }
  });
  void runNow();

  let kickTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    runNow,
    kick() {
      // Fold a burst of events into one request; the events are already safe on disk.
      kickTimer ??= setTimeout(() => {
        kickTimer = undefined;
        void runNow();
      }, 500);
    },
  };
}
