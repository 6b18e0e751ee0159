// Reads enterprise managed storage (Chrome policy) with a time limit. Chromium 156 answered
// `storage.managed.get` in 2.5 s on some profiles and not at all within 4 s on others (seen in
// the e2e runs), so nothing that must happen soon may wait on it unbounded.
import { browser } from 'wxt/browser';

/** Longest wait for managed storage; it answers in milliseconds once Chrome has loaded policy. */
export const MANAGED_READ_TIMEOUT_MS = 3000;

export type ManagedRead =
  | { available: true; values: Record<string, unknown> }
  /** Not answered in time: the caller decides what is safe meanwhile and reads again later. */
  | { available: false };

/** The keys' values; `{}` on a browser without managed storage (not enterprise-managed). */
export async function readManagedStorage(
  keys: readonly string[],
  timeoutMs: number = MANAGED_READ_TIMEOUT_MS,
): Promise<ManagedRead> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<ManagedRead>((resolve) => {
    timer = setTimeout(() => resolve({ available: false }), timeoutMs);
  });
  const read = browser.storage.managed.get([...keys]).then(
    (values): ManagedRead => ({ available: true, values }),
    // No managed storage on this browser or profile: nothing is pinned.
    (): ManagedRead => ({ available: true, values: {} }),
  );
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
